//! The login throttle: after 10 failed logins for one email within 15 minutes, every login
//! of that email is refused (429) until the oldest failure leaves the window.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use moka::sync::Cache;

pub const MAX_FAILURES: usize = 10;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

pub struct LoginThrottle {
    failures: Cache<String, Arc<Mutex<VecDeque<Instant>>>>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            failures: Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(WINDOW)
                .build(),
        }
    }
}

impl LoginThrottle {
    /// `Some(seconds to wait)` when this email is locked out now.
    pub fn retry_after(&self, email: &str) -> Option<u64> {
        let entry = self.failures.get(email)?;
        let mut failures = entry.lock().ok()?;
        let now = Instant::now();
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            failures.pop_front();
        }
        if failures.len() < MAX_FAILURES {
            return None;
        }
        let oldest = *failures.front()?;
        Some((WINDOW - now.duration_since(oldest)).as_secs().max(1))
    }

    pub fn record_failure(&self, email: &str) {
        let entry = self.failures.get_with(email.to_owned(), Default::default);
        if let Ok(mut failures) = entry.lock() {
            failures.push_back(Instant::now());
            while failures.len() > MAX_FAILURES {
                failures.pop_front();
            }
        }
    }

    pub fn record_success(&self, email: &str) {
        self.failures.invalidate(email);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenth_failure_locks_the_email_out() {
        let throttle = LoginThrottle::default();
        for _ in 0..9 {
            throttle.record_failure("a@x.io");
        }
        assert_eq!(throttle.retry_after("a@x.io"), None);
        throttle.record_failure("a@x.io");
        let wait = throttle.retry_after("a@x.io").expect("locked");
        assert!(wait > 14 * 60 && wait <= 15 * 60);
        assert_eq!(throttle.retry_after("b@x.io"), None);
    }
}
