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
