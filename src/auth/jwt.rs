//! HS256 login tokens with the claims `sub`, `role`, `iat`, `exp` (API.md §3).

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::signature::{Error as SignatureError, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::db::entities::{Role, UserId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: UserId,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: chrono::Duration,
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl: chrono::Duration) -> anyhow::Result<Self> {
        install_crypto();
        // Only HS256: a token naming `none` or another algorithm is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            validation,
            ttl,
        })
    }

    /// Mints a token for a user, returning it with its expiry.
    pub fn issue(&self, user: UserId, role: Role) -> anyhow::Result<(String, DateTime<Utc>)> {
        let now = Utc::now();
        let expires_at = now + self.ttl;
        let claims = Claims {
            sub: user,
            role,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, expires_at))
    }

    /// The claims of a genuine, unexpired token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// jsonwebtoken's cryptography cut down to the one algorithm we sign and accept: HS256 over
/// the `hmac` and `sha2` we build anyway. Its `rust_crypto` backend would also build RSA, ECDSA
/// and Ed25519, which no token of ours uses. Any other algorithm is refused as invalid.
static HS256_ONLY: CryptoProvider = CryptoProvider {
    signer_factory: |algorithm, key| {
        Ok(Box::new(Hs256::new(
            algorithm,
            key.family(),
            key.as_bytes(),
        )?))
    },
    verifier_factory: |algorithm, key| {
        Ok(Box::new(Hs256::new(
            algorithm,
            key.family(),
            key.try_get_as_bytes()?,
        )?))
    },
    key_utils: KeyUtils::new_unimplemented(),
};

/// Makes [`HS256_ONLY`] jsonwebtoken's provider for the process. Idempotent; tests that mint
/// tokens with jsonwebtoken directly call it first.
pub fn install_crypto() {
    // An error only says that it is installed already: it is the only provider we have.
    let _ = HS256_ONLY.install_default();
}

/// HMAC-SHA256 under a token secret, for signing and for checking signatures.
struct Hs256(Hmac<Sha256>);

impl Hs256 {
    fn new(
        algorithm: &Algorithm,
        family: AlgorithmFamily,
        secret: &[u8],
    ) -> jsonwebtoken::errors::Result<Self> {
        if *algorithm != Algorithm::HS256 || family != AlgorithmFamily::Hmac {
            return Err(ErrorKind::InvalidAlgorithm.into());
        }
        let mac = Hmac::new_from_slice(secret).map_err(|_| ErrorKind::InvalidKeyFormat)?;
        Ok(Self(mac))
    }
}

impl Signer<Vec<u8>> for Hs256 {
    fn try_sign(&self, message: &[u8]) -> Result<Vec<u8>, SignatureError> {
        let mut mac = self.0.clone();
        mac.update(message);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

impl Verifier<Vec<u8>> for Hs256 {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), SignatureError> {
        let mut mac = self.0.clone();
        mac.update(message);
        // Constant time.
        mac.verify_slice(signature)
            .map_err(SignatureError::from_source)
    }
}

impl JwtSigner for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl JwtVerifier for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a test secret of 32 bytes or so!";

    /// An agent's token signed by jsonwebtoken 10 (expires in 2100): tokens already handed out
    /// must keep verifying across jsonwebtoken upgrades.
    const SIGNED_BY_JSONWEBTOKEN_10: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTkwYTRiMi02YzFlLTdkM2EtOWIyZi0zZTRkNWM2YjdhODEiLCJyb2xlIjoiYWdlbnQiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6NDEwMjQ0NDgwMH0.uch2wyKOD5zZeAupVxWMhBREVWIMKSrxV2UtQ6M31Xs";

    #[test]
    fn a_token_signed_by_an_earlier_jsonwebtoken_still_verifies() {
        let keys = TokenKeys::new(SECRET, chrono::Duration::hours(1)).unwrap();
        let claims = keys.verify(SIGNED_BY_JSONWEBTOKEN_10).expect("verifies");
        assert_eq!(
            claims.sub.0.to_string(),
            "0190a4b2-6c1e-7d3a-9b2f-3e4d5c6b7a81"
        );
        assert_eq!(claims.role, Role::Agent);
        assert_eq!(claims.exp, 4_102_444_800);
        let other = TokenKeys::new(b"another secret", chrono::Duration::hours(1)).unwrap();
        assert!(other.verify(SIGNED_BY_JSONWEBTOKEN_10).is_none());
    }

    #[test]
    fn an_issued_token_verifies() {
        let keys = TokenKeys::new(SECRET, chrono::Duration::hours(1)).unwrap();
        let user = UserId(uuid::Uuid::now_v7());
        let (token, _) = keys.issue(user, Role::Creator).unwrap();
        let claims = keys.verify(&token).expect("verifies");
        assert_eq!(claims.sub, user);
        assert_eq!(claims.role, Role::Creator);
    }

    #[test]
    fn no_other_algorithm_signs_or_verifies() {
        let keys = TokenKeys::new(SECRET, chrono::Duration::hours(1)).unwrap();
        let (token, _) = keys
            .issue(UserId(uuid::Uuid::now_v7()), Role::Admin)
            .unwrap();
        let header = Header::new(Algorithm::HS512);
        assert!(jsonwebtoken::encode(&header, &serde_json::json!({}), &keys.encoding).is_err());
        let (_, rest) = token.split_once('.').unwrap();
        // {"alg":"HS512","typ":"JWT"} on the same claims and signature.
        let relabelled = format!("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.{rest}");
        assert!(keys.verify(&relabelled).is_none());
    }
}
