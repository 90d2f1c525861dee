use sea_orm::entity::prelude::*;

use super::{TalentId, Workload};

/// Private to the creator: no agency endpoint reads this table.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wellness_checkins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub creator_id: TalentId,
    pub energy_level: i32,
    pub workload: Workload,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
