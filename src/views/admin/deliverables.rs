use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{DeliverableStatus, UserId, deliverable};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliverableView {
    pub id: Uuid,
    pub deal_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub status: DeliverableStatus,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<deliverable::Model> for DeliverableView {
    fn from(row: deliverable::Model) -> Self {
        let deliverable::Model {
            id,
            deal_id,
            title,
            description,
            due_at,
            status,
            approved_at,
            approved_by,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            deal_id,
            title,
            description,
            due_at,
            status,
            approved_at,
            approved_by,
            created_at,
            updated_at,
        }
    }
}
