use serde::Serialize;
use utoipa::ToSchema;

use super::{MoneyView, RangeView};
use crate::db::queries::revenue::CurrencyTotals;
use crate::money::{self, Direction};

/// `GET /revenue-summary`: one entry per currency, largest `totalEarned` first.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::RevenueSummaryView)]
#[serde(rename_all = "camelCase")]
pub struct RevenueSummaryView {
    pub currencies: Vec<CurrencySummaryView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::CurrencySummaryView)]
#[serde(rename_all = "camelCase")]
pub struct CurrencySummaryView {
    pub currency: String,
    pub total_earned: MoneyView,
    pub earned_this_year: MoneyView,
    pub outstanding: MoneyView,
    pub paid_out: MoneyView,
    pub pending_payouts: MoneyView,
    pub pipeline: RangeView,
    pub trend: TrendView,
    /// The last four calendar quarters, oldest first.
    pub quarters: Vec<QuarterView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = creator::TrendDirection)]
#[serde(rename_all = "snake_case")]
pub enum TrendDirection {
    Up,
    Down,
    Flat,
}

/// Paid invoices of the last 90 days against the 90 before.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::TrendView)]
#[serde(rename_all = "camelCase")]
pub struct TrendView {
    pub direction: TrendDirection,
    /// Signed, rounded to the nearest 5; null when the earlier period is empty.
    pub change_percent: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::QuarterView)]
#[serde(rename_all = "camelCase")]
pub struct QuarterView {
    /// `2026-Q4`.
    pub quarter: String,
    pub earned: MoneyView,
}

impl From<CurrencyTotals> for CurrencySummaryView {
    fn from(row: CurrencyTotals) -> Self {
        let CurrencyTotals {
            currency,
            total_earned,
            earned_this_year,
            outstanding,
            paid_out,
            pending_payouts,
            pipeline,
            last_90_days,
            previous_90_days,
            quarters,
        } = row;
        let (direction, change_percent) = money::trend(last_90_days, previous_90_days);
        let money = |minor| MoneyView::new(minor, currency.clone());
        Self {
            total_earned: money(total_earned),
            earned_this_year: money(earned_this_year),
            outstanding: money(outstanding),
            paid_out: money(paid_out),
            pending_payouts: money(pending_payouts),
            pipeline: RangeView::new(pipeline, currency.clone()),
            trend: TrendView {
                direction: match direction {
                    Direction::Up => TrendDirection::Up,
                    Direction::Down => TrendDirection::Down,
                    Direction::Flat => TrendDirection::Flat,
                },
                change_percent,
            },
            quarters: quarters
                .into_iter()
                .map(|(quarter, earned)| QuarterView {
                    quarter: quarter.label(),
                    earned: money(earned),
                })
                .collect(),
            currency,
        }
    }
}
