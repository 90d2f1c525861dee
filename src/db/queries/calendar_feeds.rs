//! Calendar feeds (API.md §8.4): one live feed per creator, found by the hash of its token.
//! The feed's content comes from `events::calendar_for_creator` and
//! `tasks::calendar_for_creator`, scoped by the talent this module resolves.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::now;
use crate::db::entities::{Role, TalentId, UserId, calendar_feed as feed, new_id, talent, user};

/// Makes `token_hash` the creator's one live feed, replacing (and so revoking) the one they had:
/// a single upsert on the unique `talent_id`, so of two racing calls the later one wins and the
/// earlier token is dead either way.
pub async fn replace_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    made_by: UserId,
    token_hash: String,
) -> Result<(), DbErr> {
    let row = feed::ActiveModel {
        id: Set(new_id()),
        talent_id: Set(talent),
        user_id: Set(made_by),
        token_hash: Set(token_hash),
        created_at: Set(now()),
    };
    feed::Entity::insert(row)
        .on_conflict(
            OnConflict::column(feed::Column::TalentId)
                .update_columns([
                    feed::Column::Id,
                    feed::Column::UserId,
                    feed::Column::TokenHash,
                    feed::Column::CreatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Revokes the creator's feed; false when they had none.
pub async fn delete_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
) -> Result<bool, DbErr> {
    let result = feed::Entity::delete_many()
        .filter(feed::Column::TalentId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Deletes the feed a login made, when it may no longer have one (deactivated, or no longer a
/// creator): a reactivation does not bring the old URL back.
pub async fn delete_made_by(db: &impl ConnectionTrait, user: UserId) -> Result<(), DbErr> {
    feed::Entity::delete_many()
        .filter(feed::Column::UserId.eq(user))
        .exec(db)
        .await
        .map(drop)
}

/// The talent whose live feed has this token hash. A feed is live while the login that made it
/// is still linked to the talent, active, and a creator's: a deactivated creator, a talent whose
/// login was unlinked (or linked to someone else) and a demoted user all get `None`, at once
/// (no cache). Sign-out and password changes do not touch it.
pub async fn live_talent(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<TalentId>, DbErr> {
    // The feed's maker, when they are still this talent's login, active and a creator.
    let live_maker = Query::select()
        .column((user::Entity, user::Column::Id))
        .from(user::Entity)
        .inner_join(
            talent::Entity,
            Expr::col((talent::Entity, talent::Column::UserId))
                .equals((user::Entity, user::Column::Id)),
        )
        .and_where(
            Expr::col((talent::Entity, talent::Column::Id))
                .equals((feed::Entity, feed::Column::TalentId)),
        )
        .and_where(user::Column::Active.eq(true))
        .and_where(user::Column::Role.eq(Role::Creator))
        .to_owned();
    let row = feed::Entity::find()
        .filter(feed::Column::TokenHash.eq(token_hash))
        .filter(feed::Column::UserId.in_subquery(live_maker))
        .one(db)
        .await?;
    Ok(row.map(|feed| feed.talent_id))
}
