//! The signed-in user, as login and `/api/auth/me` show them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::entities::{Role, TalentId, UserId, user};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionUserView {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The linked talent of a creator; absent for staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub talent_id: Option<TalentId>,
}

impl SessionUserView {
    pub fn new(row: user::Model, talent_id: Option<TalentId>) -> Self {
        let user::Model {
            id,
            email,
            name,
            role,
            ..
        } = row;
        Self {
            id,
            email,
            name,
            role,
            talent_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoginView {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: SessionUserView,
}
