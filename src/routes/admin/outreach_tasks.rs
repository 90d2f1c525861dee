//! `/api/admin/outreach-tasks`: the agency's own to-do list; no creator ever sees it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deleted, limits, patch, sent};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::Db;
use crate::db::entities::{OutreachStatus, TalentId, UserId, outreach_task};
use crate::db::queries::{self, outreach_tasks::OutreachFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::OutreachTaskView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outreach_tasks, create_outreach_task))
        .routes(routes!(
            get_outreach_task,
            update_outreach_task,
            delete_outreach_task
        ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewOutreachTask {
    pub talent_id: TalentId,
    pub title: String,
    pub status: OutreachStatus,
    pub brand_id: Option<Uuid>,
    pub due_at: Option<DateTime<Utc>>,
    /// A staff member; the caller when absent.
    pub owner_id: Option<UserId>,
    pub notes: Option<String>,
}

impl Validate for NewOutreachTask {
    fn validate(&self, check: &mut Checks) {
        check.text("title", &self.title, limits::NAME);
        check.length_opt("notes", self.notes.as_deref(), 0, limits::NOTES);
    }
}

/// The task's talent stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateOutreachTask {
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<OutreachStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub brand_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub owner_id: Option<Option<UserId>>,
    #[serde(default, deserialize_with = "nullable")]
    pub notes: Option<Option<String>>,
}

impl Validate for UpdateOutreachTask {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("title", self.title.as_deref(), limits::NAME);
        check.length_opt("notes", sent(&self.notes), 0, limits::NOTES);
    }
}

/// The brand must exist and the owner must be a staff member (422 naming the field).
async fn check_refs(
    db: &Db,
    check: &mut Checks,
    brand: Option<Uuid>,
    owner: Option<UserId>,
) -> AppResult<()> {
    if let Some(brand) = brand {
        check.exists("brandId", queries::brands::exists(db, brand).await?);
    }
    if let Some(owner) = owner {
        let user = queries::users::find(db, owner).await?;
        check.exists("ownerId", user.is_some_and(|u| u.role.is_staff()));
    }
    Ok(())
}

/// Outreach tasks, newest first.
#[utoipa::path(get, path = "/outreach-tasks", tag = "admin",
    params(OutreachFilter, PageParams),
    responses((status = 200, body = Page<OutreachTaskView>)))]
async fn list_outreach_tasks(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<OutreachFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<OutreachTaskView>>> {
    let rows = queries::outreach_tasks::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, OutreachTaskView::from)))
}

/// Creates an outreach task, owned by the caller unless `ownerId` says otherwise.
#[utoipa::path(post, path = "/outreach-tasks", tag = "admin", request_body = NewOutreachTask,
    responses((status = 201, body = OutreachTaskView)))]
async fn create_outreach_task(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(body): AppJson<NewOutreachTask>,
) -> AppResult<(StatusCode, Json<OutreachTaskView>)> {
    let mut check = Checks::default();
    check.exists(
        "talentId",
        queries::talents::exists(&state.db, body.talent_id).await?,
    );
    check_refs(&state.db, &mut check, body.brand_id, body.owner_id).await?;
    check.finish()?;
    let NewOutreachTask {
        talent_id,
        title,
        status,
        brand_id,
        due_at,
        owner_id,
        notes,
    } = body;
    let row = outreach_task::ActiveModel {
        talent_id: Set(talent_id),
        title: Set(title),
        status: Set(status),
        brand_id: Set(brand_id),
        due_at: Set(due_at),
        owner_id: Set(Some(owner_id.unwrap_or(staff.user_id))),
        notes: Set(notes),
        ..Default::default()
    };
    let task = queries::outreach_tasks::create(&state.db, row).await?;
    Ok((StatusCode::CREATED, Json(task.into())))
}

#[utoipa::path(get, path = "/outreach-tasks/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OutreachTaskView)))]
async fn get_outreach_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<OutreachTaskView>> {
    let task = queries::outreach_tasks::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(task.into()))
}

#[utoipa::path(patch, path = "/outreach-tasks/{id}", tag = "admin",
    request_body = UpdateOutreachTask,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OutreachTaskView)))]
async fn update_outreach_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateOutreachTask>,
) -> AppResult<Json<OutreachTaskView>> {
    let row = queries::outreach_tasks::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    check_refs(
        &state.db,
        &mut check,
        body.brand_id.flatten(),
        body.owner_id.flatten(),
    )
    .await?;
    check.finish()?;
    let UpdateOutreachTask {
        title,
        status,
        brand_id,
        due_at,
        owner_id,
        notes,
    } = body;
    let mut active: outreach_task::ActiveModel = row.into();
    patch(&mut active.title, title);
    patch(&mut active.status, status);
    patch(&mut active.brand_id, brand_id);
    patch(&mut active.due_at, due_at);
    patch(&mut active.owner_id, owner_id);
    patch(&mut active.notes, notes);
    let task = queries::outreach_tasks::update(&state.db, active).await?;
    Ok(Json(task.into()))
}

#[utoipa::path(delete, path = "/outreach-tasks/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_outreach_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    deleted(queries::outreach_tasks::delete(&state.db, id).await?)
}
