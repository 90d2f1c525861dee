//! Erasure of a creator's personal data (API.md §8.4), in one audited transaction: their own
//! records (and their calendar feed) go, the agency's money records stay, and the talent and login stay as anonymous
//! husks so that deals, invoices and payouts still point somewhere.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, TransactionTrait,
};

use super::audit_log::{self, Action, Audited};
use super::audit_records::NoRecord;
use super::now;
use crate::db::entities::{
    StringList, TalentId, UserId, ai_prompt_history, calendar_feed, creator_event, creator_goal,
    creator_insight, creator_task, notification, social_account_connection, talent, user,
    wellness_checkin,
};

/// What an erased talent and login are called.
pub const ERASED_NAME: &str = "Erased creator";

/// The outcome of an erasure.
pub enum Erasure {
    /// Erased now (or before: erasing again changes nothing). The login is returned so its
    /// cached session can be forgotten.
    Erased {
        talent: talent::Model,
        login: Option<UserId>,
    },
    NotFound,
}

/// Erases a talent's creator data, recording `actor`'s `erase` in the audit log (in the same
/// transaction). An already erased talent is returned unchanged, with no new entry.
pub async fn erase<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    id: TalentId,
) -> Result<Erasure, DbErr> {
    audit_log::audited(db, actor, Action::Erase, "talent", async |txn| {
        let Some(row) = talent::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?
        else {
            return Ok(Audited::Unchanged(Erasure::NotFound));
        };
        let login = row.user_id;
        if row.erased_at.is_some() {
            return Ok(Audited::Unchanged(Erasure::Erased { talent: row, login }));
        }
        creator_goal::Entity::delete_many()
            .filter(creator_goal::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        creator_event::Entity::delete_many()
            .filter(creator_event::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        creator_task::Entity::delete_many()
            .filter(creator_task::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        social_account_connection::Entity::delete_many()
            .filter(social_account_connection::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        creator_insight::Entity::delete_many()
            .filter(creator_insight::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        wellness_checkin::Entity::delete_many()
            .filter(wellness_checkin::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        ai_prompt_history::Entity::delete_many()
            .filter(ai_prompt_history::Column::CreatorId.eq(id))
            .exec(txn)
            .await?;
        calendar_feed::Entity::delete_many()
            .filter(calendar_feed::Column::TalentId.eq(id))
            .exec(txn)
            .await?;
        // Deliveries still waiting for these events find them gone and stop.
        super::webhooks::delete_events_naming(txn, id).await?;
        let now = now();
        if let Some(login) = login {
            notification::Entity::delete_many()
                .filter(notification::Column::UserId.eq(login))
                .exec(txn)
                .await?;
            if let Some(user_row) = user::Entity::find_by_id(login).one(txn).await? {
                let mut user_row = user_row.into_active_model();
                user_row.name = Set(ERASED_NAME.to_owned());
                user_row.email = Set(format!("erased-{}@invalid", login.0));
                user_row.active = Set(false);
                // Not a password hash: nothing verifies against it.
                user_row.password_hash = Set("!erased".to_owned());
                user_row.admin_notes = Set(None);
                user_row.tokens_valid_from = Set(now.timestamp());
                user_row.updated_at = Set(now);
                user_row.update(txn).await?;
            }
        }
        let mut erased = row.into_active_model();
        erased.display_name = Set(ERASED_NAME.to_owned());
        erased.categories = Set(StringList(Vec::new()));
        erased.erased_at = Set(Some(now));
        erased.updated_at = Set(now);
        let talent = erased.update(txn).await?;
        Ok(Audited::Changed {
            id: id.0,
            before: None::<NoRecord>,
            after: None,
            value: Erasure::Erased { talent, login },
        })
    })
    .await
}
