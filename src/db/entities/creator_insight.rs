use sea_orm::entity::prelude::*;

use super::{InsightType, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "creator_insights")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub insight_type: InsightType,
    pub title: String,
    pub summary: Option<String>,
    pub context: Option<String>,
    /// Agency-internal supporting data.
    pub metadata: Option<Json>,
    pub priority: i32,
    pub is_read: bool,
    pub expires_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
