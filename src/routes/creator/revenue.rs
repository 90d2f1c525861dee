//! The revenue summary: rounded totals per currency, the pipeline band, trend and quarters.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::queries::{now, revenue};
use crate::error::AppResult;
use crate::views::creator::{CurrencySummaryView, RevenueSummaryView};

/// The creator's money per currency, largest total earned first.
#[utoipa::path(get, path = "/revenue-summary", tag = "creator",
    responses((status = 200, body = RevenueSummaryView)))]
pub async fn revenue_summary(
    State(state): State<AppState>,
    ctx: CreatorContext,
) -> AppResult<Json<RevenueSummaryView>> {
    let totals = revenue::summary_for_creator(&state.db, ctx.talent_id, now()).await?;
    Ok(Json(RevenueSummaryView {
        currencies: totals.into_iter().map(CurrencySummaryView::from).collect(),
    }))
}
