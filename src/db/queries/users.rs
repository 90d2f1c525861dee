//! Users: staff and creators who sign in.

use sea_orm::ColumnTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QuerySelect, QueryTrait, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::audit_log::{self, Action, Audited};
use super::{newest_first, now};
use crate::db::entities::{OnboardingStatus, Role, UserId, new_id, user};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The audit log's name for a user.
const ENTITY: &str = "user";

pub async fn find(db: &impl ConnectionTrait, id: UserId) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

/// Emails are stored lower-cased; the lookup lower-cases too, so matching ignores case.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(normalize_email(email)))
        .one(db)
        .await
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The fields of a new user; the password is already hashed.
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub onboarding_status: OnboardingStatus,
    pub admin_notes: Option<String>,
}

/// Inserts a user without an audit entry: for the operator's `create-user` and the seeds. Staff
/// create users with [`staff_create`]. A taken email is a unique violation (→ 409).
pub async fn create(db: &impl ConnectionTrait, new: NewUser) -> Result<user::Model, DbErr> {
    let now = now();
    user::ActiveModel {
        id: Set(UserId(new_id())),
        email: Set(normalize_email(&new.email)),
        name: Set(new.name),
        role: Set(new.role),
        active: Set(new.active),
        onboarding_status: Set(new.onboarding_status),
        password_hash: Set(new.password_hash),
        admin_notes: Set(new.admin_notes),
        tokens_valid_from: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

/// An admin creates a user: inserted with its audit entry (`actor`'s create, the user's
/// [`UserView`], so no hash) in the same transaction. A taken email is a unique violation (→ 409)
/// and records nothing.
pub async fn staff_create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    new: NewUser,
) -> Result<user::Model, DbErr> {
    audit_log::audited(db, actor, Action::Create, ENTITY, async move |txn| {
        let user = create(txn, new).await?;
        Ok(Audited::created(user.id.0, user.clone(), user))
    })
    .await
}

/// The filters of the agency's user list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// Users, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &UserFilter,
    page: &PageRequest,
) -> Result<RowPage<user::Model>, PageError> {
    let select = user::Entity::find()
        .apply_if(filter.role, |q, v| q.filter(user::Column::Role.eq(v)))
        .apply_if(filter.active, |q, v| q.filter(user::Column::Active.eq(v)));
    let keys = newest_first(user::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id.0)], page).await
}

/// Saves the changed fields of a user, with the audit entry (the user's [`UserView`] before
/// and after: a new password shows only as a new `updatedAt`) in the same transaction; a new
/// email is stored lower-cased (a taken one is a unique violation, → 409, and records nothing).
/// A user left inactive or not a creator loses their calendar feed in the same transaction.
/// A user gone meanwhile is `RecordNotFound`.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: user::ActiveModel,
) -> Result<user::Model, DbErr> {
    let id = *row
        .id
        .try_as_ref()
        .ok_or_else(|| DbErr::Custom("a user update needs the user's id".to_owned()))?;
    if let ActiveValue::Set(email) = &row.email {
        row.email = Set(normalize_email(email));
    }
    row.updated_at = Set(now());
    audit_log::audited(db, actor, Action::Update, ENTITY, async move |txn| {
        let before = user::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("user {}", id.0)))?;
        let user = row.update(txn).await?;
        if !(user.active && user.role == Role::Creator) {
            // A deactivated (or no longer creator) login's calendar feed ends for good: it does
            // not come back with a reactivation (API.md §8.4).
            super::calendar_feeds::delete_made_by(txn, id).await?;
        }
        Ok(Audited::updated(id.0, before, user.clone(), user))
    })
    .await
}

/// Signs a user out everywhere: tokens issued before this second are refused from now on
/// (at once on this instance once its auth cache forgets the user; within the cache's TTL on
/// others).
pub async fn revoke_tokens(db: &impl ConnectionTrait, id: UserId) -> Result<(), DbErr> {
    let now = now();
    user::Entity::update_many()
        .col_expr(user::Column::TokensValidFrom, now.timestamp().into())
        .col_expr(user::Column::UpdatedAt, now.into())
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(drop)
}

/// A user's own password change: the new hash, and every earlier token revoked.
pub async fn change_password(
    db: &impl ConnectionTrait,
    id: UserId,
    password_hash: String,
) -> Result<(), DbErr> {
    let now = now();
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, password_hash.into())
        .col_expr(user::Column::TokensValidFrom, now.timestamp().into())
        .col_expr(user::Column::UpdatedAt, now.into())
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(drop)
}

/// How many users have one of `emails` (`among = true`), or none of them (`among = false`).
pub async fn count_by_email(
    db: &impl ConnectionTrait,
    emails: &[&str],
    among: bool,
) -> Result<u64, DbErr> {
    let emails = emails.iter().map(|email| normalize_email(email));
    let column = user::Column::Email;
    let filter = if among {
        column.is_in(emails)
    } else {
        column.is_not_in(emails)
    };
    super::count_rows(db, user::Entity::find().filter(filter)).await
}
