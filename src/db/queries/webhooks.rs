//! Webhook subscriptions, the events stored for them (the outbox) and the delivery log.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::{jobs, newest_first, now};
use crate::db::entities::{
    StringList, TalentId, UserId, new_id, webhook_delivery as delivery, webhook_event as event,
    webhook_subscription as subscription,
};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The job queue of a subscription: its deliveries, one at a time, in event order.
pub fn queue_of(subscription: Uuid) -> String {
    format!("webhook:{subscription}")
}

pub async fn create_subscription(
    db: &impl ConnectionTrait,
    url: String,
    events: Vec<String>,
    sealed_secret: String,
    created_by: UserId,
) -> Result<subscription::Model, DbErr> {
    let at = now();
    subscription::ActiveModel {
        id: Set(new_id()),
        url: Set(url),
        events: Set(StringList(events)),
        secret: Set(sealed_secret),
        active: Set(true),
        created_by: Set(created_by),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(db)
    .await
}

pub async fn find_subscription(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<subscription::Model>, DbErr> {
    subscription::Entity::find_by_id(id).one(db).await
}

/// Subscriptions, newest first.
pub async fn list_subscriptions(
    db: &impl ConnectionTrait,
    page: &PageRequest,
) -> Result<RowPage<subscription::Model>, PageError> {
    fetch_page(
        db,
        subscription::Entity::find(),
        &newest_first(subscription::Column::Id),
        |row| vec![KeyValue::Uuid(row.id)],
        page,
    )
    .await
}

/// A PATCH: the fields given.
#[derive(Debug, Default)]
pub struct SubscriptionChanges {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

/// None when there is no such subscription.
pub async fn update_subscription(
    db: &impl ConnectionTrait,
    id: Uuid,
    changes: SubscriptionChanges,
) -> Result<Option<subscription::Model>, DbErr> {
    let Some(row) = find_subscription(db, id).await? else {
        return Ok(None);
    };
    let SubscriptionChanges {
        url,
        events,
        active,
    } = changes;
    let mut row: subscription::ActiveModel = row.into();
    if let Some(url) = url {
        row.url = Set(url);
    }
    if let Some(events) = events {
        row.events = Set(StringList(events));
    }
    if let Some(active) = active {
        row.active = Set(active);
    }
    row.updated_at = Set(now());
    row.update(db).await.map(Some)
}

/// Deletes a subscription, its delivery log and its waiting deliveries. False when unknown.
pub async fn delete_subscription<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: Uuid,
) -> Result<bool, DbErr> {
    let txn = db.begin().await?;
    jobs::delete_queue(&txn, &queue_of(id)).await?;
    delivery::Entity::delete_many()
        .filter(delivery::Column::SubscriptionId.eq(id))
        .exec(&txn)
        .await?;
    let deleted = subscription::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(deleted.rows_affected > 0)
}

/// The active subscriptions to `event_type`. The agency has a handful of subscriptions, so they
/// are filtered here rather than by a JSON query written twice, once per database.
pub async fn subscribers(db: &impl ConnectionTrait, event_type: &str) -> Result<Vec<Uuid>, DbErr> {
    let active = subscription::Entity::find()
        .filter(subscription::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(active
        .into_iter()
        .filter(|s| s.events.0.iter().any(|e| e == event_type))
        .map(|s| s.id)
        .collect())
}

pub async fn insert_event(
    db: &impl ConnectionTrait,
    event_type: &str,
    talent: Option<TalentId>,
    data: serde_json::Value,
) -> Result<event::Model, DbErr> {
    event::ActiveModel {
        id: Set(new_id()),
        event_type: Set(event_type.to_owned()),
        talent_id: Set(talent),
        data: Set(data),
        created_at: Set(now()),
    }
    .insert(db)
    .await
}

pub async fn find_event(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find_by_id(id).one(db).await
}

/// Deletes the stored events whose payload names the creator (erasure).
pub async fn delete_events_naming(
    db: &impl ConnectionTrait,
    talent: TalentId,
) -> Result<(), DbErr> {
    event::Entity::delete_many()
        .filter(event::Column::TalentId.eq(talent))
        .exec(db)
        .await?;
    Ok(())
}

/// Attempts already made to deliver `event` to `subscription`.
pub async fn attempts_made(
    db: &impl ConnectionTrait,
    subscription: Uuid,
    event: Uuid,
) -> Result<u64, DbErr> {
    delivery::Entity::find()
        .filter(delivery::Column::SubscriptionId.eq(subscription))
        .filter(delivery::Column::EventId.eq(event))
        .count(db)
        .await
}

/// One attempt, as it ended.
pub struct Attempt<'a> {
    pub subscription: Uuid,
    pub event: &'a event::Model,
    pub attempt: i32,
    pub status: &'static str,
    pub response_status: Option<u16>,
    pub at: DateTime<Utc>,
}

pub async fn record_attempt(db: &impl ConnectionTrait, attempt: Attempt<'_>) -> Result<(), DbErr> {
    let Attempt {
        subscription,
        event,
        attempt,
        status,
        response_status,
        at,
    } = attempt;
    delivery::ActiveModel {
        id: Set(new_id()),
        subscription_id: Set(subscription),
        event_id: Set(event.id),
        event_type: Set(event.event_type.clone()),
        attempt: Set(attempt),
        status: Set(status.to_owned()),
        response_status: Set(response_status.map(i32::from)),
        created_at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A subscription's attempts, newest first.
pub async fn list_deliveries(
    db: &impl ConnectionTrait,
    subscription: Uuid,
    page: &PageRequest,
) -> Result<RowPage<delivery::Model>, PageError> {
    fetch_page(
        db,
        delivery::Entity::find().filter(delivery::Column::SubscriptionId.eq(subscription)),
        &newest_first(delivery::Column::Id),
        |row| vec![KeyValue::Uuid(row.id)],
        page,
    )
    .await
}
