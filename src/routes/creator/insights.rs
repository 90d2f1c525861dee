//! Insights: unexpired ones only, highest priority first.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::queries::insights;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::views::creator::InsightView;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InsightFilter {
    /// `true`: unread ones only.
    pub unread: Option<bool>,
}

/// The creator's unexpired insights, highest priority first, then newest.
#[utoipa::path(get, path = "/insights", tag = "creator",
    params(InsightFilter, PageParams),
    responses((status = 200, body = Page<InsightView>)))]
pub async fn list_insights(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<InsightFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<InsightView>>> {
    let unread_only = filter.unread.unwrap_or(false);
    let rows =
        insights::list_for_creator(&state.db, ctx.talent_id, unread_only, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, InsightView::from)))
}

/// Marks an insight read.
#[utoipa::path(patch, path = "/insights/{id}/mark-read", tag = "creator",
    params(("id" = Uuid, Path, description = "Insight id")),
    responses((status = 200, body = InsightView)))]
pub async fn mark_insight_read(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<InsightView>> {
    let row = insights::mark_read_for_creator(&state.db, ctx.talent_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    state.creator_changed(ctx.talent_id).await;
    Ok(Json(row.into()))
}
