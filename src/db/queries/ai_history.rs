//! The creator's AI assistant history: private to the creator, every function scoped by the
//! caller's `TalentId`.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use super::now;
use crate::db::entities::{AiCategory, TalentId, ai_prompt_history as history, new_id};
use crate::db::pagination::{
    KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
};

/// Stores one exchange, the prompt exactly as asked.
pub async fn create_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    prompt: String,
    response: String,
    category: AiCategory,
) -> Result<history::Model, DbErr> {
    let now = now();
    history::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        prompt: Set(prompt),
        response: Set(response),
        category: Set(Some(category)),
        helpful: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

/// The creator's exchanges, newest first.
pub async fn list_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<history::Model>, PageError> {
    let select = history::Entity::find().filter(history::Column::CreatorId.eq(talent));
    let keys = [SortKey::desc(Expr::col(history::Column::Id), KeyKind::Uuid)];
    fetch_page(db, select, &keys, |row| vec![KeyValue::Uuid(row.id)], page).await
}

/// Records the creator's feedback on one of their exchanges; `None` when they have no such one.
pub async fn set_helpful_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
    helpful: bool,
) -> Result<Option<history::Model>, DbErr> {
    let Some(row) = history::Entity::find_by_id(id)
        .filter(history::Column::CreatorId.eq(talent))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut active: history::ActiveModel = row.into();
    active.helpful = Set(Some(helpful));
    active.updated_at = Set(now());
    active.update(db).await.map(Some)
}
