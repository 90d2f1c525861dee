//! Events: the creator's calendar, and their answers to invitations.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::EventStatus;
use crate::db::queries::events::{self, Answer, AnswerOutcome, EventWindow};
use crate::db::queries::now;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::creator::EventView;
use crate::webhooks::Emitted;

/// Longest `notes` or `reason`, in characters.
const MAX_ANSWER_TEXT: usize = 1000;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventFilter {
    pub status: Option<EventStatus>,
    /// Events starting at or after this time (default: 24 hours ago).
    pub from: Option<DateTime<Utc>>,
    /// Events starting at or before this time.
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AcceptBody {
    /// Kept as the event's `creatorNotes` (at most 1000 characters).
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeclineBody {
    /// Kept as the event's `declineReason` (at most 1000 characters).
    pub reason: Option<String>,
}

impl Validate for AcceptBody {
    fn validate(&self, check: &mut Checks) {
        check.length_opt("notes", self.notes.as_deref(), 0, MAX_ANSWER_TEXT);
    }
}

impl Validate for DeclineBody {
    fn validate(&self, check: &mut Checks) {
        check.length_opt("reason", self.reason.as_deref(), 0, MAX_ANSWER_TEXT);
    }
}

/// The creator's events by start time; by default from 24 hours ago on.
#[utoipa::path(get, path = "/events", tag = "creator",
    params(EventFilter, PageParams),
    responses((status = 200, body = Page<EventView>)))]
pub async fn list_events(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<EventFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<EventView>>> {
    let EventFilter { status, from, to } = filter;
    let window = EventWindow {
        status,
        from: from.unwrap_or_else(|| now() - Duration::hours(24)),
        to,
    };
    if window.to.is_some_and(|to| to < window.from) {
        return Err(AppError::BadRequest("`to` is before `from`".to_owned()));
    }
    let rows =
        events::list_for_creator(&state.db, ctx.talent_id, &window, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, EventView::from)))
}

/// Accepts a suggested or invited event that has not started.
#[utoipa::path(post, path = "/events/{id}/accept", tag = "creator",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body(content = Option<AcceptBody>, description = "Optional notes"),
    responses((status = 200, body = EventView)))]
pub async fn accept_event(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
    body: Option<AppJson<AcceptBody>>,
) -> AppResult<Json<EventView>> {
    let notes = body.and_then(|AppJson(b)| b.notes);
    answer(&state, ctx, id, Answer::Accept { notes }).await
}

/// Declines a suggested or invited event that has not started.
#[utoipa::path(post, path = "/events/{id}/decline", tag = "creator",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body(content = Option<DeclineBody>, description = "Optional reason"),
    responses((status = 200, body = EventView)))]
pub async fn decline_event(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
    body: Option<AppJson<DeclineBody>>,
) -> AppResult<Json<EventView>> {
    let reason = body.and_then(|AppJson(b)| b.reason);
    answer(&state, ctx, id, Answer::Decline { reason }).await
}

async fn answer(
    state: &AppState,
    ctx: CreatorContext,
    id: Uuid,
    answer: Answer,
) -> AppResult<Json<EventView>> {
    let outcome = crate::webhooks::emitting(state, async |txn| {
        let outcome = events::answer_for_creator(txn, ctx.talent_id, id, answer).await?;
        let emitted = match &outcome {
            AnswerOutcome::Answered(row) => Emitted::event_answered(row),
            _ => None,
        };
        Ok((outcome, emitted))
    })
    .await?;
    match outcome {
        AnswerOutcome::Answered(row) => {
            state.creator_changed(ctx.talent_id).await;
            Ok(Json(row.into()))
        }
        AnswerOutcome::Unchanged(row) => Ok(Json(row.into())),
        AnswerOutcome::NotFound => Err(AppError::NotFound),
        AnswerOutcome::AlreadyAnswered(status) => Err(AppError::conflict(format!(
            "the event is already {}",
            status.as_str()
        ))),
        AnswerOutcome::Started => Err(AppError::conflict(
            "the event has already started; it can no longer be answered",
        )),
    }
}
