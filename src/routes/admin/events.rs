//! `/api/admin/talents/{talentId}/events`: staff put events in a creator's calendar. The
//! source is the caller (never the body), and the creator is notified.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deleted, limits, patch, sent, talent_exists};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{EventSource, EventStatus, EventType, Role, TalentId, creator_event};
use crate::db::queries::{self, events::StaffEventFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::EventView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_events, create_event))
        .routes(routes!(get_event, update_event, delete_event))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewEvent {
    pub event_name: String,
    pub event_type: EventType,
    /// May be in the past (history).
    pub start_at: DateTime<Utc>,
    pub status: EventStatus,
    /// Not before `startAt`.
    pub end_at: Option<DateTime<Utc>>,
    pub description: Option<String>,
    pub location: Option<String>,
}

impl Validate for NewEvent {
    fn validate(&self, check: &mut Checks) {
        check.text("eventName", &self.event_name, limits::NAME);
        check.ordered("endAt", Some(self.start_at), self.end_at);
        check.length_opt("description", self.description.as_deref(), 0, limits::NOTES);
        check.length_opt("location", self.location.as_deref(), 0, limits::LINE);
    }
}

/// The creator's answers (`creatorNotes`, `declineReason`) are theirs: staff cannot write them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateEvent {
    #[serde(default, deserialize_with = "present")]
    pub event_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub event_type: Option<EventType>,
    #[serde(default, deserialize_with = "present")]
    pub start_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<EventStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub end_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub location: Option<Option<String>>,
}

impl Validate for UpdateEvent {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("eventName", self.event_name.as_deref(), limits::NAME);
        check.length_opt("description", sent(&self.description), 0, limits::NOTES);
        check.length_opt("location", sent(&self.location), 0, limits::LINE);
    }
}

/// A talent's events, newest first.
#[utoipa::path(get, path = "/talents/{talentId}/events", tag = "admin",
    params(("talentId" = Uuid, Path), StaffEventFilter, PageParams),
    responses((status = 200, body = Page<EventView>)))]
async fn list_events(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppQuery(filter): AppQuery<StaffEventFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<EventView>>> {
    talent_exists(&state.db, talent).await?;
    let rows = queries::events::staff_list(&state.db, talent, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, EventView::from)))
}

/// Puts an event in the creator's calendar, with the caller as its source, and notifies them.
#[utoipa::path(post, path = "/talents/{talentId}/events", tag = "admin",
    params(("talentId" = Uuid, Path)), request_body = NewEvent,
    responses((status = 201, body = EventView)))]
async fn create_event(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppJson(body): AppJson<NewEvent>,
) -> AppResult<(StatusCode, Json<EventView>)> {
    talent_exists(&state.db, talent).await?;
    let NewEvent {
        event_name,
        event_type,
        start_at,
        status,
        end_at,
        description,
        location,
    } = body;
    let source = match staff.role {
        Role::Admin => EventSource::Admin,
        _ => EventSource::Agent,
    };
    let row = creator_event::ActiveModel {
        creator_id: Set(talent),
        event_name: Set(event_name),
        event_type: Set(event_type),
        description: Set(description),
        location: Set(location),
        start_at: Set(start_at),
        end_at: Set(end_at),
        status: Set(status),
        source: Set(source),
        source_user_id: Set(Some(staff.user_id)),
        creator_notes: Set(None),
        decline_reason: Set(None),
        ..Default::default()
    };
    let event = queries::events::staff_create(&state.db, row).await?;
    state.creator_changed(talent).await;
    Ok((StatusCode::CREATED, Json(event.into())))
}

#[utoipa::path(get, path = "/talents/{talentId}/events/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = EventView)))]
async fn get_event(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<Json<EventView>> {
    let event = queries::events::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(event.into()))
}

#[utoipa::path(patch, path = "/talents/{talentId}/events/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)), request_body = UpdateEvent,
    responses((status = 200, body = EventView)))]
async fn update_event(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
    AppJson(body): AppJson<UpdateEvent>,
) -> AppResult<Json<EventView>> {
    let row = queries::events::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    check.ordered(
        "endAt",
        Some(body.start_at.unwrap_or(row.start_at)),
        body.end_at.unwrap_or(row.end_at),
    );
    check.finish()?;
    let UpdateEvent {
        event_name,
        event_type,
        start_at,
        status,
        end_at,
        description,
        location,
    } = body;
    let mut active: creator_event::ActiveModel = row.into();
    patch(&mut active.event_name, event_name);
    patch(&mut active.event_type, event_type);
    patch(&mut active.start_at, start_at);
    patch(&mut active.status, status);
    patch(&mut active.end_at, end_at);
    patch(&mut active.description, description);
    patch(&mut active.location, location);
    let event = queries::events::staff_update(&state.db, active).await?;
    state.creator_changed(talent).await;
    Ok(Json(event.into()))
}

#[utoipa::path(delete, path = "/talents/{talentId}/events/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_event(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<StatusCode> {
    let status = deleted(queries::events::staff_delete(&state.db, talent, id).await?)?;
    state.creator_changed(talent).await;
    Ok(status)
}
