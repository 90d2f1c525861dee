//! Webhooks for the agency (API.md §8.4): the changes they are told about, stored in the change's
//! own transaction (the outbox), and delivered by the job runner, signed as Standard Webhooks
//! signs them.
//!
//! A write that emits calls [`emit`] inside its transaction with an [`Emitted`] built from the
//! changed row: `data` is always the agency's view of the row, so a password hash, a social
//! token, a check-in or an assistant entry cannot be sent.

pub mod delivery;
pub mod signing;
pub mod target;

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::db::entities::{
    EventStatus, TalentId, creator_event, creator_goal, creator_task, deal, invoice, payout,
    social_account_connection as social,
};
use crate::db::queries::jobs::{self, NewJob};
use crate::db::queries::{audit_log, now, webhooks};
use crate::error::AppResult;
use crate::views::admin;

/// The job kind of one delivery: `{"subscriptionId", "eventId"}`, never the payload or a secret.
pub const DELIVER: &str = "webhook.deliver";

/// What a subscription can be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum EventType {
    #[serde(rename = "event.accepted")]
    EventAccepted,
    #[serde(rename = "event.declined")]
    EventDeclined,
    #[serde(rename = "task.completed")]
    TaskCompleted,
    #[serde(rename = "goal.created")]
    GoalCreated,
    #[serde(rename = "goal.updated")]
    GoalUpdated,
    #[serde(rename = "goal.deleted")]
    GoalDeleted,
    #[serde(rename = "social.connected")]
    SocialConnected,
    #[serde(rename = "social.disconnected")]
    SocialDisconnected,
    #[serde(rename = "invoice.paid")]
    InvoicePaid,
    #[serde(rename = "payout.paid")]
    PayoutPaid,
    #[serde(rename = "deal.stage_changed")]
    DealStageChanged,
}

impl EventType {
    pub const ALL: [Self; 11] = [
        Self::EventAccepted,
        Self::EventDeclined,
        Self::TaskCompleted,
        Self::GoalCreated,
        Self::GoalUpdated,
        Self::GoalDeleted,
        Self::SocialConnected,
        Self::SocialDisconnected,
        Self::InvoicePaid,
        Self::PayoutPaid,
        Self::DealStageChanged,
    ];

    /// The type a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::EventAccepted => "event.accepted",
            Self::EventDeclined => "event.declined",
            Self::TaskCompleted => "task.completed",
            Self::GoalCreated => "goal.created",
            Self::GoalUpdated => "goal.updated",
            Self::GoalDeleted => "goal.deleted",
            Self::SocialConnected => "social.connected",
            Self::SocialDisconnected => "social.disconnected",
            Self::InvoicePaid => "invoice.paid",
            Self::PayoutPaid => "payout.paid",
            Self::DealStageChanged => "deal.stage_changed",
        }
    }
}

/// A change to tell the subscriptions about: its type, the creator it names (erasure deletes the
/// stored payload) and the record as the agency API shows it.
pub struct Emitted {
    event_type: EventType,
    talent: Option<TalentId>,
    data: serde_json::Value,
}

impl Emitted {
    fn new(event_type: EventType, talent: Option<TalentId>, view: impl Serialize) -> Self {
        Self {
            event_type,
            talent,
            // A view of plain fields always serializes; `Null` would only hide a bug's payload.
            data: serde_json::to_value(view).unwrap_or(serde_json::Value::Null),
        }
    }

    /// `event.accepted` or `event.declined`, by the event's new status; none for another status.
    pub fn event_answered(row: &creator_event::Model) -> Option<Self> {
        let event_type = match row.status {
            EventStatus::Accepted => EventType::EventAccepted,
            EventStatus::Declined => EventType::EventDeclined,
            _ => return None,
        };
        Some(Self::new(
            event_type,
            Some(row.creator_id),
            admin::EventView::from(row.clone()),
        ))
    }

    pub fn task_completed(row: &creator_task::Model) -> Self {
        Self::new(
            EventType::TaskCompleted,
            Some(row.creator_id),
            admin::TaskView::from(row.clone()),
        )
    }

    /// `goal.created`, `goal.updated` or `goal.deleted`.
    pub fn goal(event_type: EventType, row: &creator_goal::Model) -> Self {
        Self::new(
            event_type,
            Some(row.creator_id),
            admin::GoalView::from(row.clone()),
        )
    }

    /// `social.connected` or `social.disconnected`.
    pub fn social(event_type: EventType, row: &social::Model) -> Self {
        Self::new(
            event_type,
            Some(row.creator_id),
            admin::SocialView::from(row.clone()),
        )
    }

    /// An invoice is a money record of a deal: its payload names no creator.
    pub fn invoice_paid(row: &invoice::Model) -> Self {
        Self::new(
            EventType::InvoicePaid,
            None,
            admin::InvoiceView::from(row.clone()),
        )
    }

    pub fn payout_paid(row: &payout::Model) -> Self {
        Self::new(
            EventType::PayoutPaid,
            Some(row.talent_id),
            admin::PayoutView::from(row.clone()),
        )
    }

    pub fn deal_stage_changed(row: &deal::Model) -> Self {
        Self::new(
            EventType::DealStageChanged,
            Some(row.talent_id),
            admin::DealView::from(row.clone()),
        )
    }
}

/// Stores the event and one delivery job per active subscription to its type. Call it with the
/// transaction of the change: the event exists exactly when the change commits. Nothing is stored
/// when no subscription wants the type.
pub async fn emit(db: &impl ConnectionTrait, emitted: Emitted) -> Result<(), DbErr> {
    let Emitted {
        event_type,
        talent,
        data,
    } = emitted;
    let subscribers = webhooks::subscribers(db, event_type.as_str()).await?;
    if subscribers.is_empty() {
        return Ok(());
    }
    let event = webhooks::insert_event(db, event_type.as_str(), talent, data).await?;
    for subscription in subscribers {
        jobs::enqueue(
            db,
            NewJob {
                kind: DELIVER,
                payload: serde_json::json!({
                    "subscriptionId": subscription,
                    "eventId": event.id,
                }),
                queue: Some(webhooks::queue_of(subscription)),
                unique_key: None,
                run_at: now(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Runs `write` in one transaction with the event it emits, if any: both commit, or neither.
/// For writes that are not audited (the creator's own); an audited write calls [`emit`] inside
/// `audit_log::audited`.
pub async fn emitting<T>(
    state: &AppState,
    write: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<(T, Option<Emitted>)>,
) -> AppResult<T> {
    let txn = audit_log::begin(&state.db).await?;
    let (value, emitted) = write(&txn).await?;
    let emits = emitted.is_some();
    if let Some(emitted) = emitted {
        emit(&txn, emitted).await?;
    }
    txn.commit().await?;
    if emits {
        state.jobs.now();
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_serializes_as_its_stored_name() {
        for event_type in EventType::ALL {
            assert_eq!(
                serde_json::to_value(event_type).ok(),
                Some(serde_json::Value::String(event_type.as_str().to_owned()))
            );
            assert_eq!(EventType::parse(event_type.as_str()), Some(event_type));
        }
    }
}
