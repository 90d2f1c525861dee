use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{Platform, social_account_connection};

/// A connected (or disconnected) social account; its tokens are never shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::SocialView)]
#[serde(rename_all = "camelCase")]
pub struct SocialView {
    pub id: Uuid,
    pub platform: Platform,
    pub handle: String,
    pub connected: bool,
    /// The account's token has expired, or the platform refused its refresh: connect it again.
    pub needs_reconnect: bool,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Null until the agency has recorded analytics.
    pub stats: Option<SocialStatsView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::SocialStatsView)]
#[serde(rename_all = "camelCase")]
pub struct SocialStatsView {
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    pub avg_views: Option<i64>,
}

/// `GET /socials`: at most one connection per platform, so not paginated.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::SocialListView)]
pub struct SocialListView {
    pub items: Vec<SocialView>,
}

impl SocialView {
    /// The view of a connection as of `now` (which decides `needsReconnect`).
    pub fn new(row: social_account_connection::Model, now: DateTime<Utc>) -> Self {
        let social_account_connection::Model {
            id,
            creator_id: _,
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
            metadata: _,
            refresh_refused,
            created_at: _,
            updated_at: _,
        } = row;
        let has_stats = followers.is_some() || engagement_rate.is_some() || avg_views.is_some();
        Self {
            id,
            platform,
            handle,
            connected,
            needs_reconnect: refresh_refused || expires_at.is_some_and(|expires| expires < now),
            last_synced_at,
            stats: has_stats.then_some(SocialStatsView {
                followers,
                engagement_rate,
                avg_views,
            }),
        }
    }
}

/// The start of an OAuth flow: send the creator's browser here (API.md §8.3).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::AuthorizeView)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizeView {
    /// The platform's authorization page, with this flow's `state` and PKCE challenge.
    pub authorize_url: String,
}

/// `POST /socials/connect`: the connection (a handle was given), or where to authorize (only a
/// configured platform was named).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::ConnectAnswer)]
#[serde(untagged)]
pub enum ConnectAnswer {
    Connected(SocialView),
    Authorize(AuthorizeView),
}
