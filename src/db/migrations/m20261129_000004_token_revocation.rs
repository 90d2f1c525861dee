//! Signing out everywhere (API.md §8.1): `users.tokens_valid_from` holds the second (Unix time)
//! from which the user's tokens are good. Sign-out, a password change and an admin's password
//! reset set it to now; a token issued (`iat`) before it is refused.
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
                    .table("users")
                    .add_column(
                        ColumnDef::new("tokens_valid_from")
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .drop_column("tokens_valid_from")
                    .take(),
            )
            .await
    }
}
