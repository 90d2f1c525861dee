//! One door for reads, written once for both databases: a statement built by sea-query for the
//! connection's backend, run by whatever holds the connection, and each row decoded into our
//! row types by one [`FromRow`] per type.
//!
//! Two things hold a connection: anything SeaORM runs on (the pool, a transaction: rows come
//! back as SeaORM's `QueryResult`, from sqlx), and an SQLite read snapshot on our own rusqlite
//! connection (`db::snapshot`: rows are rusqlite's). A [`Row`] reads a column of either by name,
//! so a row type's decoding is written once, and a query function taking `&impl Read` runs the
//! same statement on both.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::ValueRef;
use sea_orm::sea_query::Value;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, TryGetable};
use uuid::Uuid;

use crate::db::entities::{
    TalentId, UserId, creator_event, creator_goal, creator_insight, creator_task, deal,
    social_account_connection, wellness_checkin,
};

/// Where reads go: a pool, a transaction or an SQLite read snapshot.
pub trait Read: Sync {
    /// The backend the statements are built for.
    fn backend(&self) -> DbBackend;

    /// Runs `sql` with `values` bound in order, and decodes every row it returns.
    fn query<R: FromRow + Send>(
        &self,
        sql: &str,
        values: &[&Value],
    ) -> impl Future<Output = Result<Vec<R>, DbErr>> + Send;

    /// Runs a statement built by sea-query, and decodes every row it returns.
    fn rows<R: FromRow + Send>(
        &self,
        statement: Statement,
    ) -> impl Future<Output = Result<Vec<R>, DbErr>> + Send {
        async move {
            let values: Vec<&Value> = statement.values.iter().flat_map(|v| &v.0).collect();
            self.query(&statement.sql, &values).await
        }
    }
}

impl<C: ConnectionTrait> Read for C {
    fn backend(&self) -> DbBackend {
        self.get_database_backend()
    }

    async fn query<R: FromRow + Send>(
        &self,
        sql: &str,
        values: &[&Value],
    ) -> Result<Vec<R>, DbErr> {
        let values = values.iter().map(|&value| value.clone());
        let statement = Statement::from_sql_and_values(self.get_database_backend(), sql, values);
        self.rows(statement).await
    }

    async fn rows<R: FromRow + Send>(&self, statement: Statement) -> Result<Vec<R>, DbErr> {
        let rows = self.query_all_raw(statement).await?;
        rows.iter().map(R::from_row).collect()
    }
}

/// A row type, decoded column by column by name.
pub trait FromRow: Sized {
    fn from_row(row: &impl Row) -> Result<Self, DbErr>;
}

/// One result row of either kind.
pub trait Row {
    /// The column `name`; `position` is where it is expected (a hint: a row type's fields are
    /// selected in their order), and the name decides.
    fn get<T: Field>(&self, position: usize, name: &str) -> Result<T, DbErr>;

    /// The column at `index`, whatever its name.
    fn get_at<T: Field>(&self, index: usize) -> Result<T, DbErr>;
}

impl Row for QueryResult {
    fn get<T: Field>(&self, _position: usize, name: &str) -> Result<T, DbErr> {
        self.try_get("", name)
    }

    fn get_at<T: Field>(&self, index: usize) -> Result<T, DbErr> {
        self.try_get_by_index(index)
    }
}

impl Row for rusqlite::Row<'_> {
    fn get<T: Field>(&self, position: usize, name: &str) -> Result<T, DbErr> {
        let statement = self.as_ref();
        let index = match statement.column_name(position) {
            Ok(at) if at == name => position,
            _ => statement.column_index(name).map_err(sqlite_err)?,
        };
        let value = self.get_ref(index).map_err(sqlite_err)?;
        T::from_sqlite(value).map_err(|err| DbErr::Type(format!("column {name}: {err}")))
    }

    fn get_at<T: Field>(&self, index: usize) -> Result<T, DbErr> {
        let value = self.get_ref(index).map_err(sqlite_err)?;
        T::from_sqlite(value).map_err(|err| DbErr::Type(format!("column {index}: {err}")))
    }
}

/// A column's type: what SeaORM decodes from sqlx, and how an SQLite value reads as it (as
/// sqlx-sqlite writes it: UUIDs as 16-byte blobs, times as RFC 3339 text, booleans as 0/1).
pub trait Field: TryGetable + Sized {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String>;
}

fn mismatch(value: ValueRef<'_>, expected: &str) -> String {
    format!("cannot read {:?} as {expected}", value.data_type())
}

fn text<'a>(value: ValueRef<'a>, expected: &str) -> Result<&'a str, String> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).map_err(|_| mismatch(value, expected)),
        _ => Err(mismatch(value, expected)),
    }
}

impl<T: Field> Field for Option<T> {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Null => Ok(None),
            value => T::from_sqlite(value).map(Some),
        }
    }
}

impl Field for String {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        text(value, "text").map(str::to_owned)
    }
}

impl Field for i64 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Integer(i) => Ok(i),
            _ => Err(mismatch(value, "an integer")),
        }
    }
}

impl Field for i32 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        i32::try_from(i64::from_sqlite(value)?).map_err(|_| mismatch(value, "a 32-bit integer"))
    }
}

impl Field for f64 {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Real(f) => Ok(f),
            // REAL affinity stores whole numbers as integers when it can.
            ValueRef::Integer(i) => Ok(i as f64),
            _ => Err(mismatch(value, "a double")),
        }
    }
}

impl Field for bool {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        i64::from_sqlite(value).map(|i| i != 0)
    }
}

impl Field for Uuid {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Blob(bytes) => Uuid::from_slice(bytes).map_err(|_| mismatch(value, "a uuid")),
            ValueRef::Text(_) => {
                Uuid::parse_str(text(value, "a uuid")?).map_err(|_| mismatch(value, "a uuid"))
            }
            _ => Err(mismatch(value, "a uuid")),
        }
    }
}

impl Field for TalentId {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        Uuid::from_sqlite(value).map(TalentId)
    }
}

impl Field for UserId {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        Uuid::from_sqlite(value).map(UserId)
    }
}

impl Field for DateTime<Utc> {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        let text = text(value, "a time")?;
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| mismatch(value, "a time"))
    }
}

impl Field for NaiveDate {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        NaiveDate::parse_from_str(text(value, "a date")?, "%F")
            .map_err(|_| mismatch(value, "a date"))
    }
}

impl Field for serde_json::Value {
    fn from_sqlite(value: ValueRef<'_>) -> Result<Self, String> {
        serde_json::from_str(text(value, "JSON")?).map_err(|_| mismatch(value, "JSON"))
    }
}

/// The next position of a row type's field (see [`Row::get`]).
pub(crate) fn next(position: &mut usize) -> usize {
    let at = *position;
    *position += 1;
    at
}

/// [`FromRow`] for a row type whose fields are its columns, named in the order they are
/// selected. Every field is named (a struct literal), so a new column cannot be forgotten.
macro_rules! from_row {
    ($($model:path { $($field:ident),+ $(,)? })+) => {$(
        impl $crate::db::read::FromRow for $model {
            fn from_row(
                row: &impl $crate::db::read::Row,
            ) -> Result<Self, sea_orm::DbErr> {
                let mut at = 0;
                Ok(Self {
                    $($field: row.get($crate::db::read::next(&mut at), stringify!($field))?,)+
                })
            }
        }
    )+};
}
pub(crate) use from_row;

from_row! {
    creator_goal::Model {
        id, creator_id, goal_type, title, target_value, timeframe, progress, active, created_at,
        updated_at,
    }
    creator_event::Model {
        id, creator_id, event_name, event_type, description, location, start_at, end_at,
        status, source, source_user_id, creator_notes, decline_reason, created_at, updated_at,
    }
    creator_task::Model {
        id, creator_id, title, description, task_type, due_at, completed_at, priority, status,
        linked_deal_id, linked_deliverable_id, created_by, created_at, updated_at,
    }
    deal::Model {
        id, talent_id, brand_id, name, stage, value_minor, currency, start_date, end_date,
        next_action, next_action_due_at, negotiation_notes, agent_notes, contract_terms,
        created_at, updated_at,
    }
    social_account_connection::Model {
        id, creator_id, platform, handle, connected, access_token, refresh_token, expires_at,
        last_synced_at, followers, engagement_rate, avg_views, metadata, refresh_refused,
        created_at, updated_at,
    }
    creator_insight::Model {
        id, creator_id, insight_type, title, summary, context, metadata, priority, is_read,
        expires_at, created_at, updated_at,
    }
    wellness_checkin::Model {
        id, creator_id, energy_level, workload, notes, created_at,
    }
}

/// A single selected column, by position.
impl<A: Field> FromRow for (A,) {
    fn from_row(row: &impl Row) -> Result<Self, DbErr> {
        Ok((row.get_at(0)?,))
    }
}

/// Two selected columns, by position.
impl<A: Field, B: Field> FromRow for (A, B) {
    fn from_row(row: &impl Row) -> Result<Self, DbErr> {
        Ok((row.get_at(0)?, row.get_at(1)?))
    }
}

pub(crate) fn sqlite_err(err: rusqlite::Error) -> DbErr {
    DbErr::Query(sea_orm::RuntimeErr::Internal(format!("sqlite: {err}")))
}
