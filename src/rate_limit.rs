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

pub struct RateLimiter {
    name: &'static str,
    limit: usize,
    window: Duration,
    local: Cache<String, Arc<Mutex<VecDeque<u64>>>>,
    redis: Option<Arc<RedisStore>>,
}

#[derive(Clone, Copy)]
enum Mode {
    /// Count an event if under the limit; otherwise refuse it.
    Take,
    /// Only say whether the limit is reached.
    Peek,
    /// Count an event regardless.
    Add,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Self::Take => "take",
            Self::Peek => "peek",
            Self::Add => "add",
        }
    }
}

/// Removes events older than the window, then acts per mode. Returns the milliseconds until
/// the oldest counted event leaves the window when the limit is reached, else 0.
const SCRIPT: &str = r"
local key, now, window, limit, mode, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if mode ~= 'add' and count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
if mode ~= 'peek' then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
end
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
    pub async fn take(&self, key: &str) -> Result<(), u64> {
        match self.run(key, Mode::Take).await {
            0 => Ok(()),
            wait_ms => Err(wait_ms.div_ceil(1000)),
        }
    }

    /// `Some(seconds to wait)` when the limit is reached for `key`.
    pub async fn retry_after(&self, key: &str) -> Option<u64> {
        match self.run(key, Mode::Peek).await {
            0 => None,
            wait_ms => Some(wait_ms.div_ceil(1000)),
        }
    }

    /// Counts one event for `key`.
    pub async fn record(&self, key: &str) {
        self.run(key, Mode::Add).await;
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

    async fn run(&self, key: &str, mode: Mode) -> u64 {
        let now = now_ms();
        let window = self.window.as_millis() as u64;
        if let Some(redis) = &self.redis {
            let mut pipe = redis::pipe();
            pipe.cmd("EVAL")
                .arg(SCRIPT)
                .arg(1)
                .arg(self.redis_key(key))
                .arg(now)
                .arg(window)
                .arg(self.limit)
                .arg(mode.as_str())
                .arg(uuid::Uuid::now_v7().to_string());
            if let Some((wait_ms,)) = redis.query::<(u64,)>(&pipe).await {
                return wait_ms;
            }
        }
        self.run_local(key, mode, now, window)
    }

    fn run_local(&self, key: &str, mode: Mode, now: u64, window: u64) -> u64 {
        let entry = self.local.get_with(key.to_owned(), Default::default);
        let Ok(mut events) = entry.lock() else {
            return 0;
        };
        while events.front().is_some_and(|t| *t + window <= now) {
            events.pop_front();
        }
        if !matches!(mode, Mode::Add) && events.len() >= self.limit {
            let oldest = events.front().copied().unwrap_or(now);
            return (oldest + window).saturating_sub(now).max(1);
        }
        if !matches!(mode, Mode::Peek) {
            events.push_back(now);
            while events.len() > self.limit {
                events.pop_front();
            }
        }
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
            assert_eq!(limiter.take("a").await, Ok(()));
        }
        let wait = limiter.take("a").await.expect_err("fourth is refused");
        assert!(wait > 3590 && wait <= 3600, "{wait}");
        assert_eq!(limiter.take("b").await, Ok(()));
        limiter.clear("a").await;
        assert_eq!(limiter.take("a").await, Ok(()));
    }

    #[tokio::test]
    async fn peek_and_add_count_without_refusing() {
        let limiter = RateLimiter::new("test", 2, Duration::from_secs(60), None);
        assert_eq!(limiter.retry_after("k").await, None);
        limiter.record("k").await;
        limiter.record("k").await;
        assert!(limiter.retry_after("k").await.is_some());
    }

    #[tokio::test]
    async fn events_leave_the_window() {
        let limiter = RateLimiter::new("test", 1, Duration::from_millis(50), None);
        assert_eq!(limiter.take("k").await, Ok(()));
        assert!(limiter.take("k").await.is_err());
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(limiter.take("k").await, Ok(()));
    }
}
