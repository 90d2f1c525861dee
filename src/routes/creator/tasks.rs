//! Tasks: the creator's tasks of creator-visible types (internal ones do not exist here).

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::TaskStatus;
use crate::db::queries::tasks::{self, CompleteOutcome};
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::views::creator::TaskView;
use crate::webhooks::{Emitted, emitting};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskFilter {
    pub status: Option<TaskStatus>,
}

/// The creator's tasks: open ones first, then by due date.
#[utoipa::path(get, path = "/tasks", tag = "creator",
    params(TaskFilter, PageParams),
    responses((status = 200, body = Page<TaskView>)))]
pub async fn list_tasks(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<TaskFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<TaskView>>> {
    let rows =
        tasks::list_for_creator(&state.db, ctx.talent_id, filter.status, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, TaskView::from)))
}

/// Completes a task (a completed one is returned unchanged; a cancelled one is 409).
#[utoipa::path(patch, path = "/tasks/{id}/complete", tag = "creator",
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskView)))]
pub async fn complete_task(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<TaskView>> {
    let outcome = emitting(&state, async |txn| {
        let outcome = tasks::complete_for_creator(txn, ctx.talent_id, id).await?;
        let emitted = match &outcome {
            CompleteOutcome::Completed(row) => Some(Emitted::task_completed(&row.task)),
            _ => None,
        };
        Ok((outcome, emitted))
    })
    .await?;
    match outcome {
        CompleteOutcome::Completed(row) => {
            state.creator_changed(ctx.talent_id).await;
            Ok(Json(row.into()))
        }
        CompleteOutcome::Unchanged(row) => Ok(Json(row.into())),
        CompleteOutcome::NotFound => Err(AppError::NotFound),
        CompleteOutcome::Cancelled => Err(AppError::conflict(
            "the task was cancelled; it cannot be completed",
        )),
    }
}
