use sea_orm::entity::prelude::*;

use super::PaymentMethod;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub amount_minor: i64,
    pub currency: String,
    pub method: PaymentMethod,
    pub received_at: Option<DateTimeUtc>,
    pub reference: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
