//! Payments received against an invoice.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::audit_log::{self, Action, Audited};
use super::{newest_first, now};
use crate::db::entities::{UserId, new_id, payment};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The audit log's name for a payment.
const ENTITY: &str = "payment";

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

/// Inserts a payment, with its audit entry (`actor`'s create) in the same transaction.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: payment::ActiveModel,
) -> Result<payment::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    audit_log::audited(db, actor, Action::Create, ENTITY, async move |txn| {
        let payment = row.insert(txn).await?;
        Ok(Audited::created(payment.id, payment.clone(), payment))
    })
    .await
}

/// Saves the changed fields of a payment, with its audit entry (the payment before and after)
/// in the same transaction. A payment gone meanwhile is `RecordNotFound`.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: payment::ActiveModel,
) -> Result<payment::Model, DbErr> {
    row.updated_at = Set(now());
    let updated = audit_log::update(db, actor, ENTITY, row).await?;
    Ok(updated.after)
}

/// Deletes a payment, with its audit entry in the same transaction. `None` when there was none;
/// else the deleted payment.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    id: Uuid,
) -> Result<Option<payment::Model>, DbErr> {
    audit_log::audited(db, actor, Action::Delete, ENTITY, async |txn| {
        let Some(payment) = audit_log::locked::<payment::Entity>(txn, id).await? else {
            return Ok(Audited::Unchanged(None));
        };
        payment::Entity::delete_by_id(id).exec(txn).await?;
        Ok(Audited::deleted(id, payment.clone(), Some(payment)))
    })
    .await
}
