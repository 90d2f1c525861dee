use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{InsightType, TalentId, creator_insight};

/// An insight with its supporting metadata.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InsightView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub insight_type: InsightType,
    pub title: String,
    pub summary: Option<String>,
    pub context: Option<String>,
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>)]
    pub metadata: Option<serde_json::Value>,
    pub priority: i32,
    pub is_read: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<creator_insight::Model> for InsightView {
    fn from(row: creator_insight::Model) -> Self {
        let creator_insight::Model {
            id,
            creator_id,
            insight_type,
            title,
            summary,
            context,
            metadata,
            priority,
            is_read,
            expires_at,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id: creator_id,
            insight_type,
            title,
            summary,
            context,
            metadata,
            priority,
            is_read,
            expires_at,
            created_at,
            updated_at,
        }
    }
}
