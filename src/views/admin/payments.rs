use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{PaymentMethod, payment};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PaymentView {
    pub id: Uuid,
    pub invoice_id: Uuid,
    /// Minor units of `currency`.
    pub amount_minor: i64,
    pub currency: String,
    pub method: PaymentMethod,
    pub received_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<payment::Model> for PaymentView {
    fn from(row: payment::Model) -> Self {
        let payment::Model {
            id,
            invoice_id,
            amount_minor,
            currency,
            method,
            received_at,
            reference,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            invoice_id,
            amount_minor,
            currency,
            method,
            received_at,
            reference,
            created_at,
            updated_at,
        }
    }
}
