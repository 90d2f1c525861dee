//! `invoices.talent_id`: the creator an invoice is for, copied from its deal (which never
//! changes creator, and an invoice never changes deal), so a creator's invoices are one range of
//! an index. Reaching them through the deals instead cost the revenue summary one index search
//! per deal: most of its time (docs/PERFORMANCE.md, 2026-11-29).
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "ix_invoices_talent_id_currency_status_paid_at_amount_minor";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("invoices")
                    .add_column(ColumnDef::new("talent_id").uuid().null())
                    .take(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE invoices SET talent_id = \
                 (SELECT deals.talent_id FROM deals WHERE deals.id = invoices.deal_id)",
            )
            .await?;
        // Every invoice has a deal, so now every one has a creator. SQLite cannot add the
        // constraint to an existing column; every insert sets it there too.
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE invoices ALTER COLUMN talent_id SET NOT NULL")
                .await?;
        }
        // The revenue summary's invoices, read from the index alone, already in currency order
        // for its GROUP BY.
        let mut index = Index::create();
        index.name(INDEX).table("invoices");
        for col in ["talent_id", "currency", "status", "paid_at", "amount_minor"] {
            index.col(col);
        }
        manager.create_index(index.take()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table("invoices").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("invoices")
                    .drop_column("talent_id")
                    .take(),
            )
            .await
    }
}
