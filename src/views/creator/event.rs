use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{EventStatus, EventType, creator_event};

/// An event in the creator's calendar; who at the agency put it there is not shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::EventView)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    pub id: Uuid,
    pub event_name: String,
    pub event_type: EventType,
    pub description: Option<String>,
    pub location: Option<String>,
    pub start_at: DateTime<Utc>,
    pub end_at: Option<DateTime<Utc>>,
    pub status: EventStatus,
    pub creator_notes: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<creator_event::Model> for EventView {
    fn from(row: creator_event::Model) -> Self {
        let creator_event::Model {
            id,
            creator_id: _,
            event_name,
            event_type,
            description,
            location,
            start_at,
            end_at,
            status,
            source: _,
            source_user_id: _,
            creator_notes,
            decline_reason,
            created_at,
            updated_at: _,
        } = row;
        Self {
            id,
            event_name,
            event_type,
            description,
            location,
            start_at,
            end_at,
            status,
            creator_notes,
            decline_reason,
            created_at,
        }
    }
}
