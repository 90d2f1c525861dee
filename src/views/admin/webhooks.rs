use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{webhook_delivery as delivery, webhook_subscription as subscription};
use crate::webhooks::EventType;

/// A webhook subscription; its secret is shown once, when it is created.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookView {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<EventType>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<subscription::Model> for WebhookView {
    fn from(row: subscription::Model) -> Self {
        let subscription::Model {
            id,
            url,
            events,
            secret: _,
            active,
            created_by: _,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            url,
            events: events
                .0
                .iter()
                .filter_map(|e| EventType::parse(e))
                .collect(),
            active,
            created_at,
            updated_at,
        }
    }
}

/// A new subscription, with the secret its deliveries are signed with: shown only now.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewWebhookView {
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// `whsec_` and the base64 of 32 random bytes (Standard Webhooks).
    pub secret: String,
}

/// One attempt to deliver an event.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDeliveryView {
    pub id: Uuid,
    /// The event's id: the payload's `id` and the `webhook-id` header.
    pub event_id: Uuid,
    #[serde(rename = "type")]
    pub event_type: String,
    /// From 1.
    pub attempt: i32,
    /// `succeeded`, `failed` (it will be retried) or `exhausted` (it will not).
    pub status: String,
    /// The receiver's answer; null when none came.
    pub response_status: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl From<delivery::Model> for WebhookDeliveryView {
    fn from(row: delivery::Model) -> Self {
        let delivery::Model {
            id,
            subscription_id: _,
            event_id,
            event_type,
            attempt,
            status,
            response_status,
            created_at,
        } = row;
        Self {
            id,
            event_id,
            event_type,
            attempt,
            status,
            response_status,
            created_at,
        }
    }
}
