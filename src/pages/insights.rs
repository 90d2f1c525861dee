//! `/portal/insights`: unexpired insights, highest priority first, each unread one with
//! **Mark read**.

use askama::Template;
use axum::extract::State;
use uuid::Uuid;

use super::{
    CsrfForm, NoFields, PageResult, Portal, PortalUrl, first_page, render_page, see_other,
};
use crate::app::AppState;
use crate::extract::{AppPath, AppQuery};
use crate::routes::creator::insights;
use crate::views::creator::InsightView;

#[derive(Template)]
#[template(path = "portal/insights.html")]
struct InsightsPage<'a> {
    csrf: &'a str,
    insights: Vec<InsightView>,
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = insights::list_insights(
        State(state),
        portal.ctx,
        AppQuery(insights::InsightFilter::default()),
        first_page(),
    )
    .await?
    .0;
    let page = InsightsPage {
        csrf: &portal.csrf,
        insights: list.items,
    };
    render_page(&portal, PortalUrl::Insights, "Insights", &page)
}

pub async fn mark_read(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    let _changed = insights::mark_insight_read(State(state), portal.ctx, AppPath(id)).await?;
    Ok(see_other(PortalUrl::Insights))
}
