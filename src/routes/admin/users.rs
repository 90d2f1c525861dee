//! `/api/admin/users`: admins only. No delete: a user is deactivated with `active: false`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{limits, patch};
use crate::app::AppState;
use crate::auth::{Admin, password};
use crate::db::entities::{OnboardingStatus, Role, UserId, user};
use crate::db::queries::{self, users::UserFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::UserView;
use sea_orm::ActiveValue::Set;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// At least 10 characters; stored as an argon2id hash.
    pub password: String,
    /// Default true.
    pub active: Option<bool>,
    /// Default `pending`.
    pub onboarding_status: Option<OnboardingStatus>,
    pub admin_notes: Option<String>,
}

fn check_password(check: &mut Checks, value: &str) {
    check.length(
        "password",
        value,
        password::MIN_PASSWORD_LEN,
        password::MAX_PASSWORD_LEN,
    );
}

impl Validate for NewUser {
    fn validate(&self, check: &mut Checks) {
        check.email("email", self.email.trim());
        check.text("name", &self.name, limits::NAME);
        check_password(check, &self.password);
        check.length_opt("adminNotes", self.admin_notes.as_deref(), 0, limits::NOTES);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateUser {
    #[serde(default, deserialize_with = "present")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub role: Option<Role>,
    /// Sets a new password (at least 10 characters).
    #[serde(default, deserialize_with = "present")]
    pub password: Option<String>,
    /// `false` deactivates: the user's tokens stop working at once.
    #[serde(default, deserialize_with = "present")]
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub onboarding_status: Option<OnboardingStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub admin_notes: Option<Option<String>>,
}

impl Validate for UpdateUser {
    fn validate(&self, check: &mut Checks) {
        if let Some(email) = &self.email {
            check.email("email", email.trim());
        }
        check.text_opt("name", self.name.as_deref(), limits::NAME);
        if let Some(password) = &self.password {
            check_password(check, password);
        }
        if let Some(Some(notes)) = &self.admin_notes {
            check.length("adminNotes", notes, 0, limits::NOTES);
        }
    }
}

/// Users, newest first.
#[utoipa::path(get, path = "/users", tag = "admin",
    params(UserFilter, PageParams),
    responses((status = 200, body = Page<UserView>)))]
async fn list_users(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(filter): AppQuery<UserFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<UserView>>> {
    let rows = queries::users::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, UserView::from)))
}

/// Creates a user; an email taken in any case is 409.
#[utoipa::path(post, path = "/users", tag = "admin", request_body = NewUser,
    responses((status = 201, body = UserView)))]
async fn create_user(
    State(state): State<AppState>,
    admin: Admin,
    AppJson(body): AppJson<NewUser>,
) -> AppResult<(StatusCode, Json<UserView>)> {
    let NewUser {
        email,
        name,
        role,
        password,
        active,
        onboarding_status,
        admin_notes,
    } = body;
    let password_hash = password::hash(password).await?;
    let user = queries::users::staff_create(
        &state.db,
        admin.user_id,
        queries::users::NewUser {
            email,
            name,
            role,
            password_hash,
            active: active.unwrap_or(true),
            onboarding_status: onboarding_status.unwrap_or(OnboardingStatus::Pending),
            admin_notes,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

#[utoipa::path(get, path = "/users/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = UserView)))]
async fn get_user(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(id): AppPath<UserId>,
) -> AppResult<Json<UserView>> {
    let user = queries::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(user.into()))
}

/// Changes the fields sent; a deactivation or role change applies to the user's next request.
/// An admin cannot deactivate or demote themselves (409), so the agency keeps an admin.
#[utoipa::path(patch, path = "/users/{id}", tag = "admin", request_body = UpdateUser,
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = UserView)))]
async fn update_user(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<UserId>,
    AppJson(body): AppJson<UpdateUser>,
) -> AppResult<Json<UserView>> {
    let row = queries::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let locks_out = body.active == Some(false) || body.role.is_some_and(|r| r != Role::Admin);
    if id == admin.user_id && locks_out {
        return Err(AppError::conflict(
            "an admin cannot deactivate or demote themselves",
        ));
    }
    let UpdateUser {
        email,
        name,
        role,
        password,
        active,
        onboarding_status,
        admin_notes,
    } = body;
    let password_hash = match password {
        Some(password) => Some(password::hash(password).await?),
        None => None,
    };
    let mut active_row: user::ActiveModel = row.into();
    patch(&mut active_row.email, email);
    patch(&mut active_row.name, name);
    patch(&mut active_row.role, role);
    if let Some(password_hash) = password_hash {
        // A reset password signs the user out everywhere, like their own change does.
        active_row.password_hash = Set(password_hash);
        active_row.tokens_valid_from = Set(chrono::Utc::now().timestamp());
    }
    patch(&mut active_row.active, active);
    patch(&mut active_row.onboarding_status, onboarding_status);
    patch(&mut active_row.admin_notes, admin_notes);
    let user = queries::users::update(&state.db, admin.user_id, active_row).await?;
    state.auth.forget(user.id).await;
    Ok(Json(user.into()))
}
