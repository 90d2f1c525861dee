//! Deals between a talent and a brand.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::audit_log::{self, Action, Audited};
use super::{Deletion, Updated, newest_first, now};
use crate::db::entities::{DealStage, TalentId, UserId, deal, invoice, new_id, payout};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The audit log's name for a deal.
const ENTITY: &str = "deal";

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<deal::Model>, DbErr> {
    deal::Entity::find_by_id(id).one(db).await
}

/// The talent whose deal this is, when the deal exists.
pub async fn talent_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<TalentId>, DbErr> {
    Ok(find(db, id).await?.map(|d| d.talent_id))
}

/// The talents with a deal of this brand: whose portal shows the brand's name.
pub async fn talents_of_brand(
    db: &impl ConnectionTrait,
    brand: Uuid,
) -> Result<Vec<TalentId>, DbErr> {
    deal::Entity::find()
        .select_only()
        .column(deal::Column::TalentId)
        .distinct()
        .filter(deal::Column::BrandId.eq(brand))
        .into_tuple()
        .all(db)
        .await
}

/// The filters of the deal list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct DealFilter {
    #[param(value_type = Option<String>, format = Uuid)]
    pub talent_id: Option<TalentId>,
    pub brand_id: Option<Uuid>,
    pub stage: Option<DealStage>,
}

/// Deals, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &DealFilter,
    page: &PageRequest,
) -> Result<RowPage<deal::Model>, PageError> {
    let select = deal::Entity::find()
        .apply_if(filter.talent_id, |q, v| {
            q.filter(deal::Column::TalentId.eq(v))
        })
        .apply_if(filter.brand_id, |q, v| {
            q.filter(deal::Column::BrandId.eq(v))
        })
        .apply_if(filter.stage, |q, v| q.filter(deal::Column::Stage.eq(v)));
    let keys = newest_first(deal::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Inserts a deal, with its audit entry (`actor`'s create) in the same transaction.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: deal::ActiveModel,
) -> Result<deal::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    audit_log::audited(db, actor, Action::Create, ENTITY, async move |txn| {
        let deal = row.insert(txn).await?;
        Ok(Audited::created(deal.id, deal.clone(), deal))
    })
    .await
}

/// Saves the changed fields of a deal, with its audit entry (the deal before and after) in the
/// same transaction. A deal gone meanwhile is `RecordNotFound`.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: deal::ActiveModel,
) -> Result<Updated<deal::Model>, DbErr> {
    row.updated_at = Set(now());
    audit_log::update(db, actor, ENTITY, row).await
}

/// Deletes a deal and its deliverables, with its audit entry in the same transaction; a deal
/// with invoices or payouts is kept (mark it `lost` instead) and nothing is recorded.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    id: Uuid,
) -> Result<Deletion, DbErr> {
    audit_log::audited(db, actor, Action::Delete, ENTITY, async |txn| {
        let Some(before) = audit_log::locked::<deal::Entity>(txn, id).await? else {
            return Ok(Audited::Unchanged(Deletion::NotFound));
        };
        let invoices = invoice::Entity::find()
            .filter(invoice::Column::DealId.eq(id))
            .count(txn)
            .await?;
        if invoices > 0 {
            return Ok(Audited::Unchanged(Deletion::Blocked(
                "the deal has invoices; set its stage to lost instead",
            )));
        }
        let payouts = payout::Entity::find()
            .filter(payout::Column::DealId.eq(id))
            .count(txn)
            .await?;
        if payouts > 0 {
            return Ok(Audited::Unchanged(Deletion::Blocked(
                "the deal has payouts; set its stage to lost instead",
            )));
        }
        deal::Entity::delete_by_id(id).exec(txn).await?;
        Ok(Audited::deleted(id, before, Deletion::Deleted))
    })
    .await
}
