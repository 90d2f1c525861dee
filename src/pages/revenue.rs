//! `/portal/revenue`: the revenue summary per currency, rounded as the API rounds it, with the
//! last four quarters as a bar chart.

use askama::Template;
use axum::extract::State;

use super::charts::{self, Bar};
use super::{PageResult, Portal, PortalUrl, render_page};
use crate::app::AppState;
use crate::routes::creator::revenue;
use crate::views::creator::{CurrencySummaryView, TrendDirection};

#[derive(Template)]
#[template(path = "portal/revenue.html")]
struct RevenuePage {
    currencies: Vec<CurrencySummaryView>,
}

impl RevenuePage {
    /// The four quarters, drawn.
    fn quarters_chart(&self, summary: &CurrencySummaryView) -> String {
        let bars: Vec<Bar> = summary
            .quarters
            .iter()
            .map(|quarter| Bar {
                label: quarter.quarter.clone(),
                value: quarter.earned.amount,
                display: quarter.earned.display.clone(),
            })
            .collect();
        let words: Vec<String> = summary
            .quarters
            .iter()
            .map(|q| format!("{} {}", q.quarter, q.earned.display))
            .collect();
        charts::bars(
            &format!("quarters-{}", summary.currency),
            &format!(
                "Earned per quarter in {}: {}",
                summary.currency,
                words.join(", ")
            ),
            &bars,
        )
    }

    fn trend(&self, summary: &CurrencySummaryView) -> String {
        match (summary.trend.direction, summary.trend.change_percent) {
            (TrendDirection::Flat, None) => {
                "Nothing paid in the 90 days before to compare with".to_owned()
            }
            (TrendDirection::Flat, _) => "About the same as the 90 days before".to_owned(),
            (TrendDirection::Up, change) => {
                format!("Up {}% on the 90 days before", change.unwrap_or(0).abs())
            }
            (TrendDirection::Down, change) => {
                format!("Down {}% on the 90 days before", change.unwrap_or(0).abs())
            }
        }
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let summary = revenue::revenue_summary(State(state), portal.ctx).await?.0;
    let page = RevenuePage {
        currencies: summary.currencies,
    };
    render_page(&portal, PortalUrl::Revenue, "Revenue", &page)
}
