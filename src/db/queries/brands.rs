//! Brands the agency does deals with.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{Deletion, contains_ci, newest_first, now};
use crate::db::entities::{brand, deal, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<brand::Model>, DbErr> {
    brand::Entity::find_by_id(id).one(db).await
}

pub async fn exists(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    Ok(find(db, id).await?.is_some())
}

/// The filters of the brand list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct BrandFilter {
    /// Name contains this, ignoring case.
    pub q: Option<String>,
}

/// Brands, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &BrandFilter,
    page: &PageRequest,
) -> Result<RowPage<brand::Model>, PageError> {
    let select = brand::Entity::find().apply_if(filter.q.as_deref(), |q, v| {
        q.filter(contains_ci(brand::Column::Name, v))
    });
    let keys = newest_first(brand::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: brand::ActiveModel,
) -> Result<brand::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: brand::ActiveModel,
) -> Result<brand::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// Deletes a brand with its opportunities; a brand with deals is kept (their money records
/// refer to it).
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<Deletion, DbErr> {
    if !exists(db, id).await? {
        return Ok(Deletion::NotFound);
    }
    let deals = deal::Entity::find()
        .filter(deal::Column::BrandId.eq(id))
        .count(db)
        .await?;
    if deals > 0 {
        return Ok(Deletion::Blocked("the brand has deals"));
    }
    brand::Entity::delete_by_id(id).exec(db).await?;
    Ok(Deletion::Deleted)
}
