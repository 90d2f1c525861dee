//! Opportunities a brand offers.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{OpportunityStatus, new_id, opportunity};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

pub async fn find(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<opportunity::Model>, DbErr> {
    opportunity::Entity::find_by_id(id).one(db).await
}

/// The filters of the opportunity list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OpportunityFilter {
    pub brand_id: Option<Uuid>,
    pub status: Option<OpportunityStatus>,
}

/// Opportunities, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &OpportunityFilter,
    page: &PageRequest,
) -> Result<RowPage<opportunity::Model>, PageError> {
    let select = opportunity::Entity::find()
        .apply_if(filter.brand_id, |q, v| {
            q.filter(opportunity::Column::BrandId.eq(v))
        })
        .apply_if(filter.status, |q, v| {
            q.filter(opportunity::Column::Status.eq(v))
        });
    let keys = newest_first(opportunity::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: opportunity::ActiveModel,
) -> Result<opportunity::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: opportunity::ActiveModel,
) -> Result<opportunity::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when a row was deleted.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = opportunity::Entity::delete_by_id(id).exec(db).await?;
    Ok(result.rows_affected > 0)
}
