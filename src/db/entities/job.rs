use sea_orm::entity::prelude::*;

/// A unit of background work (`crate::jobs`). Deleted once done; never holds a secret.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What to do: the runner's dispatch key, e.g. `webhook.deliver`.
    pub kind: String,
    /// Jobs of one queue run one at a time, in id order.
    pub queue: Option<String>,
    /// At most one job holds a key (a periodic job that must not pile up).
    pub unique_key: Option<String>,
    pub payload: Json,
    pub run_at: DateTimeUtc,
    /// Times a worker claimed it.
    pub attempts: i32,
    /// Claimed until then; after it, a worker that died is presumed gone.
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
