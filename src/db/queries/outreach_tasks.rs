//! Outreach tasks: the agency's own to-do list about a talent (agency-internal as a whole).

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{OutreachStatus, TalentId, new_id, outreach_task};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

pub async fn find(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<outreach_task::Model>, DbErr> {
    outreach_task::Entity::find_by_id(id).one(db).await
}

/// The filters of the outreach task list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OutreachFilter {
    #[param(value_type = Option<String>, format = Uuid)]
    pub talent_id: Option<TalentId>,
    pub status: Option<OutreachStatus>,
}

/// Outreach tasks, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &OutreachFilter,
    page: &PageRequest,
) -> Result<RowPage<outreach_task::Model>, PageError> {
    let select = outreach_task::Entity::find()
        .apply_if(filter.talent_id, |q, v| {
            q.filter(outreach_task::Column::TalentId.eq(v))
        })
        .apply_if(filter.status, |q, v| {
            q.filter(outreach_task::Column::Status.eq(v))
        });
    let keys = newest_first(outreach_task::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn create(
    db: &impl ConnectionTrait,
    mut row: outreach_task::ActiveModel,
) -> Result<outreach_task::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn update(
    db: &impl ConnectionTrait,
    mut row: outreach_task::ActiveModel,
) -> Result<outreach_task::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when a row was deleted.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = outreach_task::Entity::delete_by_id(id).exec(db).await?;
    Ok(result.rows_affected > 0)
}
