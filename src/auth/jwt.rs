//! HS256 login tokens with the claims `sub`, `role`, `iat`, `exp` (API.md §3).

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

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
    pub fn new(secret: &[u8], ttl: chrono::Duration) -> Self {
        // Only HS256: a token naming `none` or another algorithm is refused.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a test secret of 32 bytes or so!";

    /// An agent's token signed by jsonwebtoken 10 (expires in 2100): tokens already handed out
    /// must keep verifying across jsonwebtoken upgrades.
    const SIGNED_BY_JSONWEBTOKEN_10: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTkwYTRiMi02YzFlLTdkM2EtOWIyZi0zZTRkNWM2YjdhODEiLCJyb2xlIjoiYWdlbnQiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6NDEwMjQ0NDgwMH0.uch2wyKOD5zZeAupVxWMhBREVWIMKSrxV2UtQ6M31Xs";

    #[test]
    fn a_token_signed_by_an_earlier_jsonwebtoken_still_verifies() {
        let keys = TokenKeys::new(SECRET, chrono::Duration::hours(1));
        let claims = keys.verify(SIGNED_BY_JSONWEBTOKEN_10).expect("verifies");
        assert_eq!(
            claims.sub.0.to_string(),
            "0190a4b2-6c1e-7d3a-9b2f-3e4d5c6b7a81"
        );
        assert_eq!(claims.role, Role::Agent);
        assert_eq!(claims.exp, 4_102_444_800);
        let other = TokenKeys::new(b"another secret", chrono::Duration::hours(1));
        assert!(other.verify(SIGNED_BY_JSONWEBTOKEN_10).is_none());
    }

    #[test]
    fn an_issued_token_verifies() {
        let keys = TokenKeys::new(SECRET, chrono::Duration::hours(1));
        let user = UserId(uuid::Uuid::now_v7());
        let (token, _) = keys.issue(user, Role::Creator).unwrap();
        let claims = keys.verify(&token).expect("verifies");
        assert_eq!(claims.sub, user);
        assert_eq!(claims.role, Role::Creator);
    }
}
