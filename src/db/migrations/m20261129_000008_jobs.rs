//! The background jobs (`crate::jobs`): durable work claimed by one worker at a time. A job with
//! a `queue` waits for every earlier job of its queue; a `unique_key` is held by one job at most.
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
                    .table("jobs")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("kind").text().not_null())
                    .col(ColumnDef::new("queue").text().null())
                    .col(ColumnDef::new("unique_key").text().null())
                    .col(ColumnDef::new("payload").json_binary().not_null())
                    .col(
                        ColumnDef::new("run_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("attempts").integer().not_null().default(0))
                    .col(
                        ColumnDef::new("locked_until")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new("last_error").text().null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_jobs_run_at")
                    .table("jobs")
                    .col("run_at")
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_jobs_queue")
                    .table("jobs")
                    .col("queue")
                    .col("id")
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_jobs_unique_key")
                    .table("jobs")
                    .col("unique_key")
                    .unique()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("jobs").take()).await
    }
}
