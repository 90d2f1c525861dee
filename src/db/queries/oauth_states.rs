//! OAuth flows begun and not yet finished (API.md §8.3), when Redis is not configured: found by
//! the hash of their `state` and the platform, taken once.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::now;
use crate::db::entities::{Platform, TalentId, oauth_state};

/// Stores a pending flow, and forgets the expired ones.
pub async fn insert(
    db: &impl ConnectionTrait,
    state_hash: String,
    talent: TalentId,
    platform: Platform,
    sealed_verifier: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let now = now();
    oauth_state::Entity::delete_many()
        .filter(oauth_state::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    oauth_state::Entity::insert(oauth_state::ActiveModel {
        state_hash: Set(state_hash),
        creator_id: Set(talent),
        platform: Set(platform),
        sealed_verifier: Set(sealed_verifier),
        expires_at: Set(expires_at),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Takes the unexpired flow of this state and platform: of concurrent takers one gets it (the
/// one whose DELETE removed the row). A state of another platform is not taken, nor changed.
pub async fn take(
    db: &impl ConnectionTrait,
    state_hash: &str,
    platform: Platform,
) -> Result<Option<oauth_state::Model>, DbErr> {
    let Some(row) = oauth_state::Entity::find_by_id(state_hash.to_owned())
        .filter(oauth_state::Column::Platform.eq(platform))
        .filter(oauth_state::Column::ExpiresAt.gt(now()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let deleted = oauth_state::Entity::delete_many()
        .filter(oauth_state::Column::StateHash.eq(state_hash))
        .filter(oauth_state::Column::Platform.eq(platform))
        .exec(db)
        .await?;
    Ok((deleted.rows_affected == 1).then_some(row))
}
