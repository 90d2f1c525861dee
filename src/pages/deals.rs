//! `/portal/deals`: the creator's deals (not lost), newest first, as the API shows them.

use askama::Template;
use axum::extract::State;

use super::{PageResult, Portal, PortalUrl, first_page, render_page};
use crate::app::AppState;
use crate::extract::AppQuery;
use crate::routes::creator::deals;
use crate::views::creator::DealView;

#[derive(Template)]
#[template(path = "portal/deals.html")]
struct DealsPage {
    deals: Vec<DealView>,
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = deals::list_deals(
        State(state),
        portal.ctx,
        AppQuery(deals::DealFilter::default()),
        first_page(),
    )
    .await?
    .0;
    let page = DealsPage { deals: list.items };
    render_page(&portal, PortalUrl::Deals, "Deals", &page)
}
