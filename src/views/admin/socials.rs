use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{Platform, TalentId, social_account_connection as social};

/// A social connection with its analytics; the tokens never leave the service.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SocialView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub platform: Platform,
    pub handle: String,
    pub connected: bool,
    /// When the stored access token expires.
    pub expires_at: Option<DateTime<Utc>>,
    /// The platform refused the last refresh of the token (API.md §8.3): the creator must
    /// connect the account again.
    pub refresh_refused: bool,
    pub last_synced_at: Option<DateTime<Utc>>,
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    pub avg_views: Option<i64>,
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>)]
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<social::Model> for SocialView {
    fn from(row: social::Model) -> Self {
        let social::Model {
            id,
            creator_id,
            platform,
            handle,
            connected,
            access_token: _,
            refresh_token: _,
            expires_at,
            last_synced_at,
            followers,
            engagement_rate,
            avg_views,
            metadata,
            refresh_refused,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id: creator_id,
            platform,
            handle,
            connected,
            expires_at,
            refresh_refused,
            last_synced_at,
            followers,
            engagement_rate,
            avg_views,
            metadata,
            created_at,
            updated_at,
        }
    }
}
