use sea_orm::entity::prelude::*;

use super::OpportunityStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub brand_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub payment_minor: Option<i64>,
    pub currency: Option<String>,
    pub status: OpportunityStatus,
    pub deadline: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
