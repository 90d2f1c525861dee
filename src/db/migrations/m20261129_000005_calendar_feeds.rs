//! The creator's calendar feed (API.md §8.4): at most one live feed per talent, found by the
//! SHA-256 of its secret token. The token itself is never stored, so a copy of the database does
//! not open anyone's calendar.
//!
//! `user_id` is the login that made the feed: the feed answers only while that login is still
//! the talent's, active and a creator's.
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
                    .table("calendar_feeds")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("talent_id").uuid().not_null())
                    .col(ColumnDef::new("user_id").uuid().not_null())
                    // Lower-case hex of SHA-256(token): 64 characters.
                    .col(ColumnDef::new("token_hash").text().not_null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_talent_id")
                            .from("calendar_feeds", "talent_id")
                            .to("talents", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_user_id")
                            .from("calendar_feeds", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        for (name, column) in [
            // One live feed per creator: a new one replaces it (an upsert on this index).
            ("ux_calendar_feeds_talent_id", "talent_id"),
            ("ux_calendar_feeds_token_hash", "token_hash"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("calendar_feeds")
                        .col(column)
                        .unique()
                        .take(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_calendar_feeds_user_id")
                    .table("calendar_feeds")
                    .col("user_id")
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("calendar_feeds").take())
            .await
    }
}
