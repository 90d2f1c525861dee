//! `Money` and `Range`: the only shapes in which an amount reaches a creator.

use serde::Serialize;
use utoipa::ToSchema;

use crate::money;

/// A rounded amount: `{"amount": 48000, "currency": "GBP", "display": "£48K"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = creator::MoneyView)]
#[serde(rename_all = "camelCase")]
pub struct MoneyView {
    /// The rounded value in major units.
    pub amount: i64,
    pub currency: String,
    pub display: String,
}

impl MoneyView {
    pub fn new(minor: i64, currency: String) -> Self {
        let money::Rounded { amount, display } = money::rounded(minor, &currency);
        Self {
            amount,
            currency,
            display,
        }
    }
}

/// A band: `{"low": 10000, "high": 25000, "currency": "GBP", "display": "£10K–£25K"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = creator::RangeView)]
#[serde(rename_all = "camelCase")]
pub struct RangeView {
    pub low: i64,
    /// Null on the top band.
    pub high: Option<i64>,
    pub currency: String,
    pub display: String,
}

impl RangeView {
    pub fn new(minor: i64, currency: String) -> Self {
        let money::Band { low, high, display } = money::band(minor, &currency);
        Self {
            low,
            high,
            currency,
            display,
        }
    }
}
