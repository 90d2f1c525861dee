//! Payouts from the agency to a talent.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::audit_log::{self, Action, Audited};
use super::{Updated, newest_first, now};
use crate::db::entities::{PayoutStatus, TalentId, UserId, new_id, payout};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The audit log's name for a payout.
const ENTITY: &str = "payout";

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<payout::Model>, DbErr> {
    payout::Entity::find_by_id(id).one(db).await
}

/// The filters of the payout list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PayoutFilter {
    #[param(value_type = Option<String>, format = Uuid)]
    pub talent_id: Option<TalentId>,
    pub status: Option<PayoutStatus>,
}

/// Payouts, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &PayoutFilter,
    page: &PageRequest,
) -> Result<RowPage<payout::Model>, PageError> {
    let select = payout::Entity::find()
        .apply_if(filter.talent_id, |q, v| {
            q.filter(payout::Column::TalentId.eq(v))
        })
        .apply_if(filter.status, |q, v| q.filter(payout::Column::Status.eq(v)));
    let keys = newest_first(payout::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Inserts a payout, with its audit entry (`actor`'s create) in the same transaction; set
/// `paid` without a payment time, it is stamped now.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: payout::ActiveModel,
) -> Result<payout::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    fill_paid_at(&mut row, now);
    audit_log::audited(db, actor, Action::Create, ENTITY, async move |txn| {
        let payout = row.insert(txn).await?;
        Ok(Audited::created(payout.id, payout.clone(), payout))
    })
    .await
}

/// Saves changes, with the audit entry (the payout before and after) in the same transaction;
/// setting `paid` without a payment time records now. A payout gone meanwhile is
/// `RecordNotFound`.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: payout::ActiveModel,
) -> Result<Updated<payout::Model>, DbErr> {
    let now = now();
    fill_paid_at(&mut row, now);
    row.updated_at = Set(now);
    audit_log::update(db, actor, ENTITY, row).await
}

fn fill_paid_at(row: &mut payout::ActiveModel, at: DateTime<Utc>) {
    let set_paid = row.status.is_set() && row.status.try_as_ref() == Some(&PayoutStatus::Paid);
    if set_paid && matches!(row.paid_at.try_as_ref(), None | Some(None)) {
        row.paid_at = Set(Some(at));
    }
}

/// Deletes a payout, with its audit entry in the same transaction. `None` when there was none;
/// else the deleted payout.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    id: Uuid,
) -> Result<Option<payout::Model>, DbErr> {
    audit_log::audited(db, actor, Action::Delete, ENTITY, async |txn| {
        let Some(payout) = audit_log::locked::<payout::Entity>(txn, id).await? else {
            return Ok(Audited::Unchanged(None));
        };
        payout::Entity::delete_by_id(id).exec(txn).await?;
        Ok(Audited::deleted(id, payout.clone(), Some(payout)))
    })
    .await
}
