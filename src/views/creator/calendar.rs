use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{EventStatus, creator_event, creator_task};

/// The creator's secret calendar feed URL: shown once, when it is made.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::CalendarFeedView)]
#[serde(rename_all = "camelCase")]
pub struct CalendarFeedView {
    /// `<PUBLIC_URL>/ical/<token>.ics`; anyone holding it reads the calendar until it is revoked.
    pub url: String,
}

/// An event as the calendar feed shows it (API.md §8.4): when, where, what and whether it is
/// confirmed. No description, notes, decline reason or source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEventView {
    pub id: Uuid,
    pub event_name: String,
    pub location: Option<String>,
    pub start_at: DateTime<Utc>,
    pub end_at: Option<DateTime<Utc>>,
    pub status: EventStatus,
}

impl From<creator_event::Model> for FeedEventView {
    fn from(row: creator_event::Model) -> Self {
        let creator_event::Model {
            id,
            creator_id: _,
            event_name,
            event_type: _,
            description: _,
            location,
            start_at,
            end_at,
            status,
            source: _,
            source_user_id: _,
            creator_notes: _,
            decline_reason: _,
            created_at: _,
            updated_at: _,
        } = row;
        Self {
            id,
            event_name,
            location,
            start_at,
            end_at,
            status,
        }
    }
}

/// A task as the calendar feed shows it: its title on its due date. Nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedTaskView {
    pub id: Uuid,
    pub title: String,
    pub due_at: DateTime<Utc>,
}

impl FeedTaskView {
    /// `None` for a task without a due time: it has no day in a calendar.
    pub fn new(row: creator_task::Model) -> Option<Self> {
        let creator_task::Model {
            id,
            creator_id: _,
            title,
            description: _,
            task_type: _,
            due_at,
            completed_at: _,
            priority: _,
            status: _,
            linked_deal_id: _,
            linked_deliverable_id: _,
            created_by: _,
            created_at: _,
            updated_at: _,
        } = row;
        Some(Self {
            id,
            title,
            due_at: due_at?,
        })
    }
}
