//! `/portal/tasks`: the creator's tasks (creator-visible types only, as the API lists them),
//! open ones first, each open one with **Mark done**.

use askama::Template;
use axum::extract::State;
use uuid::Uuid;

use super::{
    CsrfForm, NoFields, PageResult, Portal, PortalUrl, first_page, render_page, see_other,
};
use crate::app::AppState;
use crate::db::entities::TaskStatus;
use crate::extract::{AppPath, AppQuery};
use crate::routes::creator::tasks;
use crate::views::creator::TaskView;

#[derive(Template)]
#[template(path = "portal/tasks.html")]
struct TasksPage<'a> {
    csrf: &'a str,
    tasks: Vec<TaskView>,
}

impl TasksPage<'_> {
    fn open(&self, task: &TaskView) -> bool {
        matches!(task.status, TaskStatus::Pending | TaskStatus::InProgress)
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = tasks::list_tasks(
        State(state),
        portal.ctx,
        AppQuery(tasks::TaskFilter::default()),
        first_page(),
    )
    .await?
    .0;
    let page = TasksPage {
        csrf: &portal.csrf,
        tasks: list.items,
    };
    render_page(&portal, PortalUrl::Tasks, "Tasks", &page)
}

pub async fn complete(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    let _changed = tasks::complete_task(State(state), portal.ctx, AppPath(id)).await?;
    Ok(see_other(PortalUrl::Tasks))
}
