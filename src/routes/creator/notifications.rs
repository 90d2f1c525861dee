//! The creator's own notifications.

use axum::Json;
use axum::extract::State;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::queries::notifications;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::views::creator::NotificationView;

/// The creator's notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "creator",
    params(PageParams),
    responses((status = 200, body = Page<NotificationView>)))]
pub async fn list_notifications(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<NotificationView>>> {
    let rows = notifications::list_for_user(&state.db, ctx.user_id, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, NotificationView::from)))
}

/// Marks a notification read (the first read time stays).
#[utoipa::path(patch, path = "/notifications/{id}/read", tag = "creator",
    params(("id" = Uuid, Path, description = "Notification id")),
    responses((status = 200, body = NotificationView)))]
pub async fn mark_notification_read(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<NotificationView>> {
    let row = notifications::mark_read(&state.db, ctx.user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    state.creator_changed(ctx.talent_id).await;
    Ok(Json(row.into()))
}
