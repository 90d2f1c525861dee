use sea_orm::entity::prelude::*;

use super::{DealStage, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub talent_id: TalentId,
    pub brand_id: Uuid,
    pub name: String,
    pub stage: DealStage,
    pub value_minor: i64,
    pub currency: String,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub next_action: Option<String>,
    pub next_action_due_at: Option<DateTimeUtc>,
    pub negotiation_notes: Option<String>,
    pub agent_notes: Option<String>,
    pub contract_terms: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
