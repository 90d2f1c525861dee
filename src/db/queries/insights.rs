//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): by talent, expired ones and metadata included ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{TalentId, creator_insight, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's insight by id; `None` when it is another talent's.
pub async fn staff_find(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<Option<creator_insight::Model>, DbErr> {
    creator_insight::Entity::find_by_id(id)
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .one(db)
        .await
}

/// A talent's insights, expired ones included, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<creator_insight::Model>, PageError> {
    let select =
        creator_insight::Entity::find().filter(creator_insight::Column::CreatorId.eq(talent));
    let keys = newest_first(creator_insight::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn staff_create(
    db: &impl ConnectionTrait,
    mut row: creator_insight::ActiveModel,
) -> Result<creator_insight::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn staff_update(
    db: &impl ConnectionTrait,
    mut row: creator_insight::ActiveModel,
) -> Result<creator_insight::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when the talent's insight was deleted.
pub async fn staff_delete(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<bool, DbErr> {
    let result = creator_insight::Entity::delete_many()
        .filter(creator_insight::Column::Id.eq(id))
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
