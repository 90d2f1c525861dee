//! Erasure (API.md §8.4): `talents.erased_at` marks a talent whose creator's personal data was
//! erased, so that erasing again changes nothing.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("talents")
                    .add_column(
                        ColumnDef::new("erased_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("talents")
                    .drop_column("erased_at")
                    .take(),
            )
            .await
    }
}
