//! The creator's calendar feed (API.md §8.4): make a secret feed URL (revoking the one before),
//! or revoke it. The feed itself is served, without a bearer token, by `routes::calendar`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::calendar::FeedToken;
use crate::db::queries::calendar_feeds;
use crate::error::AppResult;
use crate::views::creator::CalendarFeedView;

/// Makes a new secret feed URL for the creator's calendar, revoking the previous one. The URL
/// is shown only now: the service keeps a hash of its token, never the token.
#[utoipa::path(post, path = "/calendar-feed", tag = "creator",
    responses((status = 201, body = CalendarFeedView)))]
pub async fn create_calendar_feed(
    State(state): State<AppState>,
    ctx: CreatorContext,
) -> AppResult<(StatusCode, Json<CalendarFeedView>)> {
    let feed = FeedToken::generate();
    calendar_feeds::replace_for_creator(&state.db, ctx.talent_id, ctx.user_id, feed.hash.clone())
        .await?;
    let url = feed.url(&state.config.public_url());
    Ok((StatusCode::CREATED, Json(CalendarFeedView { url })))
}

/// Revokes the creator's feed URL. 204 also when there was none: the outcome the caller asked
/// for (no working feed URL) holds either way, so a retried revocation is not an error.
#[utoipa::path(delete, path = "/calendar-feed", tag = "creator",
    responses((status = 204, description = "Revoked, or there was none")))]
pub async fn delete_calendar_feed(
    State(state): State<AppState>,
    ctx: CreatorContext,
) -> AppResult<StatusCode> {
    calendar_feeds::delete_for_creator(&state.db, ctx.talent_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
