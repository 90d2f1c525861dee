//! The one door to the database: connecting (SQLite or PostgreSQL), migrating, and the
//! query functions handlers call. Nothing here knows about HTTP.

pub mod entities;
pub mod migrations;
pub mod pagination;
pub mod prepared;
pub mod queries;
pub mod read;
pub mod snapshot;

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

pub use read::Read;
pub use sea_orm::DatabaseConnection as Db;
pub use snapshot::{Snapshot, Snapshots};

/// Opens a pool. SQLite gets WAL, foreign keys and a busy timeout, so concurrent writers
/// wait for each other instead of failing with "database is locked".
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, max_connections, false).await
}

/// [`connect`], optionally logging every SQL statement (at debug level, target `sqlx::query`;
/// for looking at query plans, never in production: statements carry no values, but are many).
pub async fn connect_with(
    url: &str,
    max_connections: u32,
    log_statements: bool,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(log_statements)
        .sqlx_logging_level(tracing::log::LevelFilter::Debug);
    if url.starts_with("postgres") {
        // Every statement is prepared once per connection; with custom plans PostgreSQL would
        // plan it again on each execution (a planning of up to a millisecond for an indexed
        // lookup of a few rows). The generic plans use the same indexes (docs/PERFORMANCE.md).
        options.map_sqlx_postgres_opts(|opts| {
            opts.options([("plan_cache_mode", "force_generic_plan")])
        });
    }
    if url.starts_with("sqlite:") {
        options.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrations::Migrator::up(db, None).await
}

/// True when the database answers a trivial query.
pub async fn ping(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
