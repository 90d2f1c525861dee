//! `/portal/goals`: **Add goal** (Title, Type, Target, Timeframe), and on each goal **Save**
//! (its progress) and **Archive**, through the API's goal handlers.

use askama::Template;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::{
    CsrfForm, NoFields, PageResult, Portal, PortalUrl, api_body, filled, first_page, number,
    render_page, see_other,
};
use crate::app::AppState;
use crate::db::entities::GoalType;
use crate::extract::{AppPath, AppQuery};
use crate::routes::creator::goals;
use crate::views::creator::GoalView;

/// The goal types, with their labels, for the **Type** field.
const GOAL_TYPES: [(GoalType, &str); 5] = [
    (GoalType::Revenue, "Revenue"),
    (GoalType::Product, "Product"),
    (GoalType::Events, "Events"),
    (GoalType::Personal, "Personal"),
    (GoalType::Content, "Content"),
];

#[derive(Template)]
#[template(path = "portal/goals.html")]
struct GoalsPage<'a> {
    csrf: &'a str,
    active: Vec<GoalView>,
    archived: Vec<GoalView>,
}

impl GoalsPage<'_> {
    fn goal_types(&self) -> Vec<(String, &'static str)> {
        GOAL_TYPES
            .iter()
            .map(|(kind, name)| (kind.as_str(), *name))
            .collect()
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = |active| {
        goals::list_goals(
            State(state.clone()),
            portal.ctx,
            AppQuery(goals::GoalFilter {
                active: Some(active),
            }),
            first_page(),
        )
    };
    let active = list(goals::ActiveFilter::True).await?.0.items;
    let archived = list(goals::ActiveFilter::False).await?.0.items;
    let page = GoalsPage {
        csrf: &portal.csrf,
        active,
        archived,
    };
    render_page(&portal, PortalUrl::Goals, "Goals", &page)
}

#[derive(Deserialize)]
pub struct NewGoalForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    goal_type: String,
    target: Option<String>,
    timeframe: Option<String>,
}

pub async fn add(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<NewGoalForm>,
) -> PageResult {
    let mut fields = Map::new();
    fields.insert("title".to_owned(), json!(form.title));
    fields.insert("goalType".to_owned(), json!(form.goal_type));
    if let Some(target) = filled(form.target) {
        fields.insert("targetValue".to_owned(), number(&target));
    }
    if let Some(timeframe) = filled(form.timeframe) {
        fields.insert("timeframe".to_owned(), json!(timeframe));
    }
    let body = api_body(Value::Object(fields))?;
    let _changed = goals::create_goal(State(state), portal.ctx, body).await?;
    Ok(see_other(PortalUrl::Goals))
}

#[derive(Deserialize)]
pub struct SaveGoalForm {
    /// Progress in percent, 0–100.
    #[serde(default)]
    progress: String,
}

pub async fn save(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(form): CsrfForm<SaveGoalForm>,
) -> PageResult {
    // The page asks for percent; the API takes a ratio.
    let progress = match number(&form.progress) {
        Value::Number(percent) => json!(percent.as_f64().unwrap_or(0.0) / 100.0),
        other => other,
    };
    let body = api_body(json!({ "progress": progress }))?;
    let _changed = goals::update_goal(State(state), portal.ctx, AppPath(id), body).await?;
    Ok(see_other(PortalUrl::Goals))
}

pub async fn archive(
    State(state): State<AppState>,
    portal: Portal,
    AppPath(id): AppPath<Uuid>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> PageResult {
    let body = api_body(json!({ "active": false }))?;
    let _changed = goals::update_goal(State(state), portal.ctx, AppPath(id), body).await?;
    Ok(see_other(PortalUrl::Goals))
}
