use sea_orm::entity::prelude::*;

use super::{OnboardingStatus, Role, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: UserId,
    /// Stored lower-cased, which makes the unique index case-insensitive on both databases.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub onboarding_status: OnboardingStatus,
    pub password_hash: String,
    pub admin_notes: Option<String>,
    /// Unix second from which this user's tokens are good: a token issued (`iat`) before it
    /// was revoked by a sign-out or a password change.
    pub tokens_valid_from: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
