//! `/api/admin/notifications`: the caller's own notifications (a creator's answer to an
//! event they were invited to, a task completed …).

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Staff;
use crate::db::queries;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::views::admin::NotificationView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notifications))
        .routes(routes!(mark_notification_read))
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "admin",
    params(PageParams),
    responses((status = 200, body = Page<NotificationView>)))]
async fn list_notifications(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<NotificationView>>> {
    let rows =
        queries::notifications::list_for_user(&state.db, staff.user_id, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, NotificationView::from)))
}

/// Marks one of the caller's notifications read (again: unchanged); another's is 404.
#[utoipa::path(patch, path = "/notifications/{id}/read", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = NotificationView)))]
async fn mark_notification_read(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<NotificationView>> {
    let notification = queries::notifications::mark_read(&state.db, staff.user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(notification.into()))
}
