use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::notification;

/// One of the caller's notifications.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub id: Uuid,
    /// What happened, e.g. `event_accepted`, `task_completed`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<notification::Model> for NotificationView {
    fn from(row: notification::Model) -> Self {
        let notification::Model {
            id,
            user_id: _,
            kind,
            title,
            body,
            entity_type,
            entity_id,
            read_at,
            created_at,
        } = row;
        Self {
            id,
            kind,
            title,
            body,
            entity_type,
            entity_id,
            read_at,
            created_at,
        }
    }
}
