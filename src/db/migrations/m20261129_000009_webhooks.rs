//! Webhooks (API.md §8.4): the agency's subscriptions, the events stored with the changes that
//! made them (the outbox; their deliveries are jobs), and one row per delivery attempt.
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
                    .table("webhook_subscriptions")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("url").text().not_null())
                    .col(ColumnDef::new("events").json_binary().not_null())
                    // Sealed like social tokens: the signing secret is shown once, at creation.
                    .col(ColumnDef::new("secret").text().not_null())
                    .col(ColumnDef::new("active").boolean().not_null())
                    .col(ColumnDef::new("created_by").uuid().not_null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new("updated_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_events")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("type").text().not_null())
                    // The creator the payload names, so that erasure can delete it.
                    .col(ColumnDef::new("talent_id").uuid().null())
                    .col(ColumnDef::new("data").json_binary().not_null())
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
                    .name("ix_webhook_events_talent_id")
                    .table("webhook_events")
                    .col("talent_id")
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("subscription_id").uuid().not_null())
                    .col(ColumnDef::new("event_id").uuid().not_null())
                    .col(ColumnDef::new("type").text().not_null())
                    .col(ColumnDef::new("attempt").integer().not_null())
                    .col(ColumnDef::new("status").text().not_null())
                    .col(ColumnDef::new("response_status").integer().null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("webhook_deliveries", "subscription_id")
                            .to("webhook_subscriptions", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_deliveries_subscription")
                    .table("webhook_deliveries")
                    .col("subscription_id")
                    .col("id")
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "webhook_deliveries",
            "webhook_events",
            "webhook_subscriptions",
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
