use sea_orm::entity::prelude::*;

use super::{DeliverableStatus, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deliverables")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub deal_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_at: Option<DateTimeUtc>,
    pub status: DeliverableStatus,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
