//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): read, and record analytics ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use super::{newest_first, now};
use crate::db::entities::{Platform, TalentId, social_account_connection as social};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's social connections (connected or not), newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<social::Model>, PageError> {
    let select = social::Entity::find().filter(social::Column::CreatorId.eq(talent));
    let keys = newest_first(social::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// The analytics of one account, as staff record them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub followers: i64,
    pub engagement_rate: f64,
    pub avg_views: i64,
}

/// Records the analytics of a talent's account on a platform and stamps `last_synced_at`;
/// `None` when that platform was never connected.
pub async fn staff_record_metrics(
    db: &impl ConnectionTrait,
    talent: TalentId,
    platform: Platform,
    metrics: Metrics,
) -> Result<Option<social::Model>, DbErr> {
    let Some(row) = social::Entity::find()
        .filter(social::Column::CreatorId.eq(talent))
        .filter(social::Column::Platform.eq(platform))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = now();
    let mut row: social::ActiveModel = row.into();
    row.followers = Set(Some(metrics.followers));
    row.engagement_rate = Set(Some(metrics.engagement_rate));
    row.avg_views = Set(Some(metrics.avg_views));
    row.last_synced_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(db).await.map(Some)
}
