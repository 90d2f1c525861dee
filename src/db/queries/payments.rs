//! Payments received against an invoice.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{new_id, payment};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<payment::Model>, DbErr> {
    payment::Entity::find_by_id(id).one(db).await
}

/// The filters of the payment list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PaymentFilter {
    pub invoice_id: Option<Uuid>,
}

/// Payments, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &PaymentFilter,
    page: &PageRequest,
) -> Result<RowPage<payment::Model>, PageError> {
    let select = payment::Entity::find().apply_if(filter.invoice_id, |q, v| {
        q.filter(payment::Column::InvoiceId.eq(v))
    });
    let keys = newest_first(payment::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: payment::ActiveModel,
) -> Result<payment::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: payment::ActiveModel,
) -> Result<payment::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when a row was deleted.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = payment::Entity::delete_by_id(id).exec(db).await?;
    Ok(result.rows_affected > 0)
}
