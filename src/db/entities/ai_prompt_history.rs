use sea_orm::entity::prelude::*;

use super::{AiCategory, TalentId};

/// Private to the creator, like wellness.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ai_prompt_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub prompt: String,
    pub response: String,
    pub category: Option<AiCategory>,
    pub helpful: Option<bool>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
