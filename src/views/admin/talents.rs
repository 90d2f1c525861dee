use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::entities::{StringList, TalentId, TalentStage, UserId, talent};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TalentView {
    pub id: TalentId,
    /// The creator login linked to this talent.
    pub user_id: Option<UserId>,
    pub display_name: String,
    pub categories: Vec<String>,
    pub stage: TalentStage,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<talent::Model> for TalentView {
    fn from(row: talent::Model) -> Self {
        let talent::Model {
            id,
            user_id,
            display_name,
            categories: StringList(categories),
            stage,
            created_at,
            updated_at,
            erased_at: _,
        } = row;
        Self {
            id,
            user_id,
            display_name,
            categories,
            stage,
            created_at,
            updated_at,
        }
    }
}
