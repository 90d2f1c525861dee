//! Safe retries (API.md §8.4): the first answer to each `Idempotency-Key`, per user, method and
//! path, kept 24 hours. A row without a status is a request still running.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("user_id").uuid().not_null())
                    .col(ColumnDef::new("method").text().not_null())
                    .col(ColumnDef::new("path").text().not_null())
                    .col(ColumnDef::new("idempotency_key").text().not_null())
                    .col(ColumnDef::new("request_hash").text().not_null())
                    .col(ColumnDef::new("response_status").integer().null())
                    .col(ColumnDef::new("response_content_type").text().null())
                    .col(ColumnDef::new("response_body").binary().null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("idempotency_keys", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_idempotency_keys_request")
                    .table("idempotency_keys")
                    .col("user_id")
                    .col("method")
                    .col("path")
                    .col("idempotency_key")
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_idempotency_keys_created_at")
                    .table("idempotency_keys")
                    .col("created_at")
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("idempotency_keys").take())
            .await
    }
}
