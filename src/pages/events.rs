//! `/portal/events`: the creator's events, answered with **Accept** (optional **Note**) or
//! **Decline** (optional **Reason**), through the API's own handlers.

use askama::Template;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::{
    CsrfForm, NoFields, PageResult, Portal, PortalUrl, api_body, filled, first_page, render_page,
    see_other,
};
use crate::app::AppState;
use crate::db::entities::EventStatus;
use crate::extract::{AppPath, AppQuery};
use crate::routes::creator::{calendar, events};
use crate::views::creator::EventView;

#[derive(Template)]
#[template(path = "portal/events.html")]
struct EventsPage<'a> {
    csrf: &'a str,
    events: Vec<EventView>,
    /// A calendar link just made: shown once, since only its hash is kept.
    calendar_link: Option<String>,
}

impl EventsPage<'_> {
    /// Whether the creator can still answer it.
    fn awaiting(&self, event: &EventView) -> bool {
        matches!(event.status, EventStatus::Suggested | EventStatus::Invited)
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    events_page(state, &portal, None).await
}

async fn events_page(
    state: AppState,
    portal: &Portal,
    calendar_link: Option<String>,
) -> PageResult {
    let page = events::list_events(
        State(state),
        portal.ctx,
        AppQuery(events::EventFilter::default()),
        first_page(),
    )
    .await?
    .0;
    let page = EventsPage {
        csrf: &portal.csrf,
        events: page.items,
        calendar_link,
    };
    render_page(portal, PortalUrl::Events, "Events", &page)
}

/// A new calendar link (the previous one stops working), shown on the events page at once: it is
/// never shown again.
pub async fn calendar_link(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    let (_, Json(feed)) = calendar::create_calendar_feed(State(state.clone()), portal.ctx).await?;
    events_page(state, &portal, Some(feed.url)).await
}

/// Turns the calendar link off.
pub async fn revoke_calendar_link(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    calendar::delete_calendar_feed(State(state), portal.ctx).await?;
    Ok(see_other(PortalUrl::Events))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    notes: Option<String>,
}

#[derive(Deserialize)]
pub struct DeclineForm {
    reason: Option<String>,
}

pub async fn accept(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> PageResult {
    let body = api_body(json!({ "notes": filled(form.notes) }))?;
    let _changed = events::accept_event(State(state), portal.ctx, AppPath(id), Some(body)).await?;
    Ok(see_other(PortalUrl::Events))
}

pub async fn decline(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(form): CsrfForm<DeclineForm>,
) -> PageResult {
    let body = api_body(json!({ "reason": filled(form.reason) }))?;
    let _changed = events::decline_event(State(state), portal.ctx, AppPath(id), Some(body)).await?;
    Ok(see_other(PortalUrl::Events))
}
