use sea_orm::entity::prelude::*;

use super::{PayoutStatus, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payouts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub talent_id: TalentId,
    pub deal_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: PayoutStatus,
    pub scheduled_for: Option<DateTimeUtc>,
    pub paid_at: Option<DateTimeUtc>,
    pub reference: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
