//! `/api/admin/webhooks`: the agency's webhook subscriptions and their delivery logs (admin only).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Admin;
use crate::db::queries::webhooks::{self, SubscriptionChanges};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::{NewWebhookView, WebhookDeliveryView, WebhookView};
use crate::webhooks::{EventType, signing, target};

/// Longest URL, in characters.
const MAX_URL: usize = 2048;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(get_webhook, update_webhook, delete_webhook))
        .routes(routes!(list_webhook_deliveries))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewWebhook {
    /// Where to POST the events: http or https, not a private address (API.md §8.4).
    pub url: String,
    /// The event types to send; at least one.
    pub events: Vec<EventType>,
}

impl Validate for NewWebhook {
    fn validate(&self, check: &mut Checks) {
        check.length("url", &self.url, 1, MAX_URL);
        if self.events.is_empty() {
            check.fail("events", "name at least one event type");
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateWebhook {
    #[serde(default, deserialize_with = "present")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub events: Option<Vec<EventType>>,
    /// An inactive subscription is sent nothing; its waiting deliveries are dropped.
    #[serde(default, deserialize_with = "present")]
    pub active: Option<bool>,
}

impl Validate for UpdateWebhook {
    fn validate(&self, check: &mut Checks) {
        if let Some(url) = &self.url {
            check.length("url", url, 1, MAX_URL);
        }
        if self.events.as_ref().is_some_and(Vec::is_empty) {
            check.fail("events", "name at least one event type");
        }
    }
}

/// The URL, checked against SSRF (API.md §8.4); 422 naming `url` when refused.
async fn checked_url(state: &AppState, url: &str) -> AppResult<String> {
    target::check(url, state.config.webhooks_allow_private_targets)
        .await
        .map(|_| url.to_owned())
        .map_err(|why| AppError::invalid("url", why.to_string()))
}

/// Each type once, in the order given.
fn event_names(events: &[EventType]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(events.len());
    for event in events {
        if !names.iter().any(|n| n == event.as_str()) {
            names.push(event.as_str().to_owned());
        }
    }
    names
}

/// Subscriptions, newest first.
#[utoipa::path(get, path = "/webhooks", tag = "admin",
    params(PageParams),
    responses((status = 200, body = Page<WebhookView>)))]
async fn list_webhooks(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<WebhookView>>> {
    let rows = webhooks::list_subscriptions(&state.db, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, WebhookView::from)))
}

/// Subscribes a URL to event types. The answer holds the signing secret, shown only this once.
#[utoipa::path(post, path = "/webhooks", tag = "admin", request_body = NewWebhook,
    responses((status = 201, body = NewWebhookView)))]
async fn create_webhook(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(body): AppJson<NewWebhook>,
) -> AppResult<(StatusCode, Json<NewWebhookView>)> {
    let NewWebhook { url, events } = body;
    let url = checked_url(&state, &url).await?;
    let secret = signing::new_secret();
    let sealed = state
        .tokens
        .encrypt(&secret)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("cannot seal a webhook secret")))?;
    let row =
        webhooks::create_subscription(&state.db, url, event_names(&events), sealed, admin.user_id)
            .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewWebhookView {
            webhook: row.into(),
            secret,
        }),
    ))
}

#[utoipa::path(get, path = "/webhooks/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookView)))]
async fn get_webhook(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<WebhookView>> {
    let row = webhooks::find_subscription(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(row.into()))
}

/// Changes the fields sent.
#[utoipa::path(patch, path = "/webhooks/{id}", tag = "admin", request_body = UpdateWebhook,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WebhookView)))]
async fn update_webhook(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateWebhook>,
) -> AppResult<Json<WebhookView>> {
    let UpdateWebhook {
        url,
        events,
        active,
    } = body;
    let url = match url {
        Some(url) => Some(checked_url(&state, &url).await?),
        None => None,
    };
    let changes = SubscriptionChanges {
        url,
        events: events.as_deref().map(event_names),
        active,
    };
    let row = webhooks::update_subscription(&state.db, id, changes)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(row.into()))
}

/// Deletes a subscription: no delivery to it is made from now on.
#[utoipa::path(delete, path = "/webhooks/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_webhook(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    if webhooks::delete_subscription(&state.db, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// The subscription's delivery attempts, newest first: one row per attempt.
#[utoipa::path(get, path = "/webhooks/{id}/deliveries", tag = "admin",
    params(("id" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<WebhookDeliveryView>)))]
async fn list_webhook_deliveries(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<Uuid>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<WebhookDeliveryView>>> {
    webhooks::find_subscription(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = webhooks::list_deliveries(&state.db, id, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, WebhookDeliveryView::from)))
}
