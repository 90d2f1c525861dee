//! An audit log entry, as admins read it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{UserId, audit_entry};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    pub id: Uuid,
    pub actor_id: UserId,
    pub actor_email: String,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// `deal`, `invoice`, `payment`, `payout` or `user`.
    pub entity_type: String,
    pub entity_id: Uuid,
    /// The record before the write (null on create).
    pub before: Option<serde_json::Value>,
    /// The record after the write (null on delete).
    pub after: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

impl From<audit_entry::Model> for AuditEntryView {
    fn from(row: audit_entry::Model) -> Self {
        let audit_entry::Model {
            id,
            actor_id,
            actor_email,
            action,
            entity_type,
            entity_id,
            before,
            after,
            created_at,
        } = row;
        Self {
            id,
            actor_id,
            actor_email,
            action,
            entity_type,
            entity_id,
            before,
            after,
            created_at,
        }
    }
}
