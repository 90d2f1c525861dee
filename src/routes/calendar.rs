//! `/ical`: the creators' calendar feeds (API.md §8.4), for calendar clients that cannot send a
//! bearer token. The secret in the URL is the permission: it names one creator's live feed, and
//! anything else (revoked, unknown, malformed) is a 404 like any missing record.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::calendar;
use crate::db::queries::{calendar_feeds, events, now, tasks};
use crate::error::{AppError, AppResult};
use crate::views::creator::{FeedEventView, FeedTaskView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_calendar_feed))
}

/// A creator's calendar (RFC 5545): their suggested, invited and accepted events, past and
/// future, and their open tasks' due dates as all-day events. No bearer token: the secret
/// token in the URL (from `POST /api/creator/calendar-feed`) is the permission.
#[utoipa::path(get, path = "/ical/{file}", tag = "calendar", security(()),
    params(("file" = String, Path, description = "`<token>.ics`")),
    responses((status = 200, body = String, content_type = "text/calendar",
        description = "The calendar, `Cache-Control: private, no-cache`")))]
pub async fn get_calendar_feed(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
) -> AppResult<impl IntoResponse> {
    // A name that does not even decode (`%FF`) is a malformed token too: 404, not 400.
    let Path(file) = file.map_err(|_| AppError::NotFound)?;
    let hash = calendar::hash_of_file_name(&file).ok_or(AppError::NotFound)?;
    let talent = calendar_feeds::live_talent(&state.db, &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = events::calendar_for_creator(&state.db, talent).await?;
    let tasks = tasks::calendar_for_creator(&state.db, talent).await?;
    let body = calendar::render(
        events.into_iter().map(FeedEventView::from),
        tasks.into_iter().filter_map(FeedTaskView::new),
        now(),
    );
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // The creator's own schedule: kept by no shared cache, revalidated at every fetch.
            (CACHE_CONTROL, "private, no-cache"),
        ],
        body,
    ))
}
