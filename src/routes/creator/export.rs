//! `GET /export`: the creator's data export (API.md §8.4).

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::queries::{self, now};
use crate::error::{AppError, AppResult};
use crate::views::creator::ExportView;

/// Everything that is the creator's, unpaginated: each collection in its creator view, oldest
/// first, archived goals, past and declined events, completed and cancelled tasks, lost deals and
/// expired insights included; `revenue` is the revenue summary.
#[utoipa::path(get, path = "/export", tag = "creator",
    responses((status = 200, body = ExportView)))]
pub async fn export_data(
    State(state): State<AppState>,
    ctx: CreatorContext,
) -> AppResult<Json<ExportView>> {
    let now = now();
    let records = queries::export::everything_for_creator(&state.db, ctx.talent_id, ctx.user_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let user = queries::users::find(&state.db, ctx.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let Json(revenue) = super::revenue::revenue_summary(State(state), ctx).await?;
    Ok(Json(ExportView::new(records, user.email, revenue, now)))
}
