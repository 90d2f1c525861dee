//! Query functions, one file per table. Each takes `&impl ConnectionTrait` (a pool or a
//! transaction) and returns rows; creator queries take the owner's `TalentId`.

pub mod ai_history;
pub mod audit_log;
pub mod brands;
pub mod creator_deals;
pub mod deals;
pub mod deliverables;
pub mod events;
pub mod goals;
pub mod insights;
pub mod invoices;
pub mod notifications;
pub mod opportunities;
pub mod outreach_tasks;
pub mod payments;
pub mod payouts;
pub mod revenue;
pub mod socials;
pub mod talents;
pub mod tasks;
pub mod users;
pub mod wellness;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr};

use crate::db::pagination::{KeyKind, SortKey};

/// Now, at the microsecond precision both databases store, so a written time reads back equal.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// What a delete did. `Blocked` names what still refers to the record (API.md §4: money
/// records are never lost), which the API answers with 409.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    NotFound,
    Blocked(&'static str),
}

/// The sort of the agency's lists: newest first (UUID v7 ids are in creation order).
pub(crate) fn newest_first(id: impl IntoColumnRef) -> [SortKey; 1] {
    [SortKey::desc(Expr::col(id), KeyKind::Uuid)]
}

/// `LOWER(column) LIKE '%needle%'`: a case-insensitive "contains" that means the same on
/// SQLite and PostgreSQL (SQLite lower-cases ASCII only). `%`, `_` and `\` in the needle
/// match themselves.
pub(crate) fn contains_ci(column: impl IntoColumnRef, needle: &str) -> Expr {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}
