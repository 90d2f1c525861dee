//! Deliverables of a deal.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{DeliverableStatus, deliverable, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

pub async fn find(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<deliverable::Model>, DbErr> {
    deliverable::Entity::find_by_id(id).one(db).await
}

/// The filters of the deliverable list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct DeliverableFilter {
    pub deal_id: Option<Uuid>,
    pub status: Option<DeliverableStatus>,
}

/// Deliverables, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &DeliverableFilter,
    page: &PageRequest,
) -> Result<RowPage<deliverable::Model>, PageError> {
    let select = deliverable::Entity::find()
        .apply_if(filter.deal_id, |q, v| {
            q.filter(deliverable::Column::DealId.eq(v))
        })
        .apply_if(filter.status, |q, v| {
            q.filter(deliverable::Column::Status.eq(v))
        });
    let keys = newest_first(deliverable::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: deliverable::ActiveModel,
) -> Result<deliverable::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: deliverable::ActiveModel,
) -> Result<deliverable::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when a row was deleted. Tasks linked to it keep existing, unlinked.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = deliverable::Entity::delete_by_id(id).exec(db).await?;
    Ok(result.rows_affected > 0)
}
