//! The first answers to `Idempotency-Key`s (API.md §8.4), per user, method and path.

use chrono::Duration;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::now;
use crate::db::entities::{UserId, idempotency_key as key, new_id};

/// How long a key and its answer are kept.
pub const KEPT: Duration = Duration::hours(24);

/// One request's key.
pub struct KeyedRequest<'a> {
    pub user: UserId,
    pub method: &'a str,
    pub path: &'a str,
    pub key: &'a str,
    pub request_hash: &'a str,
}

/// What a key says about a request.
pub enum Claim {
    /// The first with this key: run it, then [`complete`] or [`release`] this row.
    First(Uuid),
    /// The first with this key is still running.
    Running,
    /// The key was used with another body.
    OtherRequest,
    /// The first answer, to replay.
    Answered {
        status: u16,
        content_type: Option<String>,
        body: Vec<u8>,
    },
}

/// Claims a key for a request; `abandoned_after` is how long a request may have been running
/// before its row is taken for abandoned (its instance died).
pub async fn claim(
    db: &impl ConnectionTrait,
    request: &KeyedRequest<'_>,
    abandoned_after: Duration,
) -> Result<Claim, DbErr> {
    let now = now();
    let same = || {
        key::Entity::find()
            .filter(key::Column::UserId.eq(request.user))
            .filter(key::Column::Method.eq(request.method))
            .filter(key::Column::Path.eq(request.path))
            .filter(key::Column::IdempotencyKey.eq(request.key))
    };
    // Expired answers, and requests abandoned mid-way, free their key.
    key::Entity::delete_many()
        .filter(key::Column::UserId.eq(request.user))
        .filter(key::Column::CreatedAt.lt(now - KEPT))
        .exec(db)
        .await?;
    key::Entity::delete_many()
        .filter(key::Column::UserId.eq(request.user))
        .filter(key::Column::Method.eq(request.method))
        .filter(key::Column::Path.eq(request.path))
        .filter(key::Column::IdempotencyKey.eq(request.key))
        .filter(key::Column::ResponseStatus.is_null())
        .filter(key::Column::CreatedAt.lt(now - abandoned_after))
        .exec(db)
        .await?;
    let id = new_id();
    let row = key::ActiveModel {
        id: Set(id),
        user_id: Set(request.user),
        method: Set(request.method.to_owned()),
        path: Set(request.path.to_owned()),
        idempotency_key: Set(request.key.to_owned()),
        request_hash: Set(request.request_hash.to_owned()),
        response_status: Set(None),
        response_content_type: Set(None),
        response_body: Set(None),
        created_at: Set(now),
    };
    // One statement: of two concurrent requests with one key, exactly one inserts.
    let inserted = key::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                key::Column::UserId,
                key::Column::Method,
                key::Column::Path,
                key::Column::IdempotencyKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        return Ok(Claim::First(id));
    }
    let Some(existing) = same().one(db).await? else {
        // Freed meanwhile (its request failed): the client may retry.
        return Ok(Claim::Running);
    };
    if existing.request_hash != request.request_hash {
        return Ok(Claim::OtherRequest);
    }
    Ok(match (existing.response_status, existing.response_body) {
        (Some(status), Some(body)) => Claim::Answered {
            status: u16::try_from(status).unwrap_or(500),
            content_type: existing.response_content_type,
            body,
        },
        _ => Claim::Running,
    })
}

/// Keeps the first answer of a claimed key.
pub async fn complete(
    db: &impl ConnectionTrait,
    id: Uuid,
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
) -> Result<(), DbErr> {
    key::Entity::update_many()
        .col_expr(key::Column::ResponseStatus, i32::from(status).into())
        .col_expr(key::Column::ResponseContentType, content_type.into())
        .col_expr(key::Column::ResponseBody, body.into())
        .filter(key::Column::Id.eq(id))
        .exec(db)
        .await
        .map(drop)
}

/// Frees a claimed key (its request failed on our side: the client may use it again).
pub async fn release(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    key::Entity::delete_by_id(id).exec(db).await.map(drop)
}
