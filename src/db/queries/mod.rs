//! Query functions, one file per table. Each takes `&impl ConnectionTrait` (a pool or a
//! transaction) and returns rows; creator queries take the owner's `TalentId`.

pub mod ai_history;
pub mod audit_log;
pub mod creator_deals;
pub mod events;
pub mod goals;
pub mod insights;
pub mod notifications;
pub mod revenue;
pub mod socials;
pub mod talents;
pub mod tasks;
pub mod users;
pub mod wellness;

use chrono::{DateTime, SubsecRound, Utc};

/// Now, at the microsecond precision both databases store, so a written time reads back equal.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
