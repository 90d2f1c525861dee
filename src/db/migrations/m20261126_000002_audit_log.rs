//! The append-only audit log of staff writes to money and users. Triggers on both databases
//! refuse UPDATE and DELETE, so not even a bug in the service can rewrite history.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    // No foreign key: an entry outlives what it describes, and must never be
                    // rewritten by a cascade.
                    .col(ColumnDef::new("actor_id").uuid().not_null())
                    .col(ColumnDef::new("actor_email").text().not_null())
                    .col(ColumnDef::new("action").text().not_null())
                    .col(ColumnDef::new("entity_type").text().not_null())
                    .col(ColumnDef::new("entity_id").uuid().not_null())
                    .col(ColumnDef::new("before").json_binary().null())
                    .col(ColumnDef::new("after").json_binary().null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .take(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_audit_log_entity",
                ["entity_type", "entity_id"].as_slice(),
            ),
            ("ix_audit_log_actor_id", ["actor_id"].as_slice()),
        ] {
            let mut index = Index::create();
            index.name(name).table("audit_log");
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    ))
                    .await?;
                }
            }
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            other => {
                return Err(DbErr::Migration(format!("unsupported database: {other:?}")));
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("audit_log").take())
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        Ok(())
    }
}
