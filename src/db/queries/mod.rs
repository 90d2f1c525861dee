//! Query functions, one file per table. Each takes `&impl ConnectionTrait` (a pool or a
//! transaction) and returns rows; creator queries take the owner's `TalentId`.

pub mod ai_history;
pub mod audit_log;
pub mod audit_records;
pub mod brands;
pub mod calendar_feeds;
pub mod creator_deals;
pub mod deals;
pub mod deliverables;
pub mod erasure;
pub mod events;
pub mod export;
pub mod goals;
pub mod idempotency;
pub mod insights;
pub mod invoices;
pub mod jobs;
pub mod leases;
pub mod notifications;
pub mod oauth_states;
pub mod opportunities;
pub mod outreach_tasks;
pub mod payments;
pub mod payouts;
pub mod revenue;
pub mod social_sync;
pub mod socials;
pub mod talents;
pub mod tasks;
pub mod users;
pub mod webhooks;
pub mod wellness;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Value;
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, Query, SelectStatement,
    WindowStatement,
};
use sea_orm::{DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};

use crate::db::pagination::{KeyKind, SortKey};
use crate::db::prepared::Prepared;
use crate::db::read::{FromRow, Read, Row};

/// Now, at the microsecond precision both databases store, so a written time reads back equal.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A record before and after an update (in the update's transaction, so the pair is exact).
#[derive(Debug, Clone)]
pub struct Updated<M> {
    pub before: M,
    pub after: M,
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

/// The statements of [`first_rows_and_counts`], for a [`Prepared`]: the first `limit` rows of a
/// filtered list in `order`, and for each of `counts` how many of all the list's rows meet it
/// (`None`: all of them) — the overview's "first few and how many". The one query here that
/// differs by backend, for a measured reason:
///
/// On PostgreSQL in one statement, the counts as window aggregates beside each row: one round
/// trip to the server instead of several. On SQLite as separate statements: there a window makes
/// SQLite copy every row of the list into a temporary table, 2–14× slower than an index-only
/// count, and a statement costs no round trip (docs/PERFORMANCE.md).
pub(crate) fn first_rows_and_counts_statements<E: EntityTrait, const N: usize>(
    backend: DbBackend,
    list: Select<E>,
    order: impl Fn(Select<E>) -> Select<E>,
    limit: u64,
    counts: [Option<Condition>; N],
) -> Vec<SelectStatement> {
    if backend == DbBackend::Sqlite {
        let mut statements = vec![order(list.clone()).limit(limit).into_query()];
        for condition in counts {
            let counted = match condition {
                Some(condition) => list.clone().filter(condition),
                None => list.clone(),
            };
            statements.push(count_statement(counted));
        }
        return statements;
    }
    let mut select = order(list).limit(limit);
    for (i, condition) in counts.into_iter().enumerate() {
        let aggregate = match condition {
            Some(condition) => count_when(condition),
            None => count_all(),
        };
        select = over_the_list(select, aggregate, window_count_alias(i));
    }
    vec![select.into_query()]
}

/// Runs the statements [`first_rows_and_counts_statements`] built into `statements`: the first
/// rows, read as `M`, and the `N` counts.
pub(crate) async fn first_rows_and_counts<M, const P: usize, const N: usize>(
    db: &impl Read,
    statements: &Prepared<P>,
    params: [Value; P],
) -> Result<(Vec<M>, [u64; N]), DbErr>
where
    M: FromRow + Send,
{
    let mut bound = statements.bind(db.backend(), &params).into_iter();
    let first = bound
        .next()
        .ok_or_else(|| DbErr::Custom("the first rows without a statement".to_owned()))?;
    if db.backend() == DbBackend::Sqlite {
        let rows = db.query(first.sql, &first.values).await?;
        let mut totals = [0; N];
        for (total, counted) in totals.iter_mut().zip(bound) {
            let n: Vec<(i64,)> = db.query(counted.sql, &counted.values).await?;
            *total = n.first().map_or(0, |(n,)| count(*n));
        }
        return Ok((rows, totals));
    }
    let rows: Vec<WithTotals<M, WindowCounts<N>>> = db.query(first.sql, &first.values).await?;
    let totals = rows
        .first()
        .map_or([0; N], |first| first.totals.0.map(count));
    Ok((rows.into_iter().map(|r| r.row).collect(), totals))
}

/// How many rows `select` keeps, as `SELECT COUNT(*) FROM … WHERE …`. (SeaORM's `count()`
/// wraps the whole select, every column named, in a subquery: the same plan, but more SQL to
/// build on every call.)
pub(crate) async fn count_rows<E: EntityTrait>(
    db: &impl Read,
    select: Select<E>,
) -> Result<u64, DbErr> {
    let statement = db.backend().build(&count_statement(select));
    let rows: Vec<(i64,)> = db.rows(statement).await?;
    Ok(rows.first().map_or(0, |(n,)| count(*n)))
}

/// The statement of [`count_rows`].
pub(crate) fn count_statement<E: EntityTrait>(select: Select<E>) -> SelectStatement {
    select.select_only().expr_as(count_all(), "n").into_query()
}

/// The alias of the name [`Named`] reads.
pub(crate) const NAME_ALIAS: &str = "referenced_name";

/// `(SELECT name FROM table WHERE table.id = foreign_key)`: the subquery [`Named`] reads, to
/// narrow further before use.
pub(crate) fn name_by_id<T: EntityTrait>(
    table: T,
    name: T::Column,
    id: T::Column,
    foreign_key: impl IntoColumnRef,
) -> SelectStatement {
    Query::select()
        .column((table, name))
        .from(table)
        .and_where(Expr::col((table, id)).equals(foreign_key))
        .to_owned()
}

/// A row with the name of a record it refers to, selected beside it as [`NAME_ALIAS`] by a
/// correlated subquery: one statement instead of a second one for the names. (Only where the
/// rows come in index order: SQLite evaluates a select-list subquery for every row it sorts,
/// not only for the few it returns.)
#[derive(Debug)]
pub(crate) struct Named<M> {
    pub row: M,
    pub name: Option<String>,
}

impl<M: FromRow> FromRow for Named<M> {
    fn from_row(row: &impl Row) -> Result<Self, DbErr> {
        Ok(Self {
            row: M::from_row(row)?,
            name: row.get(usize::MAX, NAME_ALIAS)?,
        })
    }
}

fn window_count_alias(i: usize) -> String {
    format!("list_count_{i}")
}

/// The window counts of [`first_rows_and_counts`], as selected beside a row.
struct WindowCounts<const N: usize>([i64; N]);

impl<const N: usize> FromRow for WindowCounts<N> {
    fn from_row(row: &impl Row) -> Result<Self, DbErr> {
        let mut counts = [0; N];
        for (i, n) in counts.iter_mut().enumerate() {
            *n = row.get(usize::MAX, &window_count_alias(i))?;
        }
        Ok(Self(counts))
    }
}

/// A row of a list with figures about the whole list beside it: a page of the list and its
/// totals in one statement (see [`over_the_list`]).
#[derive(Debug)]
pub struct WithTotals<M, T> {
    pub row: M,
    pub totals: T,
}

impl<M: FromRow, T: FromRow> FromRow for WithTotals<M, T> {
    fn from_row(row: &impl Row) -> Result<Self, DbErr> {
        Ok(Self {
            row: M::from_row(row)?,
            totals: T::from_row(row)?,
        })
    }
}

/// Selects `aggregate OVER ()` as `alias` beside each row: the aggregate of every row the
/// filter keeps, computed before the `LIMIT`. An empty list has no rows, and so no totals:
/// callers read that as zero.
pub(crate) fn over_the_list<E: EntityTrait>(
    mut select: Select<E>,
    aggregate: Expr,
    alias: impl Into<String>,
) -> Select<E> {
    QueryTrait::query(&mut select).expr_window_as(
        aggregate,
        WindowStatement::new(),
        Alias::new(alias),
    );
    select
}

// The window aggregates below go uncast (a window applies to the aggregate itself, not to a
// cast of it): both are bigints on PostgreSQL (`count` and `sum` of integers) and integers on
// SQLite.

/// `COUNT(*)`.
pub(crate) fn count_all() -> Expr {
    Func::count(Expr::cust("*")).into()
}

/// `SUM(CASE WHEN condition THEN 1 ELSE 0 END)`: how many rows meet it.
pub(crate) fn count_when(condition: impl Into<Condition>) -> Expr {
    let one_if: Expr = Expr::case(condition.into(), 1).finally(0).into();
    Func::sum(one_if).into()
}

/// A count read back from the database as a `u64` (a negative one cannot happen; it reads 0).
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
