use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{GoalType, TalentId, creator_goal};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GoalView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub goal_type: GoalType,
    pub title: String,
    pub target_value: Option<f64>,
    pub timeframe: Option<String>,
    pub progress: f64,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<creator_goal::Model> for GoalView {
    fn from(row: creator_goal::Model) -> Self {
        let creator_goal::Model {
            id,
            creator_id,
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
            talent_id: creator_id,
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
