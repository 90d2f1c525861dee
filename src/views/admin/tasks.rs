use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{TalentId, TaskPriority, TaskStatus, TaskType, UserId, creator_task};

/// A task of any type, internal ones included, with who created it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub title: String,
    pub description: Option<String>,
    pub task_type: TaskType,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub linked_deal_id: Option<Uuid>,
    pub linked_deliverable_id: Option<Uuid>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<creator_task::Model> for TaskView {
    fn from(row: creator_task::Model) -> Self {
        let creator_task::Model {
            id,
            creator_id,
            title,
            description,
            task_type,
            due_at,
            completed_at,
            priority,
            status,
            linked_deal_id,
            linked_deliverable_id,
            created_by,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id: creator_id,
            title,
            description,
            task_type,
            due_at,
            completed_at,
            priority,
            status,
            linked_deal_id,
            linked_deliverable_id,
            created_by,
            created_at,
            updated_at,
        }
    }
}
