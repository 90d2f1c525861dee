use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{InsightType, creator_insight};

/// An insight; its supporting metadata is agency-internal and not shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::InsightView)]
#[serde(rename_all = "camelCase")]
pub struct InsightView {
    pub id: Uuid,
    pub insight_type: InsightType,
    pub title: String,
    pub summary: Option<String>,
    pub context: Option<String>,
    pub priority: i32,
    pub is_read: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<creator_insight::Model> for InsightView {
    fn from(row: creator_insight::Model) -> Self {
        let creator_insight::Model {
            id,
            creator_id: _,
            insight_type,
            title,
            summary,
            context,
            metadata: _,
            priority,
            is_read,
            expires_at,
            created_at,
            updated_at: _,
        } = row;
        Self {
            id,
            insight_type,
            title,
            summary,
            context,
            priority,
            is_read,
            created_at,
            expires_at,
        }
    }
}
