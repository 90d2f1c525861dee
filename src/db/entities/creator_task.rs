use sea_orm::entity::prelude::*;

use super::{TalentId, TaskPriority, TaskStatus, TaskType, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "creator_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub title: String,
    pub description: Option<String>,
    pub task_type: TaskType,
    pub due_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub linked_deal_id: Option<Uuid>,
    pub linked_deliverable_id: Option<Uuid>,
    /// Agency-internal.
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
