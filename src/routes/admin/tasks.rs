//! `/api/admin/talents/{talentId}/tasks`: tasks of every type, internal ones included. The
//! creator is notified of a new task of a creator-visible type; `createdBy` is the caller.

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

use super::{deleted, limits, patch, sent, talent_exists};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::Db;
use crate::db::entities::{TalentId, TaskPriority, TaskStatus, TaskType, creator_task};
use crate::db::queries::{self, tasks::StaffTaskFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::TaskView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, update_task, delete_task))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewTask {
    pub title: String,
    /// `admin` and `financial` are internal: the creator never sees them.
    pub task_type: TaskType,
    pub description: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    /// Default `medium`.
    pub priority: Option<TaskPriority>,
    /// Default `pending`; `completedAt` follows it.
    pub status: Option<TaskStatus>,
    /// A deal of this talent.
    pub linked_deal_id: Option<Uuid>,
    /// A deliverable of one of this talent's deals.
    pub linked_deliverable_id: Option<Uuid>,
}

impl Validate for NewTask {
    fn validate(&self, check: &mut Checks) {
        check.text("title", &self.title, limits::NAME);
        check.length_opt("description", self.description.as_deref(), 0, limits::NOTES);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateTask {
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub task_type: Option<TaskType>,
    #[serde(default, deserialize_with = "present")]
    pub priority: Option<TaskPriority>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub linked_deal_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub linked_deliverable_id: Option<Option<Uuid>>,
}

impl Validate for UpdateTask {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("title", self.title.as_deref(), limits::NAME);
        check.length_opt("description", sent(&self.description), 0, limits::NOTES);
    }
}

/// Linked records must be the talent's own (422 naming the field).
async fn check_links(
    db: &Db,
    talent: TalentId,
    deal: Option<Uuid>,
    deliverable: Option<Uuid>,
) -> AppResult<()> {
    let mut check = Checks::default();
    if let Some(deal) = deal {
        let owner = queries::deals::talent_of(db, deal).await?;
        check.exists("linkedDealId", owner == Some(talent));
    }
    if let Some(deliverable) = deliverable {
        let owner = match queries::deliverables::find(db, deliverable).await? {
            Some(row) => queries::deals::talent_of(db, row.deal_id).await?,
            None => None,
        };
        check.exists("linkedDeliverableId", owner == Some(talent));
    }
    check.finish()
}

/// A talent's tasks of every type, newest first.
#[utoipa::path(get, path = "/talents/{talentId}/tasks", tag = "admin",
    params(("talentId" = Uuid, Path), StaffTaskFilter, PageParams),
    responses((status = 200, body = Page<TaskView>)))]
async fn list_tasks(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppQuery(filter): AppQuery<StaffTaskFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<TaskView>>> {
    talent_exists(&state.db, talent).await?;
    let rows = queries::tasks::staff_list(&state.db, talent, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, TaskView::from)))
}

/// Gives the creator a task, created by the caller; a creator-visible one notifies them.
#[utoipa::path(post, path = "/talents/{talentId}/tasks", tag = "admin",
    params(("talentId" = Uuid, Path)), request_body = NewTask,
    responses((status = 201, body = TaskView)))]
async fn create_task(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppJson(body): AppJson<NewTask>,
) -> AppResult<(StatusCode, Json<TaskView>)> {
    talent_exists(&state.db, talent).await?;
    check_links(
        &state.db,
        talent,
        body.linked_deal_id,
        body.linked_deliverable_id,
    )
    .await?;
    let NewTask {
        title,
        task_type,
        description,
        due_at,
        priority,
        status,
        linked_deal_id,
        linked_deliverable_id,
    } = body;
    let row = creator_task::ActiveModel {
        creator_id: Set(talent),
        title: Set(title),
        description: Set(description),
        task_type: Set(task_type),
        due_at: Set(due_at),
        completed_at: Set(None),
        priority: Set(priority.unwrap_or(TaskPriority::Medium)),
        status: Set(status.unwrap_or(TaskStatus::Pending)),
        linked_deal_id: Set(linked_deal_id),
        linked_deliverable_id: Set(linked_deliverable_id),
        created_by: Set(Some(staff.user_id)),
        ..Default::default()
    };
    let task = queries::tasks::staff_create(&state.db, row).await?;
    state.creator_changed(talent).await;
    Ok((StatusCode::CREATED, Json(task.into())))
}

#[utoipa::path(get, path = "/talents/{talentId}/tasks/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = TaskView)))]
async fn get_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<Json<TaskView>> {
    let task = queries::tasks::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(task.into()))
}

/// Changes the fields sent; `completedAt` follows the status.
#[utoipa::path(patch, path = "/talents/{talentId}/tasks/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)), request_body = UpdateTask,
    responses((status = 200, body = TaskView)))]
async fn update_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
    AppJson(body): AppJson<UpdateTask>,
) -> AppResult<Json<TaskView>> {
    let row = queries::tasks::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_links(
        &state.db,
        talent,
        body.linked_deal_id.flatten(),
        body.linked_deliverable_id.flatten(),
    )
    .await?;
    let UpdateTask {
        title,
        task_type,
        priority,
        status,
        description,
        due_at,
        linked_deal_id,
        linked_deliverable_id,
    } = body;
    let mut active: creator_task::ActiveModel = row.into();
    patch(&mut active.title, title);
    patch(&mut active.task_type, task_type);
    patch(&mut active.priority, priority);
    patch(&mut active.status, status);
    patch(&mut active.description, description);
    patch(&mut active.due_at, due_at);
    patch(&mut active.linked_deal_id, linked_deal_id);
    patch(&mut active.linked_deliverable_id, linked_deliverable_id);
    let task = queries::tasks::staff_update(&state.db, active).await?;
    state.creator_changed(talent).await;
    Ok(Json(task.into()))
}

#[utoipa::path(delete, path = "/talents/{talentId}/tasks/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_task(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<StatusCode> {
    let status = deleted(queries::tasks::staff_delete(&state.db, talent, id).await?)?;
    state.creator_changed(talent).await;
    Ok(status)
}
