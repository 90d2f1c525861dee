//! `/portal`: the overview, every section of `GET /api/creator/overview` built by the same
//! function, naming the sections that are temporarily unavailable.

use askama::Template;
use axum::extract::State;

use super::{PageResult, Portal, PortalUrl, render_page};
use crate::app::AppState;
use crate::db::queries::now;
use crate::overview::{self, Audience};
use crate::views::creator::{CurrencySummaryView, OverviewView, TrendDirection};

#[derive(Template)]
#[template(path = "portal/overview.html")]
struct OverviewPage<'a> {
    display_name: &'a str,
    view: OverviewView,
}

impl OverviewPage<'_> {
    fn unavailable(&self, section: &str) -> bool {
        self.view.degraded.iter().any(|name| name == section)
    }

    /// The 90-day trend in a word or two.
    fn trend_word(&self, money: &CurrencySummaryView) -> String {
        match (money.trend.direction, money.trend.change_percent) {
            (TrendDirection::Up, Some(change)) => format!("up {}%", change.abs()),
            (TrendDirection::Down, Some(change)) => format!("down {}%", change.abs()),
            _ => "steady".to_owned(),
        }
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let view = overview::build(
        &state.snapshots,
        portal.ctx,
        Audience::Creator,
        now(),
        &state.overview_faults,
    )
    .await;
    let page = OverviewPage {
        display_name: &portal.display_name,
        view,
    };
    render_page(&portal, PortalUrl::Overview, "Overview", &page)
}
