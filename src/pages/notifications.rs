//! `/portal/notifications`: the creator's own, newest first, each unread one with **Mark read**.

use askama::Template;
use axum::extract::State;
use uuid::Uuid;

use super::{
    CsrfForm, NoFields, PageResult, Portal, PortalUrl, first_page, render_page, see_other,
};
use crate::app::AppState;
use crate::extract::AppPath;
use crate::routes::creator::notifications;
use crate::views::creator::NotificationView;

#[derive(Template)]
#[template(path = "portal/notifications.html")]
struct NotificationsPage<'a> {
    csrf: &'a str,
    notifications: Vec<NotificationView>,
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = notifications::list_notifications(State(state), portal.ctx, first_page())
        .await?
        .0;
    let page = NotificationsPage {
        csrf: &portal.csrf,
        notifications: list.items,
    };
    render_page(&portal, PortalUrl::Notifications, "Notifications", &page)
}

pub async fn mark_read(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    let _changed =
        notifications::mark_notification_read(State(state), portal.ctx, AppPath(id)).await?;
    Ok(see_other(PortalUrl::Notifications))
}
