use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{OpportunityStatus, opportunity};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityView {
    pub id: Uuid,
    pub brand_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    /// Minor units of `currency`.
    pub payment_minor: Option<i64>,
    pub currency: Option<String>,
    pub status: OpportunityStatus,
    pub deadline: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<opportunity::Model> for OpportunityView {
    fn from(row: opportunity::Model) -> Self {
        let opportunity::Model {
            id,
            brand_id,
            title,
            description,
            location,
            payment_minor,
            currency,
            status,
            deadline,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            brand_id,
            title,
            description,
            location,
            payment_minor,
            currency,
            status,
            deadline,
            created_at,
            updated_at,
        }
    }
}
