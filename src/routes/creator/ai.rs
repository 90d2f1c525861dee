//! The AI assistant: `POST /ai/ask`, `GET /ai/history`, `PATCH /ai/history/{id}`.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::ai::context::AssistantContext;
use crate::ai::intent::Intent;
use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::AiCategory;
use crate::db::queries::{ai_history, now};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::creator::AiEntryView;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AskRequest {
    /// 1–2000 characters.
    pub prompt: String,
    pub category: Option<AiCategory>,
}

impl Validate for AskRequest {
    fn validate(&self, check: &mut Checks) {
        check.text("prompt", &self.prompt, 2000);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FeedbackRequest {
    pub helpful: bool,
}

impl Validate for FeedbackRequest {
    fn validate(&self, _: &mut Checks) {}
}

/// Asks the assistant; the exchange is stored in the history. 30 asks per hour, then 429.
#[utoipa::path(post, path = "/ai/ask", tag = "creator",
    request_body = AskRequest,
    responses((status = 200, body = AiEntryView)))]
pub async fn ask(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppJson(body): AppJson<AskRequest>,
) -> AppResult<Json<AiEntryView>> {
    state
        .ai_limiter
        .take(&ctx.talent_id.to_string())
        .await
        .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let intent = Intent::of(&body.prompt, body.category);
    let context = AssistantContext::load(&state.snapshots, ctx, now()).await?;
    let response = state.assistant.answer(&context, &body.prompt, intent).await;
    let category = body.category.unwrap_or_else(|| intent.category());
    let entry =
        ai_history::create_for_creator(&state.db, ctx.talent_id, body.prompt, response, category)
            .await?;
    Ok(Json(AiEntryView::from(entry)))
}

/// The creator's exchanges with the assistant, newest first.
#[utoipa::path(get, path = "/ai/history", tag = "creator",
    params(PageParams),
    responses((status = 200, body = Page<AiEntryView>)))]
pub async fn ai_history(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<AiEntryView>>> {
    let rows = ai_history::list_for_creator(&state.db, ctx.talent_id, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, AiEntryView::from)))
}

/// Says whether an answer helped.
#[utoipa::path(patch, path = "/ai/history/{id}", tag = "creator",
    params(("id" = Uuid, Path)),
    request_body = FeedbackRequest,
    responses((status = 200, body = AiEntryView)))]
pub async fn rate_ai_answer(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<FeedbackRequest>,
) -> AppResult<Json<AiEntryView>> {
    let entry = ai_history::set_helpful_for_creator(&state.db, ctx.talent_id, id, body.helpful)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(AiEntryView::from(entry)))
}
