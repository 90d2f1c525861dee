use sea_orm::entity::prelude::*;

use super::TalentId;

/// A change the agency's webhooks are told about, stored in the change's own transaction.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_events")]
pub struct Model {
    /// The delivery's `id` and `webhook-id`, the same on every attempt.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_name = "type")]
    pub event_type: String,
    /// The creator the payload names, if any: erasure deletes the event.
    pub talent_id: Option<TalentId>,
    /// The record as the agency API shows it.
    pub data: Json,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
