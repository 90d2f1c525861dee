use sea_orm::entity::prelude::*;

use super::UserId;

/// One staff write to money or to a user: who, what, when, and the record before and after
/// (as the agency's views show it: never a password hash). Append-only.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub actor_id: UserId,
    pub actor_email: String,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// `deal`, `invoice`, `payment`, `payout` or `user`.
    pub entity_type: String,
    pub entity_id: Uuid,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
