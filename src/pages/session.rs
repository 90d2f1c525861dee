//! The portal's session and CSRF proof, as extractors: a page handler that takes [`Portal`]
//! cannot run for anyone but a signed-in creator, and one that takes [`CsrfForm`] cannot run
//! without the proof that its form came from one of our pages.
//!
//! The session is one cookie, `portal_session`, holding the same signed token the API issues:
//! it ends when that token would (its expiry, a sign-out, a password change), by the same
//! checks. The CSRF proof is an HMAC of the session token under a key derived from
//! `JWT_SECRET`: a page from another site cannot read it, and it changes with each sign-in.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

use super::PageError;
use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::Role;
use crate::db::queries;
use crate::error::AppError;

pub const SESSION_COOKIE: &str = "portal_session";

/// Keys the portal's CSRF proofs.
pub struct CsrfKey(Hmac<Sha256>);

impl CsrfKey {
    /// A key of its own, derived from the token secret.
    pub fn derive(secret: &[u8]) -> Self {
        let mut derive = mac(secret);
        derive.update(b"exclusive-talent portal csrf v1");
        Self(mac(&derive.finalize().into_bytes()))
    }

    /// The proof for a session token.
    pub fn proof(&self, session: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(session.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `proof` is the session's, compared in constant time.
    fn verify(&self, session: &str, proof: &str) -> bool {
        let Ok(proof) = URL_SAFE_NO_PAD.decode(proof) else {
            return false;
        };
        let mut mac = self.0.clone();
        mac.update(session.as_bytes());
        mac.verify_slice(&proof).is_ok()
    }
}

fn mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

/// The session token in a request's cookies.
fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` that starts a session (or, with `None`, ends it).
pub fn session_cookie(state: &AppState, token: Option<&str>) -> Option<HeaderValue> {
    let secure = if state.config.cookies_secure() {
        "; Secure"
    } else {
        ""
    };
    let cookie = match token {
        Some(token) => {
            let max_age = state.config.token_ttl_hours * 3600;
            format!(
                "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
            )
        }
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&cookie).ok()
}

/// Adds a `Set-Cookie` to a response.
pub fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(cookie) = cookie {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}

/// A signed-in creator on a page. Taking this is the permission check of a page, and `ctx` is
/// what the creator API's handlers are called with.
pub struct Portal {
    pub ctx: CreatorContext,
    pub display_name: String,
    /// The proof every form of the page carries.
    pub csrf: String,
    /// Asked for by the page's own script: the main content alone.
    pub partial: bool,
}

impl FromRequestParts<AppState> for Portal {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let token = session_token(&parts.headers).ok_or(PageError::SignIn)?;
        let caller = state.auth.caller_with_token(token, &state.db).await?;
        let (Role::Creator, Some(talent_id)) = (caller.role, caller.talent_id) else {
            return Err(PageError::SignIn);
        };
        let talent = queries::talents::find(&state.db, talent_id)
            .await
            .map_err(AppError::from)?
            .ok_or(PageError::SignIn)?;
        Ok(Portal {
            ctx: CreatorContext {
                user_id: caller.user_id,
                talent_id,
            },
            display_name: talent.display_name,
            csrf: state.csrf.proof(token),
            partial: parts
                .headers
                .get("hx-request")
                .is_some_and(|value| value == "true"),
        })
    }
}

#[derive(Deserialize)]
struct Proof {
    #[serde(default)]
    csrf: String,
}

/// A form posted from one of our pages: its fields, once its CSRF proof matched the session.
/// Without the proof (or the session) it is 403 before the handler runs.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, PageError> {
        let session = session_token(req.headers()).map(str::to_owned);
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        let proof: Proof = serde_urlencoded::from_bytes(&body)
            .map_err(|_| AppError::BadRequest("not a form".to_owned()))?;
        let proven = session
            .as_deref()
            .is_some_and(|session| state.csrf.verify(session, &proof.csrf));
        if !proven {
            return Err(AppError::Forbidden.into());
        }
        serde_urlencoded::from_bytes(&body)
            .map(CsrfForm)
            .map_err(|err| AppError::BadRequest(format!("the form is not valid: {err}")).into())
    }
}
