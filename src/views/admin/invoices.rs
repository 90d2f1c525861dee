use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{InvoiceStatus, invoice};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceView {
    pub id: Uuid,
    pub deal_id: Uuid,
    /// Minor units of `currency`.
    pub amount_minor: i64,
    pub currency: String,
    pub status: InvoiceStatus,
    pub invoice_number: String,
    pub issued_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<invoice::Model> for InvoiceView {
    fn from(row: invoice::Model) -> Self {
        let invoice::Model {
            id,
            deal_id,
            // The deal's creator, kept for the database's sake: the view names the deal.
            talent_id: _,
            amount_minor,
            currency,
            status,
            invoice_number,
            issued_at,
            due_at,
            paid_at,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            deal_id,
            amount_minor,
            currency,
            status,
            invoice_number,
            issued_at,
            due_at,
            paid_at,
            created_at,
            updated_at,
        }
    }
}
