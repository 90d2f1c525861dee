//! Query functions, one file per table. Each takes `&impl ConnectionTrait` (a pool or a
//! transaction) and returns rows; creator queries take the owner's `TalentId`.

pub mod notifications;
pub mod talents;
pub mod users;

use chrono::{DateTime, SubsecRound, Utc};

/// Now, at the microsecond precision both databases store, so a written time reads back equal.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
