use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::notification;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::NotificationView)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub id: Uuid,
    /// What happened, e.g. `event_invited`, `task_assigned`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
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
            entity_type: _,
            entity_id: _,
            read_at,
            created_at,
        } = row;
        Self {
            id,
            kind,
            title,
            body,
            read_at,
            created_at,
        }
    }
}
