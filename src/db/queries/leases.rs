//! Leases on periodic work that one instance at a time does (the social sync, API.md §8.3),
//! taken with a conditional UPDATE, so they hold on PostgreSQL and SQLite alike.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use super::now;
use crate::db::entities::service_lease as lease;

/// Takes the lease `name` for `holder` until `now + ttl`, if no one holds it and (when
/// `min_interval` is given) its last run finished at least that long ago. True when taken.
pub async fn take(
    db: &impl ConnectionTrait,
    name: &str,
    holder: &str,
    ttl: chrono::Duration,
    min_interval: Option<chrono::Duration>,
) -> Result<bool, DbErr> {
    let now = now();
    lease::Entity::insert(lease::ActiveModel {
        name: Set(name.to_owned()),
        holder: Set(None),
        expires_at: Set(DateTime::<Utc>::UNIX_EPOCH),
        last_finished_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(lease::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let mut due = Condition::all()
        .add(lease::Column::Name.eq(name))
        .add(lease::Column::ExpiresAt.lte(now));
    if let Some(interval) = min_interval {
        due = due.add(
            Condition::any()
                .add(lease::Column::LastFinishedAt.is_null())
                .add(lease::Column::LastFinishedAt.lte(now - interval)),
        );
    }
    let taken = lease::Entity::update_many()
        .col_expr(lease::Column::Holder, Expr::value(holder))
        .col_expr(lease::Column::ExpiresAt, Expr::value(now + ttl))
        .filter(due)
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Gives the lease back, recording that its run finished now.
pub async fn release(db: &impl ConnectionTrait, name: &str, holder: &str) -> Result<(), DbErr> {
    let now = now();
    lease::Entity::update_many()
        .col_expr(lease::Column::Holder, Expr::value(Option::<String>::None))
        .col_expr(lease::Column::ExpiresAt, Expr::value(now))
        .col_expr(lease::Column::LastFinishedAt, Expr::value(Some(now)))
        .filter(lease::Column::Name.eq(name))
        .filter(lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
