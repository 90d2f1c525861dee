use sea_orm::entity::prelude::*;

use super::{InvoiceStatus, TalentId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub deal_id: Uuid,
    /// The deal's creator, copied from it (a deal never changes creator, an invoice never
    /// changes deal): a creator's invoices without going through the deals.
    pub talent_id: TalentId,
    pub amount_minor: i64,
    pub currency: String,
    pub status: InvoiceStatus,
    #[sea_orm(unique)]
    pub invoice_number: String,
    pub issued_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub paid_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
