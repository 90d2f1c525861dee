use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{PayoutStatus, TalentId, payout};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayoutView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub deal_id: Option<Uuid>,
    /// Minor units of `currency`.
    pub amount_minor: i64,
    pub currency: String,
    pub status: PayoutStatus,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<payout::Model> for PayoutView {
    fn from(row: payout::Model) -> Self {
        let payout::Model {
            id,
            talent_id,
            deal_id,
            amount_minor,
            currency,
            status,
            scheduled_for,
            paid_at,
            reference,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id,
            deal_id,
            amount_minor,
            currency,
            status,
            scheduled_for,
            paid_at,
            reference,
            created_at,
            updated_at,
        }
    }
}
