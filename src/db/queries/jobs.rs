//! The jobs table (`crate::jobs`): enqueue in the caller's transaction, claim, finish.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, LockBehavior, LockType, OnConflict, Order, Query,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::now;
use crate::db::entities::{job, new_id};

/// Work to be done.
pub struct NewJob {
    pub kind: &'static str,
    pub payload: serde_json::Value,
    /// Jobs of one queue run one at a time, in the order they were enqueued.
    pub queue: Option<String>,
    /// When set, a job already holding this key makes this one a no-op.
    pub unique_key: Option<String>,
    pub run_at: DateTime<Utc>,
}

impl NewJob {
    /// A job to run now.
    pub fn now(kind: &'static str, payload: serde_json::Value) -> Self {
        Self {
            kind,
            payload,
            queue: None,
            unique_key: None,
            run_at: now(),
        }
    }
}

/// Enqueues a job. Call it with the transaction of the change the job follows from, so the job
/// exists exactly when the change does. False when its `unique_key` is held already.
pub async fn enqueue(db: &impl ConnectionTrait, job: NewJob) -> Result<bool, DbErr> {
    let NewJob {
        kind,
        payload,
        queue,
        unique_key,
        run_at,
    } = job;
    let row = job::ActiveModel {
        id: Set(new_id()),
        kind: Set(kind.to_owned()),
        queue: Set(queue),
        unique_key: Set(unique_key),
        payload: Set(payload),
        run_at: Set(run_at),
        attempts: Set(0),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now()),
    };
    let inserted = job::Entity::insert(row)
        .on_conflict(
            OnConflict::column(job::Column::UniqueKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted > 0)
}

/// Claims the next due job for `lease`: the oldest due job that no live worker holds and that no
/// earlier job of its queue is waiting before. One statement, so two workers never claim one
/// job: on PostgreSQL the candidate is locked `FOR UPDATE SKIP LOCKED`, on SQLite writes are
/// serialized anyway.
pub async fn claim(
    db: &impl ConnectionTrait,
    lease: Duration,
) -> Result<Option<job::Model>, DbErr> {
    let now = now();
    let (candidate, earlier) = (Alias::new("candidate"), Alias::new("earlier"));
    let waits_behind_earlier = Query::select()
        .expr(Expr::val(1))
        .from_as(job::Entity, earlier.clone())
        .and_where(
            Expr::col((earlier.clone(), job::Column::Queue))
                .equals((candidate.clone(), job::Column::Queue)),
        )
        .and_where(
            Expr::col((earlier.clone(), job::Column::Id))
                .lt(Expr::col((candidate.clone(), job::Column::Id))),
        )
        .take();
    let next = Query::select()
        .column((candidate.clone(), job::Column::Id))
        .from_as(job::Entity, candidate.clone())
        .and_where(Expr::col((candidate.clone(), job::Column::RunAt)).lte(now))
        .and_where(
            Expr::col((candidate.clone(), job::Column::LockedUntil))
                .is_null()
                .or(Expr::col((candidate.clone(), job::Column::LockedUntil)).lt(now)),
        )
        .and_where(
            Expr::col((candidate.clone(), job::Column::Queue))
                .is_null()
                .or(Expr::exists(waits_behind_earlier).not()),
        )
        .order_by((candidate.clone(), job::Column::RunAt), Order::Asc)
        .order_by((candidate, job::Column::Id), Order::Asc)
        .limit(1)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .take();
    let claimed = job::Entity::update_many()
        .col_expr(
            job::Column::Attempts,
            Expr::col(job::Column::Attempts).add(1),
        )
        .col_expr(job::Column::LockedUntil, Expr::val(now + lease))
        .filter(job::Column::Id.in_subquery(next))
        .exec_with_returning(db)
        .await?;
    Ok(claimed.into_iter().next())
}

/// Whether any job is due: a read, so that an idle poll takes no write lock.
pub async fn any_due(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let now = now();
    let due = job::Entity::find()
        .select_only()
        .column(job::Column::Id)
        .filter(job::Column::RunAt.lte(now))
        .filter(
            job::Column::LockedUntil
                .is_null()
                .or(job::Column::LockedUntil.lt(now)),
        )
        .limit(1)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(due.is_some())
}

/// Extends a running job's lease to `lease` from now: its worker is alive, so no other claims it.
pub async fn extend_lease(
    db: &impl ConnectionTrait,
    id: Uuid,
    lease: Duration,
) -> Result<(), DbErr> {
    job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::val(now() + lease))
        .filter(job::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A finished job is deleted.
pub async fn finish(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    job::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Runs the job again at `run_at`, keeping its place in its queue.
pub async fn run_again(
    db: &impl ConnectionTrait,
    id: Uuid,
    run_at: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), DbErr> {
    job::Entity::update_many()
        .col_expr(job::Column::RunAt, Expr::val(run_at))
        .col_expr(job::Column::LockedUntil, Expr::val(None::<DateTime<Utc>>))
        .col_expr(job::Column::LastError, Expr::val(error))
        .filter(job::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every job of a queue (its subscription is gone).
pub async fn delete_queue(db: &impl ConnectionTrait, queue: &str) -> Result<(), DbErr> {
    job::Entity::delete_many()
        .filter(job::Column::Queue.eq(queue))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
pub struct QueuedCount {
    pub kind: String,
    pub count: i64,
}

/// Jobs waiting or running, by kind.
pub async fn counts(db: &impl ConnectionTrait) -> Result<Vec<QueuedCount>, DbErr> {
    job::Entity::find()
        .select_only()
        .column(job::Column::Kind)
        .column_as(job::Column::Id.count(), "count")
        .group_by(job::Column::Kind)
        .into_model::<QueuedCount>()
        .all(db)
        .await
}
