//! Deals: the creator's own, not lost, with values rounded.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::DealStage;
use crate::db::queries::creator_deals;
use crate::error::AppResult;
use crate::extract::AppQuery;
use crate::pagination::{Page, PageParams};
use crate::views::creator::DealView;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DealFilter {
    pub stage: Option<DealStage>,
}

/// The creator's deals (never `lost` ones), newest first.
#[utoipa::path(get, path = "/deals", tag = "creator",
    params(DealFilter, PageParams),
    responses((status = 200, body = Page<DealView>)))]
pub async fn list_deals(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<DealFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<DealView>>> {
    let rows =
        creator_deals::list_for_creator(&state.db, ctx.talent_id, filter.stage, &page.request()?)
            .await?;
    Ok(Json(Page::from_rows(rows, DealView::from)))
}
