//! Authentication and authorization.
//!
//! A handler says who may call it by the extractor it takes: [`CurrentUser`] (anyone signed
//! in), [`Staff`] (admin or agent), [`Admin`], or [`CreatorContext`] (a creator with a linked
//! talent). Each reloads the user (through a cache of at most `AUTH_CACHE_TTL_SECS`, 60 s at most) so that a
//! deactivation or a role change takes effect within a minute, whatever the token says.

pub mod jwt;
pub mod password;
pub mod session;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use moka::future::Cache;

use crate::app::AppState;
use crate::db::entities::{Role, TalentId, UserId};
use crate::db::{Db, queries};
use crate::error::AppError;
use crate::rate_limit::RateLimiter;
use crate::redis_store::RedisStore;

/// After this many failed logins for one email within [`LOGIN_WINDOW`], logins of that email
/// are refused (429) until the oldest failure leaves the window.
pub const LOGIN_MAX_FAILURES: usize = 10;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);

pub use jwt::TokenKeys;

/// What a request needs to know about its caller, as the database says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: UserId,
    pub role: Role,
    pub active: bool,
    pub talent_id: Option<TalentId>,
    /// Tokens issued (`iat`, Unix seconds) before this were revoked.
    pub tokens_valid_from: i64,
}

pub struct Auth {
    pub tokens: TokenKeys,
    /// Login attempts per lower-cased email, each taking a slot before its password is checked
    /// (shared through Redis when configured).
    pub login_failures: RateLimiter,
    /// The bounded queue every password check of a request goes through.
    pub hashing: password::HashQueue,
    callers: Cache<UserId, Option<Caller>>,
    /// Verified against when the email is unknown, so both failures take as long.
    pub decoy_hash: String,
}

impl Auth {
    pub fn new(tokens: TokenKeys, cache_ttl: Duration, redis: Option<Arc<RedisStore>>) -> Self {
        Self {
            tokens,
            login_failures: RateLimiter::new("login", LOGIN_MAX_FAILURES, LOGIN_WINDOW, redis),
            hashing: password::HashQueue::for_this_machine(),
            callers: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(cache_ttl)
                .build(),
            decoy_hash: password::decoy_hash(),
        }
    }

    /// Drops what is cached of a user, after an update to the user or their talent link.
    pub async fn forget(&self, user: UserId) {
        self.callers.invalidate(&user).await;
    }

    /// The caller of a request: a valid, unrevoked bearer token of an active user whose role is
    /// still the one in the token. Everything else is 401.
    pub async fn caller(&self, parts: &Parts, db: &Db) -> Result<Caller, AppError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        self.caller_with_token(token, db).await
    }

    /// The caller a token names, by the same rules as a bearer token (the portal's session
    /// cookie holds one).
    pub async fn caller_with_token(&self, token: &str, db: &Db) -> Result<Caller, AppError> {
        let claims = self.tokens.verify(token).ok_or(AppError::Unauthorized)?;
        let caller = self
            .callers
            .try_get_with(claims.sub, load_caller(db, claims.sub))
            .await
            .map_err(|err: Arc<AppError>| match err.as_ref() {
                AppError::Unavailable(cause) => AppError::Unavailable(anyhow::anyhow!("{cause:#}")),
                other => AppError::Internal(anyhow::anyhow!("{other:#}")),
            })?
            .ok_or(AppError::Unauthorized)?;
        if !caller.active || caller.role != claims.role || claims.iat < caller.tokens_valid_from {
            return Err(AppError::Unauthorized);
        }
        // Into the request's span, so its access log line says who asked.
        let span = tracing::Span::current();
        span.record("user_id", tracing::field::display(caller.user_id.0));
        if let Some(talent) = caller.talent_id {
            span.record("talent_id", tracing::field::display(talent.0));
        }
        Ok(caller)
    }
}

async fn load_caller(db: &Db, user_id: UserId) -> Result<Option<Caller>, AppError> {
    let Some(user) = queries::users::find(db, user_id).await? else {
        return Ok(None);
    };
    let talent_id = match user.role {
        Role::Creator => queries::talents::find_by_user(db, user_id)
            .await?
            .map(|t| t.id),
        _ => None,
    };
    Ok(Some(Caller {
        user_id,
        role: user.role,
        active: user.active,
        talent_id,
        tokens_valid_from: user.tokens_valid_from,
    }))
}

/// Any signed-in, active user.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Caller);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        state.auth.caller(parts, &state.db).await.map(CurrentUser)
    }
}

/// A staff member (admin or agent): may use `/api/admin/*`.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    pub user_id: UserId,
    pub role: Role,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = state.auth.caller(parts, &state.db).await?;
        if !caller.role.is_staff() {
            return Err(AppError::Forbidden);
        }
        Ok(Staff {
            user_id: caller.user_id,
            role: caller.role,
        })
    }
}

/// An agency administrator: may also manage users.
#[derive(Debug, Clone, Copy)]
pub struct Admin {
    pub user_id: UserId,
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = state.auth.caller(parts, &state.db).await?;
        if caller.role != Role::Admin {
            return Err(AppError::Forbidden);
        }
        Ok(Admin {
            user_id: caller.user_id,
        })
    }
}

/// A creator with a linked talent. Taking this is the permission check for `/api/creator/*`,
/// and `talent_id` is the only owner a creator query may be scoped by.
#[derive(Debug, Clone, Copy)]
pub struct CreatorContext {
    pub user_id: UserId,
    pub talent_id: TalentId,
}

impl FromRequestParts<AppState> for CreatorContext {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = state.auth.caller(parts, &state.db).await?;
        match (caller.role, caller.talent_id) {
            (Role::Creator, Some(talent_id)) => Ok(CreatorContext {
                user_id: caller.user_id,
                talent_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }
}
