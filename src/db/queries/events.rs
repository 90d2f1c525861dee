//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): by talent, with the internal fields ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait, TransactionSession, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::notifications::{self, NewNotification};
use super::{newest_first, now};
use crate::db::entities::{EventStatus, TalentId, creator_event, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The filters of the agency's event list of a talent (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct StaffEventFilter {
    pub status: Option<EventStatus>,
}

/// A talent's event by id; `None` when it is another talent's.
pub async fn staff_find(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<Option<creator_event::Model>, DbErr> {
    creator_event::Entity::find_by_id(id)
        .filter(creator_event::Column::CreatorId.eq(talent))
        .one(db)
        .await
}

/// A talent's events, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    filter: &StaffEventFilter,
    page: &PageRequest,
) -> Result<RowPage<creator_event::Model>, PageError> {
    let select = creator_event::Entity::find()
        .filter(creator_event::Column::CreatorId.eq(talent))
        .apply_if(filter.status, |q, v| {
            q.filter(creator_event::Column::Status.eq(v))
        });
    let keys = newest_first(creator_event::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Staff put an event in a creator's calendar. The creator, when the talent has a login, is
/// notified in the same transaction.
pub async fn staff_create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mut row: creator_event::ActiveModel,
) -> Result<creator_event::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    let txn = db.begin().await?;
    let event = row.insert(&txn).await?;
    if let Some(user_id) = super::talents::login_of(&txn, event.creator_id).await? {
        notifications::create(
            &txn,
            NewNotification {
                user_id,
                kind: "event_invited",
                title: format!("New event: {}", event.event_name),
                body: Some(format!(
                    "Starts {}",
                    event.start_at.format("%Y-%m-%d %H:%M UTC")
                )),
                entity_type: Some("event"),
                entity_id: Some(event.id),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(event)
}

pub async fn staff_update(
    db: &impl ConnectionTrait,
    mut row: creator_event::ActiveModel,
) -> Result<creator_event::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when the talent's event was deleted.
pub async fn staff_delete(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<bool, DbErr> {
    let result = creator_event::Entity::delete_many()
        .filter(creator_event::Column::Id.eq(id))
        .filter(creator_event::Column::CreatorId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
