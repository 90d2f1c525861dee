//! Encryption of creators' social tokens at rest (API.md §4): AES-256-GCM under
//! `TOKEN_ENCRYPTION_KEY`, a random 96-bit nonce per value, stored as base64(nonce ‖ ciphertext).
//!
//! Tokens are sealed when a creator connects an account and opened only where a sync would
//! call the platform; no response path decrypts them.

use aes_gcm::aead::{Aead, Generate, KeyInit, Nonce};
use aes_gcm::{Aes256Gcm, Key};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Bytes of the GCM nonce that prefixes every stored value.
const NONCE_LEN: usize = 12;

/// Seals and opens social tokens. Cheap to share; the key never leaves it.
#[derive(Clone)]
pub struct TokenCipher {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for TokenCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenCipher(..)")
    }
}

/// A stored value that does not open under this key (tampered with, or another key).
#[derive(Debug, thiserror::Error)]
#[error("a stored token cannot be decrypted")]
pub struct UndecryptableToken;

impl TokenCipher {
    pub fn new(key: &[u8; 32]) -> Self {
        Self {
            cipher: Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key)),
        }
    }

    /// base64(nonce ‖ ciphertext) of `plaintext`, with a fresh random nonce.
    pub fn encrypt(&self, plaintext: &str) -> Result<String, UndecryptableToken> {
        let nonce = Nonce::<Aes256Gcm>::generate();
        let sealed = self
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .map_err(|_| UndecryptableToken)?;
        let mut stored = Vec::with_capacity(NONCE_LEN + sealed.len());
        stored.extend_from_slice(&nonce);
        stored.extend_from_slice(&sealed);
        Ok(STANDARD.encode(stored))
    }

    /// The plaintext of a value made by [`TokenCipher::encrypt`] under the same key.
    pub fn decrypt(&self, stored: &str) -> Result<String, UndecryptableToken> {
        let bytes = STANDARD.decode(stored).map_err(|_| UndecryptableToken)?;
        let (nonce, sealed) = bytes
            .split_at_checked(NONCE_LEN)
            .ok_or(UndecryptableToken)?;
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| UndecryptableToken)?;
        let plain = self
            .cipher
            .decrypt(&Nonce::<Aes256Gcm>::from(nonce), sealed)
            .map_err(|_| UndecryptableToken)?;
        String::from_utf8(plain).map_err(|_| UndecryptableToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_round_trips_and_is_not_stored_in_clear() {
        let cipher = TokenCipher::new(&[7u8; 32]);
        let stored = cipher.encrypt("secret-token").unwrap();
        assert!(!stored.contains("secret-token"));
        assert_eq!(cipher.decrypt(&stored).unwrap(), "secret-token");
    }

    #[test]
    fn each_value_gets_its_own_nonce() {
        let cipher = TokenCipher::new(&[7u8; 32]);
        assert_ne!(
            cipher.encrypt("same").unwrap(),
            cipher.encrypt("same").unwrap()
        );
    }

    #[test]
    fn another_key_or_a_tampered_value_does_not_open() {
        let stored = TokenCipher::new(&[7u8; 32]).encrypt("secret").unwrap();
        assert!(TokenCipher::new(&[8u8; 32]).decrypt(&stored).is_err());
        let cipher = TokenCipher::new(&[7u8; 32]);
        let mut bytes = STANDARD.decode(&stored).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(cipher.decrypt(&STANDARD.encode(bytes)).is_err());
        assert!(cipher.decrypt("short").is_err());
        assert!(cipher.decrypt("not base64 !").is_err());
    }

    /// "secret-token" sealed under `[7; 32]` by aes-gcm 0.10: values already stored must keep
    /// opening across aes-gcm upgrades.
    const SEALED_BY_AES_GCM_0_10: &str = "PCX1NTiXeWtWBdVd2ChdSJfKkW0oXbqij3TnTvhEtscDhSfCJ4uR3g==";

    #[test]
    fn a_value_sealed_by_an_earlier_aes_gcm_still_opens() {
        let cipher = TokenCipher::new(&[7u8; 32]);
        assert_eq!(
            cipher.decrypt(SEALED_BY_AES_GCM_0_10).unwrap(),
            "secret-token"
        );
    }
}
