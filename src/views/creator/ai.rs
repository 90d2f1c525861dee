//! The AI assistant's exchanges, and the creator's own profile the assistant draws on.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{AiCategory, ai_prompt_history, talent};

/// One question and its answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::AiEntryView)]
#[serde(rename_all = "camelCase")]
pub struct AiEntryView {
    pub id: Uuid,
    pub prompt: String,
    pub response: String,
    pub category: Option<AiCategory>,
    /// The creator's feedback, when given.
    pub helpful: Option<bool>,
    pub created_at: DateTime<Utc>,
}

impl From<ai_prompt_history::Model> for AiEntryView {
    fn from(row: ai_prompt_history::Model) -> Self {
        let ai_prompt_history::Model {
            id,
            creator_id: _,
            prompt,
            response,
            category,
            helpful,
            created_at,
            updated_at: _,
        } = row;
        Self {
            id,
            prompt,
            response,
            category,
            helpful,
            created_at,
        }
    }
}

/// How the creator appears in their own portal.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::ProfileView)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub display_name: String,
    pub categories: Vec<String>,
}

impl From<talent::Model> for ProfileView {
    fn from(row: talent::Model) -> Self {
        let talent::Model {
            id: _,
            user_id: _,
            display_name,
            categories,
            stage: _,
            created_at: _,
            updated_at: _,
            erased_at: _,
        } = row;
        Self {
            display_name,
            categories: categories.0,
        }
    }
}
