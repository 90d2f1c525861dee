use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::entities::{OnboardingStatus, Role, UserId, user};

/// A user as an admin sees them: everything but the password hash.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub onboarding_status: OnboardingStatus,
    pub admin_notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<user::Model> for UserView {
    fn from(row: user::Model) -> Self {
        let user::Model {
            id,
            email,
            name,
            role,
            active,
            onboarding_status,
            password_hash: _,
            admin_notes,
            tokens_valid_from: _,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            email,
            name,
            role,
            active,
            onboarding_status,
            admin_notes,
            created_at,
            updated_at,
        }
    }
}
