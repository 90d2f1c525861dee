use sea_orm::entity::prelude::*;

use super::{GoalType, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "creator_goals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub goal_type: GoalType,
    pub title: String,
    pub target_value: Option<f64>,
    pub timeframe: Option<String>,
    pub progress: f64,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
