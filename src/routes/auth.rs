//! `POST /api/auth/login` and `GET /api/auth/me`.

use axum::Json;
use axum::extract::State;
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
/// same 401; 10 failures for one email in 15 minutes lock it for the rest of the window.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", security(()),
    request_body = LoginRequest,
    responses((status = 200, body = LoginView)))]
async fn login(
    State(state): State<AppState>,
    AppJson(body): AppJson<LoginRequest>,
) -> AppResult<Json<LoginView>> {
    let email = queries::users::normalize_email(&body.email);
    let failures = &state.auth.login_failures;
    if let Some(retry_after_secs) = failures.retry_after(&email).await {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let user = queries::users::find_by_email(&state.db, &email).await?;
    let hash = user.as_ref().map_or_else(
        || state.auth.decoy_hash.clone(),
        |u| u.password_hash.clone(),
    );
    let password_ok = password::verify(body.password, hash).await;
    let user = match user {
        Some(user) if password_ok && user.active => user,
        _ => {
            failures.record(&email).await;
            return Err(AppError::Unauthorized);
        }
    };
    failures.clear(&email).await;
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
