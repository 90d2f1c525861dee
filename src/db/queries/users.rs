//! Users: staff and creators who sign in.

use sea_orm::ColumnTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use super::now;
use crate::db::entities::{OnboardingStatus, Role, UserId, new_id, user};

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

/// Inserts a user. A taken email is a unique violation (→ 409).
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
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}
