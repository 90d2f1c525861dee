use sea_orm::entity::prelude::*;

use super::{TalentId, UserId};

/// A creator's live calendar feed (API.md §8.4). Holds the SHA-256 of the secret token, never
/// the token: the feed's URL cannot be rebuilt from the database.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feeds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// One live feed per talent.
    #[sea_orm(unique)]
    pub talent_id: TalentId,
    /// The login that made the feed; it answers only while this is still the talent's login.
    pub user_id: UserId,
    /// Lower-case hex of SHA-256(token).
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
