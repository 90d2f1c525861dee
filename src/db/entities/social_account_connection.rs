use sea_orm::entity::prelude::*;

use super::{Platform, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "social_account_connections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub platform: Platform,
    pub handle: String,
    pub connected: bool,
    /// AES-256-GCM ciphertext (nonce + sealed bytes, base64). Never output.
    pub access_token: Option<String>,
    /// AES-256-GCM ciphertext, like `access_token`. Never output.
    pub refresh_token: Option<String>,
    pub expires_at: Option<DateTimeUtc>,
    pub last_synced_at: Option<DateTimeUtc>,
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    pub avg_views: Option<i64>,
    pub metadata: Option<Json>,
    /// The platform refused the last refresh of the token: the creator must connect again.
    pub refresh_refused: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
