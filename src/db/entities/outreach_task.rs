use sea_orm::entity::prelude::*;

use super::{OutreachStatus, TalentId, UserId};

/// Agency-internal as a whole: no creator endpoint reads this table.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outreach_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub talent_id: TalentId,
    pub brand_id: Option<Uuid>,
    pub title: String,
    pub status: OutreachStatus,
    pub due_at: Option<DateTimeUtc>,
    pub owner_id: Option<UserId>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
