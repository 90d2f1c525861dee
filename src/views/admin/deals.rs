use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{DealStage, TalentId, deal};

/// A deal with its internal notes and terms.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealView {
    pub id: Uuid,
    pub talent_id: TalentId,
    pub brand_id: Uuid,
    pub name: String,
    pub stage: DealStage,
    /// Minor units of `currency`.
    pub value_minor: i64,
    pub currency: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub next_action: Option<String>,
    pub next_action_due_at: Option<DateTime<Utc>>,
    pub negotiation_notes: Option<String>,
    pub agent_notes: Option<String>,
    pub contract_terms: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<deal::Model> for DealView {
    fn from(row: deal::Model) -> Self {
        let deal::Model {
            id,
            talent_id,
            brand_id,
            name,
            stage,
            value_minor,
            currency,
            start_date,
            end_date,
            next_action,
            next_action_due_at,
            negotiation_notes,
            agent_notes,
            contract_terms,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            talent_id,
            brand_id,
            name,
            stage,
            value_minor,
            currency,
            start_date,
            end_date,
            next_action,
            next_action_due_at,
            negotiation_notes,
            agent_notes,
            contract_terms,
            created_at,
            updated_at,
        }
    }
}
