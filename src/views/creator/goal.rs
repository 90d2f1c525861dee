use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{GoalType, creator_goal};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::GoalView)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    pub id: Uuid,
    pub goal_type: GoalType,
    pub title: String,
    pub target_value: Option<f64>,
    pub timeframe: Option<String>,
    /// 0 to 1.
    pub progress: f64,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<creator_goal::Model> for GoalView {
    fn from(row: creator_goal::Model) -> Self {
        let creator_goal::Model {
            id,
            creator_id: _,
            goal_type,
            title,
            target_value,
            timeframe,
            progress,
            active,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            goal_type,
            title,
            target_value,
            timeframe,
            progress,
            active,
            created_at,
            updated_at,
        }
    }
}
