//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): read only ----

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::newest_first;
use crate::db::entities::{TalentId, creator_goal};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's goals, active or not, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<creator_goal::Model>, PageError> {
    let select = creator_goal::Entity::find().filter(creator_goal::Column::CreatorId.eq(talent));
    let keys = newest_first(creator_goal::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}
