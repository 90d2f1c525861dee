//! Talents: the agency's creators.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Deletion, contains_ci, newest_first, now};
use crate::db::entities::{TalentId, TalentStage, UserId, deal, new_id, payout, talent};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The talent a creator account is linked to.
pub async fn find_by_user(
    db: &impl ConnectionTrait,
    user: UserId,
) -> Result<Option<talent::Model>, DbErr> {
    talent::Entity::find()
        .filter(talent::Column::UserId.eq(user))
        .one(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, id: TalentId) -> Result<Option<talent::Model>, DbErr> {
    talent::Entity::find_by_id(id).one(db).await
}

pub async fn exists(db: &impl ConnectionTrait, id: TalentId) -> Result<bool, DbErr> {
    Ok(find(db, id).await?.is_some())
}

/// The login linked to a talent, if any: whom to notify about their records.
pub async fn login_of(db: &impl ConnectionTrait, id: TalentId) -> Result<Option<UserId>, DbErr> {
    Ok(find(db, id).await?.and_then(|t| t.user_id))
}

/// The filters of the talent list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct TalentFilter {
    pub stage: Option<TalentStage>,
    /// Display name contains this, ignoring case.
    pub q: Option<String>,
}

/// Talents, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &TalentFilter,
    page: &PageRequest,
) -> Result<RowPage<talent::Model>, PageError> {
    let select = talent::Entity::find()
        .apply_if(filter.stage, |q, v| q.filter(talent::Column::Stage.eq(v)))
        .apply_if(filter.q.as_deref(), |q, v| {
            q.filter(contains_ci(talent::Column::DisplayName, v))
        });
    let keys = newest_first(talent::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id.0)], page).await
}

/// Inserts a talent; id and times are set here. A `user_id` already linked is a unique
/// violation (→ 409).
pub async fn create(
    db: &impl ConnectionTrait,
    mut row: talent::ActiveModel,
) -> Result<talent::Model, DbErr> {
    let now = now();
    row.id = Set(TalentId(new_id()));
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: talent::ActiveModel,
) -> Result<talent::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// Deletes a talent and, by cascade, its creator records (goals, events, tasks, socials,
/// insights, check-ins, AI history, outreach). A talent with deals (and so invoices) or
/// payouts is kept: money records are never lost (API.md §4).
pub async fn delete(db: &impl ConnectionTrait, id: TalentId) -> Result<Deletion, DbErr> {
    if !exists(db, id).await? {
        return Ok(Deletion::NotFound);
    }
    let deals = deal::Entity::find()
        .filter(deal::Column::TalentId.eq(id))
        .count(db)
        .await?;
    if deals > 0 {
        return Ok(Deletion::Blocked(
            "the talent has deals; set its stage to alumni instead",
        ));
    }
    let payouts = payout::Entity::find()
        .filter(payout::Column::TalentId.eq(id))
        .count(db)
        .await?;
    if payouts > 0 {
        return Ok(Deletion::Blocked(
            "the talent has payouts; set its stage to alumni instead",
        ));
    }
    talent::Entity::delete_by_id(id).exec(db).await?;
    Ok(Deletion::Deleted)
}
