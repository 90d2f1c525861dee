use sea_orm::entity::prelude::*;

use super::{EventSource, EventStatus, EventType, TalentId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "creator_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub event_name: String,
    pub event_type: EventType,
    pub description: Option<String>,
    pub location: Option<String>,
    pub start_at: DateTimeUtc,
    pub end_at: Option<DateTimeUtc>,
    pub status: EventStatus,
    /// Agency-internal.
    pub source: EventSource,
    /// Agency-internal.
    pub source_user_id: Option<UserId>,
    pub creator_notes: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
