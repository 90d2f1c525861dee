//! Deals between a talent and a brand.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{Deletion, newest_first, now};
use crate::db::entities::{DealStage, TalentId, deal, invoice, new_id, payout};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

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

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: deal::ActiveModel,
) -> Result<deal::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: deal::ActiveModel,
) -> Result<deal::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// Deletes a deal and its deliverables; a deal with invoices or payouts is kept (mark it
/// `lost` instead).
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<Deletion, DbErr> {
    if find(db, id).await?.is_none() {
        return Ok(Deletion::NotFound);
    }
    let invoices = invoice::Entity::find()
        .filter(invoice::Column::DealId.eq(id))
        .count(db)
        .await?;
    if invoices > 0 {
        return Ok(Deletion::Blocked(
            "the deal has invoices; set its stage to lost instead",
        ));
    }
    let payouts = payout::Entity::find()
        .filter(payout::Column::DealId.eq(id))
        .count(db)
        .await?;
    if payouts > 0 {
        return Ok(Deletion::Blocked(
            "the deal has payouts; set its stage to lost instead",
        ));
    }
    deal::Entity::delete_by_id(id).exec(db).await?;
    Ok(Deletion::Deleted)
}
