//! argon2id password hashing. Hashing is slow on purpose, so it runs off the async workers.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::LazyLock;

use argon2::{Argon2, password_hash::rand_core::OsRng};
use tokio::sync::Semaphore;

pub const MIN_PASSWORD_LEN: usize = 10;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_PASSWORD_LEN: usize = 1024;

/// Hashes in flight at once. Each argon2id run takes ~19 MiB and a core for tens of
/// milliseconds: a burst of logins queues here instead of starting a thread per request, which
/// bounds both the CPU a login flood can take and the memory the allocator keeps afterwards.
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

/// Hashes with argon2id and a random salt (PHC string).
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = HASHING.acquire().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| anyhow::anyhow!("hashing failed: {err}"))
    })
    .await?
}

/// True when `password` matches the PHC string `hash`.
pub async fn verify(password: String, hash: String) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A valid hash of a random password: verifying against it for unknown emails makes a wrong
/// email cost as much time as a wrong password.
pub fn decoy_hash() -> String {
    let salt = SaltString::generate(&mut OsRng);
    let secret = uuid::Uuid::new_v4().to_string();
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash("correct horse battery".to_owned()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".to_owned(), hash.clone()).await);
        assert!(!verify("wrong password!".to_owned(), hash).await);
    }
}
