//! Talents: the agency's creators.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::{UserId, talent};

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
