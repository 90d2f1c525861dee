//! Social accounts through OAuth (API.md §8.3):
//! - `oauth_states`: a flow begun and not yet finished, found by the SHA-256 of its `state` (the
//!   state itself is not stored), bound to a creator and a platform, with its PKCE verifier
//!   sealed like the social tokens. Used when Redis is not configured.
//! - `social_readings`: one row per sync of an account, for the `trend` insights.
//! - `service_leases`: one row per periodic task run by one instance at a time (the social sync),
//!   taken with a conditional UPDATE.
//! - `social_account_connections.refresh_refused`: the platform refused the last refresh.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("oauth_states")
                    // Lower-case hex of SHA-256(state).
                    .col(ColumnDef::new("state_hash").text().not_null().primary_key())
                    .col(ColumnDef::new("creator_id").uuid().not_null())
                    .col(ColumnDef::new("platform").text().not_null())
                    .col(ColumnDef::new("sealed_verifier").text().not_null())
                    .col(timestamp("expires_at"))
                    .col(timestamp("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_states_creator_id")
                            .from("oauth_states", "creator_id")
                            .to("talents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_states_expires_at")
                    .table("oauth_states")
                    .col("expires_at")
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("social_readings")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("connection_id").uuid().not_null())
                    .col(ColumnDef::new("followers").big_integer().null())
                    .col(ColumnDef::new("engagement_rate").double().null())
                    .col(ColumnDef::new("avg_views").big_integer().null())
                    .col(timestamp("taken_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_social_readings_connection_id")
                            .from("social_readings", "connection_id")
                            .to("social_account_connections", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_social_readings_connection_taken")
                    .table("social_readings")
                    .col("connection_id")
                    .col("taken_at")
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("service_leases")
                    .col(ColumnDef::new("name").text().not_null().primary_key())
                    .col(ColumnDef::new("holder").text().null())
                    .col(timestamp("expires_at"))
                    .col(
                        ColumnDef::new("last_finished_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("social_account_connections")
                    .add_column(
                        ColumnDef::new("refresh_refused")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("social_account_connections")
                    .drop_column("refresh_refused")
                    .take(),
            )
            .await?;
        for table in ["service_leases", "social_readings", "oauth_states"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
