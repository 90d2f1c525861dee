use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{OutreachStatus, TalentId, UserId, outreach_task};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutreachTaskView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub brand_id: Option<Uuid>,
    pub title: String,
    pub status: OutreachStatus,
    pub due_at: Option<DateTime<Utc>>,
    pub owner_id: Option<UserId>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<outreach_task::Model> for OutreachTaskView {
    fn from(row: outreach_task::Model) -> Self {
        let outreach_task::Model {
            id,
            talent_id,
            brand_id,
            title,
            status,
            due_at,
            owner_id,
            notes,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id,
            brand_id,
            title,
            status,
            due_at,
            owner_id,
            notes,
            created_at,
            updated_at,
        }
    }
}
