use sea_orm::entity::prelude::*;

use super::{Platform, TalentId};

/// An OAuth flow begun by a creator and not yet finished (API.md §8.3), when Redis is not
/// configured. Found by the SHA-256 of its `state`: neither the state nor the PKCE verifier is
/// stored in clear.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oauth_states")]
pub struct Model {
    /// Lower-case hex of SHA-256(state).
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_hash: String,
    pub creator_id: TalentId,
    pub platform: Platform,
    /// The PKCE verifier, sealed by `crypto::TokenCipher`.
    pub sealed_verifier: String,
    pub expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
