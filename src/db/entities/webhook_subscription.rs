use sea_orm::entity::prelude::*;

use super::{StringList, UserId};

/// An agency endpoint that receives the events it names (API.md §8.4).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub url: String,
    /// Event types, e.g. `invoice.paid`.
    pub events: StringList,
    /// The signing secret (`whsec_…`), sealed by `crypto::TokenCipher`.
    pub secret: String,
    pub active: bool,
    pub created_by: UserId,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
