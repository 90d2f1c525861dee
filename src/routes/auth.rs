//! `POST /api/auth/login`, `GET /api/auth/me`, `POST /api/auth/logout` and
//! `POST /api/auth/password`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{CurrentUser, password, session};
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
    let signed_in = session::sign_in(&state, &body.email, body.password).await?;
    Ok(Json(LoginView {
        token: signed_in.token,
        expires_at: signed_in.expires_at,
        user: SessionUserView::new(signed_in.user, signed_in.talent_id),
    }))
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
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body;
    session::change_password(&state, caller.user_id, current_password, new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs the caller out everywhere: every token issued before now is refused.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out on every device")))]
async fn logout(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
) -> AppResult<StatusCode> {
    session::sign_out(&state, caller.user_id).await?;
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
