//! `/api/admin/talents`. Deleting a talent removes its creator records; one with money
//! records (deals, invoices, payouts) is kept (409).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{deletion, limits, patch};
use crate::app::AppState;
use crate::auth::{Admin, CreatorContext, Staff};
use crate::db::Db;
use crate::db::entities::{Role, StringList, TalentId, TalentStage, UserId, talent};
use crate::db::queries::erasure::Erasure;
use crate::db::queries::{self, now, talents::TalentFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::overview::{self, Audience};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::TalentView;
use crate::views::creator::OverviewView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_talents, create_talent))
        .routes(routes!(get_talent, update_talent, delete_talent))
        .routes(routes!(erase_talent))
        .routes(routes!(preview_overview))
}

const MAX_CATEGORIES: usize = 20;
const CATEGORY_LEN: usize = 50;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewTalent {
    pub display_name: String,
    pub stage: TalentStage,
    #[serde(default)]
    pub categories: Vec<String>,
    /// A creator login to link; at most one talent per login.
    pub user_id: Option<UserId>,
}

impl Validate for NewTalent {
    fn validate(&self, check: &mut Checks) {
        check.text("displayName", &self.display_name, limits::NAME);
        check.labels("categories", &self.categories, MAX_CATEGORIES, CATEGORY_LEN);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateTalent {
    #[serde(default, deserialize_with = "present")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub stage: Option<TalentStage>,
    #[serde(default, deserialize_with = "present")]
    pub categories: Option<Vec<String>>,
    /// Links another creator login, or unlinks with null.
    #[serde(default, deserialize_with = "nullable")]
    pub user_id: Option<Option<UserId>>,
}

impl Validate for UpdateTalent {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("displayName", self.display_name.as_deref(), limits::NAME);
        if let Some(categories) = &self.categories {
            check.labels("categories", categories, MAX_CATEGORIES, CATEGORY_LEN);
        }
    }
}

/// A linked login must be an existing creator account (422 naming `userId`).
async fn check_login(db: &Db, user_id: Option<UserId>) -> AppResult<()> {
    let Some(user_id) = user_id else {
        return Ok(());
    };
    let mut check = Checks::default();
    match queries::users::find(db, user_id).await? {
        Some(user) if user.role != Role::Creator => {
            check.fail("userId", "must be a creator's account");
        }
        found => check.exists("userId", found.is_some()),
    }
    check.finish()
}

/// Talents, newest first; `q` matches the display name ignoring case.
#[utoipa::path(get, path = "/talents", tag = "admin",
    params(TalentFilter, PageParams),
    responses((status = 200, body = Page<TalentView>)))]
async fn list_talents(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<TalentFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<TalentView>>> {
    let rows = queries::talents::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, TalentView::from)))
}

/// Creates a talent; a login already linked to another talent is 409.
#[utoipa::path(post, path = "/talents", tag = "admin", request_body = NewTalent,
    responses((status = 201, body = TalentView)))]
async fn create_talent(
    State(state): State<AppState>,
    _staff: Staff,
    AppJson(body): AppJson<NewTalent>,
) -> AppResult<(StatusCode, Json<TalentView>)> {
    check_login(&state.db, body.user_id).await?;
    let NewTalent {
        display_name,
        stage,
        categories,
        user_id,
    } = body;
    let row = talent::ActiveModel {
        user_id: Set(user_id),
        display_name: Set(display_name),
        categories: Set(StringList(categories)),
        stage: Set(stage),
        erased_at: Set(None),
        ..Default::default()
    };
    let talent = queries::talents::create(&state.db, row).await?;
    if let Some(user) = talent.user_id {
        state.auth.forget(user).await;
    }
    Ok((StatusCode::CREATED, Json(talent.into())))
}

#[utoipa::path(get, path = "/talents/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = TalentView)))]
async fn get_talent(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<TalentId>,
) -> AppResult<Json<TalentView>> {
    let talent = queries::talents::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(talent.into()))
}

/// Changes the fields sent. A new or removed login link applies to that login at once.
#[utoipa::path(patch, path = "/talents/{id}", tag = "admin", request_body = UpdateTalent,
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = TalentView)))]
async fn update_talent(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<TalentId>,
    AppJson(body): AppJson<UpdateTalent>,
) -> AppResult<Json<TalentView>> {
    let row = queries::talents::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_login(&state.db, body.user_id.flatten()).await?;
    let previous_login = row.user_id;
    let UpdateTalent {
        display_name,
        stage,
        categories,
        user_id,
    } = body;
    let mut active: talent::ActiveModel = row.into();
    patch(&mut active.display_name, display_name);
    patch(&mut active.stage, stage);
    patch(&mut active.categories, categories.map(StringList));
    patch(&mut active.user_id, user_id);
    let talent = queries::talents::update(&state.db, active).await?;
    if previous_login != talent.user_id {
        for user in [previous_login, talent.user_id].into_iter().flatten() {
            state.auth.forget(user).await;
        }
    }
    state.creator_changed(talent.id).await;
    Ok(Json(talent.into()))
}

/// Deletes a talent with its creator records; 409 while it has deals, invoices or payouts
/// (set its stage to `alumni` instead).
#[utoipa::path(delete, path = "/talents/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204)))]
async fn delete_talent(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<TalentId>,
) -> AppResult<StatusCode> {
    let login = queries::talents::login_of(&state.db, id).await?;
    let status = deletion(queries::talents::delete(&state.db, id).await?)?;
    if let Some(user) = login {
        state.auth.forget(user).await;
    }
    state.creator_changed(id).await;
    Ok(status)
}

/// Erases the creator's personal data (API.md §8.4): their goals, events, tasks, socials,
/// insights, check-ins, assistant history and own notifications go; the talent stays as
/// "Erased creator" and the login is deactivated and anonymised, so deals, invoices, payments
/// and payouts stay whole. Audited (`erase`). Erasing again changes nothing.
#[utoipa::path(post, path = "/talents/{id}/erase", tag = "admin",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = TalentView)))]
async fn erase_talent(
    State(state): State<AppState>,
    admin: Admin,
    AppPath(id): AppPath<TalentId>,
) -> AppResult<Json<TalentView>> {
    match queries::erasure::erase(&state.db, admin.user_id, id).await? {
        Erasure::Erased { talent, login } => {
            if let Some(login) = login {
                state.auth.forget(login).await;
            }
            state.creator_changed(id).await;
            Ok(Json(talent.into()))
        }
        Erasure::NotFound => Err(AppError::NotFound),
    }
}

/// The creator's overview exactly as `GET /api/creator/overview` gives it to them, but for
/// `wellness`, which stays private to the creator (its empty default). Audited (`preview`).
/// 404 for a talent without a login.
#[utoipa::path(get, path = "/talents/{id}/preview/overview", tag = "admin",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OverviewView)))]
async fn preview_overview(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<TalentId>,
) -> AppResult<Json<OverviewView>> {
    let talent = queries::talents::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user_id = talent.user_id.ok_or(AppError::NotFound)?;
    let ctx = CreatorContext {
        user_id,
        talent_id: id,
    };
    let view = overview::build(
        &state.snapshots,
        ctx,
        Audience::Agency,
        now(),
        &state.overview_faults,
    )
    .await;
    queries::audit_log::record::<queries::audit_records::NoRecord>(
        &state.db,
        staff.user_id,
        queries::audit_log::Action::Preview,
        "talent",
        id.0,
        None,
        None,
    )
    .await?;
    Ok(Json(view))
}
