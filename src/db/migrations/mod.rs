//! Migrations, applied in order by `serve` and `migrate`. Written once for both databases.

use sea_orm_migration::prelude::*;

mod m20261126_000001_initial;
mod m20261126_000002_audit_log;
mod m20261126_000003_covering_indexes;
mod m20261129_000004_token_revocation;
mod m20261129_000005_calendar_feeds;
mod m20261129_000006_talent_erasure;
mod m20261129_000007_idempotency_keys;
mod m20261129_000008_jobs;
mod m20261129_000009_webhooks;
mod m20261129_000010_social_oauth;
mod m20261129_000011_invoice_talent;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_initial::Migration),
            Box::new(m20261126_000002_audit_log::Migration),
            Box::new(m20261126_000003_covering_indexes::Migration),
            Box::new(m20261129_000004_token_revocation::Migration),
            Box::new(m20261129_000005_calendar_feeds::Migration),
            Box::new(m20261129_000006_talent_erasure::Migration),
            Box::new(m20261129_000007_idempotency_keys::Migration),
            Box::new(m20261129_000008_jobs::Migration),
            Box::new(m20261129_000009_webhooks::Migration),
            Box::new(m20261129_000010_social_oauth::Migration),
            Box::new(m20261129_000011_invoice_talent::Migration),
        ]
    }
}
