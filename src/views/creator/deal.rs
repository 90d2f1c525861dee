use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::MoneyView;
use crate::db::entities::{DealStage, deal};
use crate::db::queries::creator_deals::DealWithBrand;

/// One of the creator's deals: its value rounded, no notes, no contract terms.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::DealView)]
#[serde(rename_all = "camelCase")]
pub struct DealView {
    pub id: Uuid,
    pub name: String,
    pub brand: BrandRefView,
    pub stage: DealStage,
    pub value: MoneyView,
    /// What happens next, in a sentence for the creator.
    pub next_action: Option<String>,
}

/// `{id, name}` of a brand.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::BrandRefView)]
#[serde(rename_all = "camelCase")]
pub struct BrandRefView {
    pub id: Uuid,
    pub name: String,
}

impl From<DealWithBrand> for DealView {
    fn from(row: DealWithBrand) -> Self {
        let DealWithBrand { deal, brand_name } = row;
        let deal::Model {
            id,
            talent_id: _,
            brand_id,
            name,
            stage,
            value_minor,
            currency,
            start_date: _,
            end_date: _,
            next_action,
            next_action_due_at: _,
            negotiation_notes: _,
            agent_notes: _,
            contract_terms: _,
            created_at: _,
            updated_at: _,
        } = deal;
        Self {
            id,
            name,
            brand: BrandRefView {
                id: brand_id,
                name: brand_name,
            },
            stage,
            value: MoneyView::new(value_minor, currency),
            next_action,
        }
    }
}
