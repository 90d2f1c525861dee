//! The whole data model of API.md §4, written once for SQLite and PostgreSQL.
//!
//! Shipped: never edit; add a migration instead.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn id() -> ColumnDef {
    ColumnDef::new("id").uuid().not_null().primary_key().take()
}
fn uuid(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().not_null().take()
}
fn uuid_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().null().take()
}
fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().take()
}
fn text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().null().take()
}
fn time(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}
fn time_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .take()
}
fn date_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).date().null().take()
}
fn money(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().take()
}
fn boolean(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).boolean().not_null().take()
}
fn json_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).json_binary().null().take()
}

/// A table with `id`, the given columns, `created_at` and (for mutable records) `updated_at`.
fn table(name: &'static str, cols: Vec<ColumnDef>, mutable: bool) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).col(id());
    for mut col in cols {
        table.col(&mut col);
    }
    table.col(time("created_at"));
    if mutable {
        table.col(time("updated_at"));
    }
    table.take()
}

fn fk(
    table: &'static str,
    column: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(to, "id")
        .on_delete(on_delete)
        .take()
}

fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("ix_{table}_{}", cols.join("_")))
        .table(table);
    for col in cols {
        index.col(*col);
    }
    index.take()
}

fn unique(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = index(table, cols);
    index
        .name(format!("ux_{table}_{}", cols.join("_")))
        .unique();
    index
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

/// The tables in creation order, each with its foreign keys and indexes.
fn schema() -> Vec<(TableCreateStatement, Vec<IndexCreateStatement>)> {
    let with_fks = |mut t: TableCreateStatement, fks: Vec<ForeignKeyCreateStatement>| {
        for mut fk in fks {
            t.foreign_key(&mut fk);
        }
        t
    };
    vec![
        (
            table(
                "users",
                vec![
                    text("email"),
                    text("name"),
                    text("role"),
                    boolean("active"),
                    text("onboarding_status"),
                    text("password_hash"),
                    text_null("admin_notes"),
                ],
                true,
            ),
            vec![unique("users", &["email"]), index("users", &["role"])],
        ),
        (
            with_fks(
                table(
                    "talents",
                    vec![
                        uuid_null("user_id"),
                        text("display_name"),
                        ColumnDef::new("categories").json_binary().not_null().take(),
                        text("stage"),
                    ],
                    true,
                ),
                vec![fk("talents", "user_id", "users", SetNull)],
            ),
            vec![
                unique("talents", &["user_id"]),
                index("talents", &["stage"]),
            ],
        ),
        (
            table(
                "brands",
                vec![
                    text("name"),
                    ColumnDef::new("values").json_binary().not_null().take(),
                    text_null("target_audience"),
                    text_null("website"),
                ],
                true,
            ),
            vec![],
        ),
        (
            with_fks(
                table(
                    "deals",
                    vec![
                        uuid("talent_id"),
                        uuid("brand_id"),
                        text("name"),
                        text("stage"),
                        money("value_minor"),
                        text("currency"),
                        date_null("start_date"),
                        date_null("end_date"),
                        text_null("next_action"),
                        time_null("next_action_due_at"),
                        text_null("negotiation_notes"),
                        text_null("agent_notes"),
                        text_null("contract_terms"),
                    ],
                    true,
                ),
                vec![
                    fk("deals", "talent_id", "talents", Restrict),
                    fk("deals", "brand_id", "brands", Restrict),
                ],
            ),
            vec![
                index("deals", &["talent_id", "stage"]),
                index("deals", &["brand_id"]),
                index("deals", &["stage"]),
            ],
        ),
        (
            with_fks(
                table(
                    "deliverables",
                    vec![
                        uuid("deal_id"),
                        text("title"),
                        text_null("description"),
                        time_null("due_at"),
                        text("status"),
                        time_null("approved_at"),
                        uuid_null("approved_by"),
                    ],
                    true,
                ),
                vec![
                    fk("deliverables", "deal_id", "deals", Cascade),
                    fk("deliverables", "approved_by", "users", SetNull),
                ],
            ),
            vec![
                index("deliverables", &["deal_id"]),
                index("deliverables", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "invoices",
                    vec![
                        uuid("deal_id"),
                        money("amount_minor"),
                        text("currency"),
                        text("status"),
                        text("invoice_number"),
                        time_null("issued_at"),
                        time_null("due_at"),
                        time_null("paid_at"),
                    ],
                    true,
                ),
                vec![fk("invoices", "deal_id", "deals", Restrict)],
            ),
            vec![
                unique("invoices", &["invoice_number"]),
                index("invoices", &["deal_id", "status"]),
                index("invoices", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "payments",
                    vec![
                        uuid("invoice_id"),
                        money("amount_minor"),
                        text("currency"),
                        text("method"),
                        time_null("received_at"),
                        text_null("reference"),
                    ],
                    true,
                ),
                vec![fk("payments", "invoice_id", "invoices", Restrict)],
            ),
            vec![index("payments", &["invoice_id"])],
        ),
        (
            with_fks(
                table(
                    "payouts",
                    vec![
                        uuid("talent_id"),
                        uuid_null("deal_id"),
                        money("amount_minor"),
                        text("currency"),
                        text("status"),
                        time_null("scheduled_for"),
                        time_null("paid_at"),
                        text_null("reference"),
                    ],
                    true,
                ),
                vec![
                    fk("payouts", "talent_id", "talents", Restrict),
                    fk("payouts", "deal_id", "deals", Restrict),
                ],
            ),
            vec![
                index("payouts", &["talent_id", "status"]),
                index("payouts", &["deal_id"]),
                index("payouts", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "opportunities",
                    vec![
                        uuid("brand_id"),
                        text("title"),
                        text_null("description"),
                        text_null("location"),
                        ColumnDef::new("payment_minor").big_integer().null().take(),
                        text_null("currency"),
                        text("status"),
                        date_null("deadline"),
                    ],
                    true,
                ),
                vec![fk("opportunities", "brand_id", "brands", Cascade)],
            ),
            vec![
                index("opportunities", &["brand_id"]),
                index("opportunities", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "notifications",
                    vec![
                        uuid("user_id"),
                        text("kind"),
                        text("title"),
                        text_null("body"),
                        text_null("entity_type"),
                        uuid_null("entity_id"),
                        time_null("read_at"),
                    ],
                    false,
                ),
                vec![fk("notifications", "user_id", "users", Cascade)],
            ),
            vec![index("notifications", &["user_id", "read_at"])],
        ),
        (
            with_fks(
                table(
                    "outreach_tasks",
                    vec![
                        uuid("talent_id"),
                        uuid_null("brand_id"),
                        text("title"),
                        text("status"),
                        time_null("due_at"),
                        uuid_null("owner_id"),
                        text_null("notes"),
                    ],
                    true,
                ),
                vec![
                    fk("outreach_tasks", "talent_id", "talents", Cascade),
                    fk("outreach_tasks", "brand_id", "brands", SetNull),
                    fk("outreach_tasks", "owner_id", "users", SetNull),
                ],
            ),
            vec![
                index("outreach_tasks", &["talent_id", "status"]),
                index("outreach_tasks", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "creator_goals",
                    vec![
                        uuid("creator_id"),
                        text("goal_type"),
                        text("title"),
                        ColumnDef::new("target_value").double().null().take(),
                        text_null("timeframe"),
                        ColumnDef::new("progress").double().not_null().take(),
                        boolean("active"),
                    ],
                    true,
                ),
                vec![fk("creator_goals", "creator_id", "talents", Cascade)],
            ),
            vec![
                index("creator_goals", &["creator_id", "active"]),
                index("creator_goals", &["goal_type"]),
            ],
        ),
        (
            with_fks(
                table(
                    "creator_events",
                    vec![
                        uuid("creator_id"),
                        text("event_name"),
                        text("event_type"),
                        text_null("description"),
                        text_null("location"),
                        time("start_at"),
                        time_null("end_at"),
                        text("status"),
                        text("source"),
                        uuid_null("source_user_id"),
                        text_null("creator_notes"),
                        text_null("decline_reason"),
                    ],
                    true,
                ),
                vec![
                    fk("creator_events", "creator_id", "talents", Cascade),
                    fk("creator_events", "source_user_id", "users", SetNull),
                ],
            ),
            vec![
                index("creator_events", &["creator_id", "status"]),
                index("creator_events", &["creator_id", "start_at"]),
                index("creator_events", &["start_at"]),
                index("creator_events", &["status"]),
            ],
        ),
        (
            with_fks(
                table(
                    "social_account_connections",
                    vec![
                        uuid("creator_id"),
                        text("platform"),
                        text("handle"),
                        boolean("connected"),
                        text_null("access_token"),
                        text_null("refresh_token"),
                        time_null("expires_at"),
                        time_null("last_synced_at"),
                        ColumnDef::new("followers").big_integer().null().take(),
                        ColumnDef::new("engagement_rate").double().null().take(),
                        ColumnDef::new("avg_views").big_integer().null().take(),
                        json_null("metadata"),
                    ],
                    true,
                ),
                vec![fk(
                    "social_account_connections",
                    "creator_id",
                    "talents",
                    Cascade,
                )],
            ),
            vec![
                unique("social_account_connections", &["creator_id", "platform"]),
                index("social_account_connections", &["creator_id", "connected"]),
                index("social_account_connections", &["platform"]),
            ],
        ),
        (
            with_fks(
                table(
                    "creator_insights",
                    vec![
                        uuid("creator_id"),
                        text("insight_type"),
                        text("title"),
                        text_null("summary"),
                        text_null("context"),
                        json_null("metadata"),
                        ColumnDef::new("priority").integer().not_null().take(),
                        boolean("is_read"),
                        time_null("expires_at"),
                    ],
                    true,
                ),
                vec![fk("creator_insights", "creator_id", "talents", Cascade)],
            ),
            vec![
                index("creator_insights", &["creator_id", "is_read"]),
                index(
                    "creator_insights",
                    &["creator_id", "priority", "created_at"],
                ),
                index("creator_insights", &["insight_type"]),
            ],
        ),
        (
            with_fks(
                table(
                    "creator_tasks",
                    vec![
                        uuid("creator_id"),
                        text("title"),
                        text_null("description"),
                        text("task_type"),
                        time_null("due_at"),
                        time_null("completed_at"),
                        text("priority"),
                        text("status"),
                        uuid_null("linked_deal_id"),
                        uuid_null("linked_deliverable_id"),
                        uuid_null("created_by"),
                    ],
                    true,
                ),
                vec![
                    fk("creator_tasks", "creator_id", "talents", Cascade),
                    fk("creator_tasks", "linked_deal_id", "deals", SetNull),
                    fk(
                        "creator_tasks",
                        "linked_deliverable_id",
                        "deliverables",
                        SetNull,
                    ),
                    fk("creator_tasks", "created_by", "users", SetNull),
                ],
            ),
            vec![
                index("creator_tasks", &["creator_id", "status"]),
                index("creator_tasks", &["creator_id", "due_at"]),
                index("creator_tasks", &["linked_deal_id"]),
                index("creator_tasks", &["priority"]),
            ],
        ),
        (
            with_fks(
                table(
                    "wellness_checkins",
                    vec![
                        uuid("creator_id"),
                        ColumnDef::new("energy_level").integer().not_null().take(),
                        text("workload"),
                        text_null("notes"),
                    ],
                    false,
                ),
                vec![fk("wellness_checkins", "creator_id", "talents", Cascade)],
            ),
            vec![index("wellness_checkins", &["creator_id", "created_at"])],
        ),
        (
            with_fks(
                table(
                    "ai_prompt_history",
                    vec![
                        uuid("creator_id"),
                        text("prompt"),
                        text("response"),
                        text_null("category"),
                        ColumnDef::new("helpful").boolean().null().take(),
                    ],
                    true,
                ),
                vec![fk("ai_prompt_history", "creator_id", "talents", Cascade)],
            ),
            vec![
                index("ai_prompt_history", &["creator_id", "created_at"]),
                index("ai_prompt_history", &["category"]),
            ],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, indexes) in schema() {
            manager.create_table(table).await?;
            for index in indexes {
                manager.create_index(index).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _) in schema().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .ok_or_else(|| DbErr::Migration("table without a name".to_owned()))?;
            manager.drop_table(Table::drop().table(name).take()).await?;
        }
        Ok(())
    }
}
