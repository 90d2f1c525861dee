//! The optional Redis connection shared by the cache and the rate limits.
//!
//! Redis is an accelerator, never a dependency: every call has a short deadline, and a Redis
//! that is down, slow or not yet reachable makes the call return `None`, so callers fall back
//! to in-process state. The connection is made lazily and retried, so a Redis that comes back
//! is used again without a restart.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{FromRedisValue, Pipeline};
use tokio::sync::OnceCell;

/// A Redis call taking longer than this is treated as Redis being down.
const CALL_DEADLINE: Duration = Duration::from_millis(250);
/// The deadline of a rate limit's call: longer, since counting in process (what a failed call
/// falls back to) lets each instance count on its own, and a limit then holds per instance only.
pub const COUNTING_DEADLINE: Duration = Duration::from_secs(1);
/// How often a failed connection is retried, and how often failures are logged.
const RETRY_EVERY: Duration = Duration::from_secs(2);

pub struct RedisStore {
    client: redis::Client,
    connection: OnceCell<ConnectionManager>,
    last_failure: Mutex<Option<Instant>>,
    last_warning: Mutex<Option<Instant>>,
}

impl RedisStore {
    /// Parses the URL; connecting happens on first use.
    pub fn new(url: &str) -> anyhow::Result<Self> {
        Ok(Self {
            client: redis::Client::open(url)?,
            connection: OnceCell::new(),
            last_failure: Mutex::new(None),
            last_warning: Mutex::new(None),
        })
    }

    async fn connection(&self) -> Option<ConnectionManager> {
        if let Some(connection) = self.connection.get() {
            return Some(connection.clone());
        }
        // Only a failed attempt holds the next one back: callers arriving while the first
        // attempt is under way wait for it (the cell's init), rather than counting in process
        // meanwhile, which would let each instance count on its own at start-up.
        if self
            .last_failure
            .lock()
            .ok()
            .is_some_and(|last| last.is_some_and(|t| t.elapsed() < RETRY_EVERY))
        {
            return None;
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CALL_DEADLINE))
            .set_response_timeout(Some(COUNTING_DEADLINE))
            .set_number_of_retries(1);
        let connection = self
            .connection
            .get_or_try_init(|| self.client.get_connection_manager_with_config(config))
            .await;
        match connection {
            Ok(connection) => Some(connection.clone()),
            Err(err) => {
                if let Ok(mut last) = self.last_failure.lock() {
                    *last = Some(Instant::now());
                }
                self.warn(&err);
                None
            }
        }
    }

    /// Runs a pipeline (atomic when built with `.atomic()`); `None` when Redis is unavailable.
    pub async fn query<T: FromRedisValue>(&self, pipeline: &Pipeline) -> Option<T> {
        self.query_within(CALL_DEADLINE, pipeline).await
    }

    /// [`query`](Self::query) with a deadline of the caller's.
    #[tracing::instrument(name = "redis", skip_all)]
    pub async fn query_within<T: FromRedisValue>(
        &self,
        deadline: Duration,
        pipeline: &Pipeline,
    ) -> Option<T> {
        let mut connection = self.connection().await?;
        match tokio::time::timeout(deadline, pipeline.query_async::<T>(&mut connection)).await {
            Ok(Ok(value)) => Some(value),
            Ok(Err(err)) => {
                self.warn(&err);
                None
            }
            Err(_) => {
                self.warn(&"timed out");
                None
            }
        }
    }

    /// Logs that Redis failed, at most once per `RETRY_EVERY`, so an outage does not flood logs.
    fn warn(&self, err: &dyn std::fmt::Display) {
        if let Ok(mut last) = self.last_warning.lock()
            && !last.is_some_and(|t| t.elapsed() < RETRY_EVERY)
        {
            *last = Some(Instant::now());
            tracing::warn!(error = %err, "redis unavailable; using in-process state");
        }
    }
}
