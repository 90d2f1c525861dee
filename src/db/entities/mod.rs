//! Rows: one SeaORM entity per table of API.md §4.
//!
//! Entities never derive `Serialize`: what leaves the service is a view (`crate::views`).

pub mod enums;
pub mod ids;

pub mod ai_prompt_history;
pub mod audit_entry;
pub mod brand;
pub mod calendar_feed;
pub mod creator_event;
pub mod creator_goal;
pub mod creator_insight;
pub mod creator_task;
pub mod deal;
pub mod deliverable;
pub mod idempotency_key;
pub mod invoice;
pub mod job;
pub mod notification;
pub mod oauth_state;
pub mod opportunity;
pub mod outreach_task;
pub mod payment;
pub mod payout;
pub mod service_lease;
pub mod social_account_connection;
pub mod social_reading;
pub mod talent;
pub mod user;
pub mod webhook_delivery;
pub mod webhook_event;
pub mod webhook_subscription;
pub mod wellness_checkin;

pub use enums::*;
pub use ids::{TalentId, UserId, new_id};

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// A list of strings kept in one JSON column (talent categories, brand values).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct StringList(pub Vec<String>);
