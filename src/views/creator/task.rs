use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{TaskPriority, TaskStatus, TaskType, creator_task};
use crate::db::queries::tasks::TaskWithDeal;

/// A creator-visible task; who created it is not shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::TaskView)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub task_type: TaskType,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    /// The deal the task belongs to, if any.
    pub deal: Option<DealRefView>,
}

/// `{id, name}` of a deal.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::DealRefView)]
#[serde(rename_all = "camelCase")]
pub struct DealRefView {
    pub id: Uuid,
    pub name: String,
}

impl From<TaskWithDeal> for TaskView {
    fn from(row: TaskWithDeal) -> Self {
        let TaskWithDeal { task, deal } = row;
        let creator_task::Model {
            id,
            creator_id: _,
            title,
            description,
            task_type,
            due_at,
            completed_at,
            priority,
            status,
            linked_deal_id: _,
            linked_deliverable_id: _,
            created_by: _,
            created_at: _,
            updated_at: _,
        } = task;
        Self {
            id,
            title,
            description,
            task_type,
            due_at,
            completed_at,
            priority,
            status,
            deal: deal.map(|(id, name)| DealRefView { id, name }),
        }
    }
}
