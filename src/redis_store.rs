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
/// How often a failed connection is retried, and how often failures are logged.
const RETRY_EVERY: Duration = Duration::from_secs(2);

pub struct RedisStore {
    client: redis::Client,
    connection: OnceCell<ConnectionManager>,
    last_attempt: Mutex<Option<Instant>>,
    last_warning: Mutex<Option<Instant>>,
}

impl RedisStore {
    /// Parses the URL; connecting happens on first use.
    pub fn new(url: &str) -> anyhow::Result<Self> {
        Ok(Self {
            client: redis::Client::open(url)?,
            connection: OnceCell::new(),
            last_attempt: Mutex::new(None),
            last_warning: Mutex::new(None),
        })
    }

    async fn connection(&self) -> Option<ConnectionManager> {
        if let Some(connection) = self.connection.get() {
            return Some(connection.clone());
        }
        {
            let mut last = self.last_attempt.lock().ok()?;
            if last.is_some_and(|t| t.elapsed() < RETRY_EVERY) {
                return None;
            }
            *last = Some(Instant::now());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(CALL_DEADLINE)
            .set_response_timeout(CALL_DEADLINE)
            .set_number_of_retries(1);
        let connection = self
            .connection
            .get_or_try_init(|| self.client.get_connection_manager_with_config(config))
            .await;
        match connection {
            Ok(connection) => Some(connection.clone()),
            Err(err) => {
                self.warn(&err);
                None
            }
        }
    }

    /// Runs a pipeline (atomic when built with `.atomic()`); `None` when Redis is unavailable.
    #[tracing::instrument(name = "redis", skip_all)]
    pub async fn query<T: FromRedisValue>(&self, pipeline: &Pipeline) -> Option<T> {
        let mut connection = self.connection().await?;
        match tokio::time::timeout(CALL_DEADLINE, pipeline.query_async::<T>(&mut connection)).await
        {
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
