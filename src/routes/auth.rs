//! `POST /api/auth/login`, `GET /api/auth/me`, `POST /api/auth/logout` and
//! `POST /api/auth/password`.

use std::future::Future;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{CurrentUser, password};
use crate::db::queries;
use crate::error::{AppError, AppResult};
use crate::extract::AppJson;
use crate::validation::{Checks, Validate};
use crate::views::session::{LoginView, SessionUserView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(me))
        .routes(routes!(logout))
        .routes(routes!(change_password))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl Validate for LoginRequest {
    fn validate(&self, check: &mut Checks) {
        // Only what keeps the work bounded: a wrong email or password is a 401, not a 422.
        check.length("email", &self.email, 0, 254);
        check.length("password", &self.password, 0, password::MAX_PASSWORD_LEN);
    }
}

/// Exchanges an email and password for a token. A wrong email and a wrong password give the
/// same 401. Each attempt takes one of the email's 10 slots per 15 minutes before its password
/// is checked, so no burst gets more than 10 guesses; a success frees them all.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", security(()),
    request_body = LoginRequest,
    responses((status = 200, body = LoginView)))]
async fn login(
    State(state): State<AppState>,
    AppJson(body): AppJson<LoginRequest>,
) -> AppResult<Json<LoginView>> {
    let email = queries::users::normalize_email(&body.email);
    let (db, decoy_hash, by_email) = (&state.db, &state.auth.decoy_hash, &email);
    let user = throttled(&state, &email, |admitted| async move {
        let user = queries::users::find_by_email(db, by_email).await?;
        let hash = user
            .as_ref()
            .map_or_else(|| decoy_hash.clone(), |u| u.password_hash.clone());
        let password_ok = admitted.verify(body.password, hash).await;
        match user {
            Some(user) if password_ok && user.active => Ok(user),
            _ => Err(AppError::Unauthorized),
        }
    })
    .await?;
    let talent_id = queries::talents::find_by_user(&state.db, user.id)
        .await?
        .map(|t| t.id);
    let (token, expires_at) = state.auth.tokens.issue(user.id, user.role)?;
    Ok(Json(LoginView {
        token,
        expires_at,
        user: SessionUserView::new(user, talent_id),
    }))
}

/// Runs a password check for `email` under the login throttle (API.md §8.1): it takes a slot
/// before the check (429 when the 10 are taken), and a place in the hashing queue (503 when
/// full). A 401 keeps its slot, as a failure; a success clears the email's failures; any other
/// outcome gives the slot back, since no password was judged.
async fn throttled<T, F, Fut>(state: &AppState, email: &str, check: F) -> AppResult<T>
where
    F: FnOnce(password::Admitted) -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    let failures = &state.auth.login_failures;
    let slot = failures
        .take(email)
        .await
        .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let outcome = match state.auth.hashing.admit() {
        Some(admitted) => check(admitted).await,
        None => Err(AppError::Busy {
            retry_after_secs: 1,
        }),
    };
    match &outcome {
        Ok(_) => failures.clear(email).await,
        Err(AppError::Unauthorized) => {}
        Err(_) => failures.release(email, &slot).await,
    }
    outcome
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

impl Validate for ChangePasswordRequest {
    fn validate(&self, check: &mut Checks) {
        check.length(
            "currentPassword",
            &self.current_password,
            0,
            password::MAX_PASSWORD_LEN,
        );
        check.length(
            "newPassword",
            &self.new_password,
            password::MIN_PASSWORD_LEN,
            password::MAX_PASSWORD_LEN,
        );
    }
}

/// Changes the caller's password and signs them out everywhere: every token issued before it
/// is refused. A wrong current password is 401 and counts as a failed login.
#[utoipa::path(post, path = "/api/auth/password", tag = "auth",
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed; earlier tokens are refused")))]
async fn change_password(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    AppJson(body): AppJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    let user = queries::users::find(&state.db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body;
    let (db, email) = (&state.db, user.email.clone());
    throttled(&state, &email, |admitted| async move {
        if !admitted.verify(current_password, user.password_hash).await {
            return Err(AppError::Unauthorized);
        }
        let new_hash = admitted.hash(new_password).await?;
        queries::users::change_password(db, user.id, new_hash).await?;
        Ok(())
    })
    .await?;
    state.auth.forget(caller.user_id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs the caller out everywhere: every token issued before now is refused.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out on every device")))]
async fn logout(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
) -> AppResult<StatusCode> {
    queries::users::revoke_tokens(&state.db, caller.user_id).await?;
    state.auth.forget(caller.user_id).await;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user, with `talentId` for a creator.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth",
    responses((status = 200, body = SessionUserView)))]
async fn me(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
) -> AppResult<Json<SessionUserView>> {
    let user = queries::users::find(&state.db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(Json(SessionUserView::new(user, caller.talent_id)))
}
