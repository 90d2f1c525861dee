//! Indexes for the overview (docs/PERFORMANCE.md). Six cover its counts and the revenue
//! summary's aggregates, so each reads the index alone and never the table's rows: each replaces an index it extends, which every
//! query that used the shorter one still uses as a prefix. One more walks a creator's deals newest
//! first, so "the five latest active deals" stops after a few rows instead of sorting them all.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, the index replaced, the columns of the one that replaces it)
const REPLACED: [(&str, &str, &[&str]); 6] = [
    // open tasks overdue / due this week: creator, status, visible type, due date
    (
        "creator_tasks",
        "ix_creator_tasks_creator_id_status",
        &["creator_id", "status", "task_type", "due_at"],
    ),
    // upcoming events awaiting an answer: creator, start, status
    (
        "creator_events",
        "ix_creator_events_creator_id_start_at",
        &["creator_id", "start_at", "status"],
    ),
    // unread insights not yet expired: creator, read, expiry
    (
        "creator_insights",
        "ix_creator_insights_creator_id_is_read",
        &["creator_id", "is_read", "expires_at"],
    ),
    // the revenue summary's three aggregates, each then read from its index alone
    (
        "invoices",
        "ix_invoices_deal_id_status",
        &["deal_id", "status", "currency", "paid_at", "amount_minor"],
    ),
    (
        "payouts",
        "ix_payouts_talent_id_status",
        &["talent_id", "status", "currency", "amount_minor"],
    ),
    (
        "deals",
        "ix_deals_talent_id_stage",
        &["talent_id", "stage", "currency", "value_minor"],
    ),
];

/// (table, columns) of the indexes added.
const ADDED: [(&str, &[&str]); 1] = [("deals", &["talent_id", "id"])];

async fn drop_covering(
    manager: &SchemaManager<'_>,
    table: &'static str,
    cols: &[&str],
) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(name(table, cols))
                .table(table)
                .to_owned(),
        )
        .await
}

fn name(table: &str, cols: &[&str]) -> String {
    format!("ix_{table}_{}", cols.join("_"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, old, cols) in REPLACED {
            let mut index = Index::create();
            index.name(name(table, cols)).table(table);
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
            manager
                .drop_index(Index::drop().name(old).table(table).to_owned())
                .await?;
        }
        for (table, cols) in ADDED {
            let mut index = Index::create();
            index.name(name(table, cols)).table(table);
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, cols) in ADDED {
            drop_covering(manager, table, cols).await?;
        }
        for (table, old, cols) in REPLACED {
            let shorter = &cols[..2];
            let mut index = Index::create();
            index.name(old).table(table);
            for col in shorter {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
            drop_covering(manager, table, cols).await?;
        }
        Ok(())
    }
}
