use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{EventSource, EventStatus, EventType, TalentId, UserId, creator_event};

/// An event with who put it in the calendar.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub event_name: String,
    pub event_type: EventType,
    pub description: Option<String>,
    pub location: Option<String>,
    pub start_at: DateTime<Utc>,
    pub end_at: Option<DateTime<Utc>>,
    pub status: EventStatus,
    pub source: EventSource,
    pub source_user_id: Option<UserId>,
    pub creator_notes: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<creator_event::Model> for EventView {
    fn from(row: creator_event::Model) -> Self {
        let creator_event::Model {
            id,
            creator_id,
            event_name,
            event_type,
            description,
            location,
            start_at,
            end_at,
            status,
            source,
            source_user_id,
            creator_notes,
            decline_reason,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id: creator_id,
            event_name,
            event_type,
            description,
            location,
            start_at,
            end_at,
            status,
            source,
            source_user_id,
            creator_notes,
            decline_reason,
            created_at,
            updated_at,
        }
    }
}
