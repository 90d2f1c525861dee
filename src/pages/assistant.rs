//! `/portal/assistant`: **Ask** (a **Question**), the history newest first, and **Helpful** /
//! **Not helpful** on each answer: the API's assistant, with its limit and its views only.

use askama::Template;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::{
    CsrfForm, PageResult, Portal, PortalUrl, api_body, first_page, render_page, see_other,
};
use crate::app::AppState;
use crate::extract::AppPath;
use crate::routes::creator::ai;
use crate::views::creator::AiEntryView;

#[derive(Template)]
#[template(path = "portal/assistant.html")]
struct AssistantPage<'a> {
    csrf: &'a str,
    history: Vec<AiEntryView>,
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let history = ai::ai_history(State(state), portal.ctx, first_page())
        .await?
        .0;
    let page = AssistantPage {
        csrf: &portal.csrf,
        history: history.items,
    };
    render_page(&portal, PortalUrl::Assistant, "Assistant", &page)
}

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    question: String,
}

pub async fn ask(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<AskForm>,
) -> PageResult {
    let body = api_body(json!({ "prompt": form.question }))?;
    let _changed = ai::ask(State(state), portal.ctx, body).await?;
    Ok(see_other(PortalUrl::Assistant))
}

#[derive(Deserialize)]
pub struct RateForm {
    #[serde(default)]
    helpful: String,
}

pub async fn rate(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(form): CsrfForm<RateForm>,
) -> PageResult {
    let body = api_body(json!({ "helpful": form.helpful == "true" }))?;
    let _changed = ai::rate_ai_answer(State(state), portal.ctx, AppPath(id), body).await?;
    Ok(see_other(PortalUrl::Assistant))
}
