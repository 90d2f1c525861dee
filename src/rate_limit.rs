//! Sliding-window rate limits ("at most N events per key in any window"), used by the login
//! throttle (10 failures per email in 15 minutes) and the AI assistant (30 asks per creator per
//! hour).
//!
//! With Redis the window is one sorted set per key, updated by a Lua script so that
//! concurrent requests on several instances count exactly; without Redis, or while it is
//! unavailable, the same window is kept in process. (Fixed-window or token-bucket crates such
//! as `governor` count differently from the contract's "N in any window" and have no shared
//! backend, hence this small module.)

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use moka::sync::Cache;

use crate::redis_store::RedisStore;

/// The counted events of one key, oldest first: (milliseconds, the slot's id).
type Window = VecDeque<(u64, u128)>;

pub struct RateLimiter {
    name: &'static str,
    limit: usize,
    window: Duration,
    local: Cache<String, Arc<Mutex<Window>>>,
    redis: Option<Arc<RedisStore>>,
}

/// One counted event, which [`RateLimiter::release`] can take back (a login slot whose
/// password was never checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot(uuid::Uuid);

/// Removes events older than the window; when the limit is reached, returns the milliseconds
/// until the oldest counted event leaves it, else counts this event and returns 0. One script,
/// so that concurrent takes on any number of instances never count past the limit.
const TAKE: &str = r"
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return 0
";

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl RateLimiter {
    pub fn new(
        name: &'static str,
        limit: usize,
        window: Duration,
        redis: Option<Arc<RedisStore>>,
    ) -> Self {
        Self {
            name,
            limit,
            window,
            local: Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(window)
                .build(),
            redis,
        }
    }

    /// Counts one event for `key` unless the limit is reached; `Err(seconds to wait)` if it is.
    /// Checking and counting are one step, so of any number of concurrent takes at most the
    /// limit succeed.
    pub async fn take(&self, key: &str) -> Result<Slot, u64> {
        let slot = Slot(uuid::Uuid::now_v7());
        let now = now_ms();
        let window = self.window.as_millis() as u64;
        if let Some(redis) = &self.redis {
            let mut pipe = redis::pipe();
            pipe.cmd("EVAL")
                .arg(TAKE)
                .arg(1)
                .arg(self.redis_key(key))
                .arg(now)
                .arg(window)
                .arg(self.limit)
                .arg(slot.0.to_string());
            if let Some((wait_ms,)) = redis
                .query_within::<(u64,)>(crate::redis_store::COUNTING_DEADLINE, &pipe)
                .await
            {
                return match wait_ms {
                    0 => Ok(slot),
                    wait_ms => Err(wait_ms.div_ceil(1000)),
                };
            }
        }
        match self.take_local(key, &slot, now, window) {
            0 => Ok(slot),
            wait_ms => Err(wait_ms.div_ceil(1000)),
        }
    }

    /// Takes back one event counted by [`take`](Self::take).
    pub async fn release(&self, key: &str, slot: &Slot) {
        if let Some(redis) = &self.redis {
            let mut pipe = redis::pipe();
            pipe.zrem(self.redis_key(key), slot.0.to_string()).ignore();
            let _: Option<()> = redis.query(&pipe).await;
        }
        if let Some(entry) = self.local.get(key)
            && let Ok(mut events) = entry.lock()
        {
            events.retain(|(_, id)| *id != slot.0.as_u128());
        }
    }

    /// Forgets every event of `key`.
    pub async fn clear(&self, key: &str) {
        if let Some(redis) = &self.redis {
            let mut pipe = redis::pipe();
            pipe.del(self.redis_key(key)).ignore();
            let _: Option<()> = redis.query(&pipe).await;
        }
        self.local.invalidate(key);
    }

    fn redis_key(&self, key: &str) -> String {
        format!("et:ratelimit:{}:{key}", self.name)
    }

    fn take_local(&self, key: &str, slot: &Slot, now: u64, window: u64) -> u64 {
        let entry = self.local.get_with(key.to_owned(), Default::default);
        let Ok(mut events) = entry.lock() else {
            return 0;
        };
        while events.front().is_some_and(|(t, _)| *t + window <= now) {
            events.pop_front();
        }
        if events.len() >= self.limit {
            let oldest = events.front().map_or(now, |(t, _)| *t);
            return (oldest + window).saturating_sub(now).max(1);
        }
        events.push_back((now, slot.0.as_u128()));
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_limit_holds_within_the_window_per_key() {
        let limiter = RateLimiter::new("test", 3, Duration::from_secs(3600), None);
        for _ in 0..3 {
            assert!(limiter.take("a").await.is_ok());
        }
        let wait = limiter.take("a").await.expect_err("fourth is refused");
        assert!(wait > 3590 && wait <= 3600, "{wait}");
        assert!(limiter.take("b").await.is_ok());
        limiter.clear("a").await;
        assert!(limiter.take("a").await.is_ok());
    }

    #[tokio::test]
    async fn a_released_slot_is_free_again() {
        let limiter = RateLimiter::new("test", 2, Duration::from_secs(60), None);
        let first = limiter.take("k").await.expect("first");
        let _second = limiter.take("k").await.expect("second");
        assert!(limiter.take("k").await.is_err());
        limiter.release("k", &first).await;
        assert!(limiter.take("k").await.is_ok());
        assert!(limiter.take("k").await.is_err());
    }

    #[tokio::test]
    async fn events_leave_the_window() {
        let limiter = RateLimiter::new("test", 1, Duration::from_millis(50), None);
        assert!(limiter.take("k").await.is_ok());
        assert!(limiter.take("k").await.is_err());
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert!(limiter.take("k").await.is_ok());
    }
}
