//! Notifications: each user reads only their own.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use super::now;
use crate::db::entities::{UserId, new_id, notification};
use crate::db::pagination::{
    KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
};
use crate::db::prepared::Prepared;
use crate::db::read::Read;

/// What a notification is about.
pub struct NewNotification<'a> {
    pub user_id: UserId,
    /// e.g. `event_invited`, `event_accepted`, `task_assigned`, `task_completed`.
    pub kind: &'a str,
    pub title: String,
    pub body: Option<String>,
    pub entity_type: Option<&'a str>,
    pub entity_id: Option<Uuid>,
}

pub async fn create(
    db: &impl ConnectionTrait,
    new: NewNotification<'_>,
) -> Result<notification::Model, DbErr> {
    notification::ActiveModel {
        id: Set(new_id()),
        user_id: Set(new.user_id),
        kind: Set(new.kind.to_owned()),
        title: Set(new.title),
        body: Set(new.body),
        entity_type: Set(new.entity_type.map(str::to_owned)),
        entity_id: Set(new.entity_id),
        read_at: Set(None),
        created_at: Set(now()),
    }
    .insert(db)
    .await
}

/// A user's notifications, newest first.
pub async fn list_for_user(
    db: &impl ConnectionTrait,
    user: UserId,
    page: &PageRequest,
) -> Result<RowPage<notification::Model>, PageError> {
    let select = notification::Entity::find().filter(notification::Column::UserId.eq(user));
    let keys = [SortKey::desc(
        Expr::col(notification::Column::Id),
        KeyKind::Uuid,
    )];
    fetch_page(db, select, &keys, |row| vec![KeyValue::Uuid(row.id)], page).await
}

/// Unread notifications of a user.
pub async fn count_unread(db: &impl Read, user: UserId) -> Result<u64, DbErr> {
    static UNREAD: Prepared<1> = Prepared::new(|_, [user]| {
        let unread = notification::Entity::find()
            .filter(notification::Column::UserId.eq(user))
            .filter(notification::Column::ReadAt.is_null());
        vec![super::count_statement(unread)]
    });
    let rows: Vec<(i64,)> = UNREAD.rows(db, [user.into()]).await?;
    Ok(rows.first().map_or(0, |(n,)| super::count(*n)))
}

/// Marks one of the user's notifications read (idempotent: the first read time stays).
/// `None` when the user has no such notification.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    user: UserId,
    id: Uuid,
) -> Result<Option<notification::Model>, DbErr> {
    let Some(row) = notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if row.read_at.is_some() {
        return Ok(Some(row));
    }
    let mut active: notification::ActiveModel = row.into();
    active.read_at = Set(Some(now()));
    active.update(db).await.map(Some)
}
