//! argon2id password hashing. Hashing is slow on purpose, so it runs off the async workers,
//! one per core; a request that checks a password must first be admitted to the
//! [`HashQueue`], which is bounded, so a flood of logins is refused at once instead of waiting.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use std::sync::{Arc, LazyLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub const MIN_PASSWORD_LEN: usize = 10;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_PASSWORD_LEN: usize = 1024;

/// Hashes in flight at once. Each argon2id run takes ~19 MiB and a core for tens of
/// milliseconds: a burst of logins queues here instead of starting a thread per request, which
/// bounds both the CPU a login flood can take and the memory the allocator keeps afterwards.
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

/// Password checks admitted at once per core (one hashing, the rest waiting for a core). At
/// ~20–40 ms a hash, a full queue drains in well under a second.
pub const HASH_QUEUE_PER_CORE: usize = 8;

/// The bounded queue in front of [`HASHING`] for requests that check a password (logins,
/// password changes). When it is full the caller answers 503 with `Retry-After` instead of
/// holding a connection for seconds; each application has its own, sized to the machine.
pub struct HashQueue {
    places: Arc<Semaphore>,
}

/// A place in the [`HashQueue`]: the only way to check or set a password from a request.
pub struct Admitted {
    _place: OwnedSemaphorePermit,
}

impl HashQueue {
    pub fn new(places: usize) -> Self {
        Self {
            places: Arc::new(Semaphore::new(places.max(1))),
        }
    }

    /// Sized to the machine: [`HASH_QUEUE_PER_CORE`] places per core.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(cores * HASH_QUEUE_PER_CORE)
    }

    /// A place, or `None` when the queue is full.
    pub fn admit(&self) -> Option<Admitted> {
        self.places
            .clone()
            .try_acquire_owned()
            .ok()
            .map(|place| Admitted { _place: place })
    }
}

impl Admitted {
    pub async fn verify(&self, password: String, hash: String) -> bool {
        verify(password, hash).await
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        hash(password).await
    }
}

/// Hashes with argon2id and a random salt (PHC string).
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = HASHING.acquire().await?;
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|err| anyhow::anyhow!("hashing failed: {err}"))
    })
    .await?
}

/// True when `password` matches the PHC string `hash`. Requests go through [`Admitted::verify`].
async fn verify(password: String, hash: String) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// A valid hash of a random password: verifying against it for unknown emails makes a wrong
/// email cost as much time as a wrong password.
pub fn decoy_hash() -> String {
    let secret = uuid::Uuid::new_v4().to_string();
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|hash| hash.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_queue_admits_no_one_until_a_place_is_free() {
        let queue = HashQueue::new(2);
        let first = queue.admit().expect("first place");
        let _second = queue.admit().expect("second place");
        assert!(queue.admit().is_none());
        drop(first);
        assert!(queue.admit().is_some());
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash("correct horse battery".to_owned()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".to_owned(), hash.clone()).await);
        assert!(!verify("wrong password!".to_owned(), hash).await);
    }

    /// A PHC string written by argon2 0.5 (`Argon2::default()`, a fixed salt): hashes already
    /// stored must keep verifying across argon2 upgrades.
    const STORED_BY_ARGON2_0_5: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRmb3J0ZXN0cw$CMJ7GqCHh6g5QamWxim65k6mL4jw4Xwgq0AnJuhEDwo";

    #[tokio::test]
    async fn a_hash_stored_by_an_earlier_argon2_still_verifies() {
        let stored = STORED_BY_ARGON2_0_5.to_owned();
        assert!(verify("correct horse battery".to_owned(), stored.clone()).await);
        assert!(!verify("wrong password!".to_owned(), stored).await);
    }
}
