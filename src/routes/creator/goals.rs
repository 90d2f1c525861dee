//! Goals: the creator's own, to list, set, change and drop.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::GoalType;
use crate::db::queries::goals::{self, GoalChanges, NewGoal};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::creator::GoalView;
use crate::webhooks::{Emitted, EventType, emitting};

/// Which goals to list.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActiveFilter {
    #[default]
    True,
    False,
    All,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GoalFilter {
    /// `true` (default), `false` or `all`.
    #[param(inline)]
    pub active: Option<ActiveFilter>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewGoalBody {
    pub goal_type: GoalType,
    pub title: String,
    pub target_value: Option<f64>,
    pub timeframe: Option<String>,
    pub progress: Option<f64>,
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    de: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(de).map(Some)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateGoalBody {
    pub title: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub target_value: Option<Option<f64>>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub timeframe: Option<Option<String>>,
    pub progress: Option<f64>,
    pub active: Option<bool>,
}

fn check_fields(
    check: &mut Checks,
    title: Option<&str>,
    target_value: Option<f64>,
    timeframe: Option<&str>,
    progress: Option<f64>,
) {
    if let Some(title) = title {
        check.text("title", title, 200);
    }
    if let Some(target) = target_value
        && check.finite("targetValue", target)
    {
        check.at_least("targetValue", target, 0.0);
    }
    check.length_opt("timeframe", timeframe, 0, 50);
    if let Some(progress) = progress
        && check.finite("progress", progress)
    {
        check.range("progress", progress, 0.0, 1.0);
    }
}

impl Validate for NewGoalBody {
    fn validate(&self, check: &mut Checks) {
        check_fields(
            check,
            Some(&self.title),
            self.target_value,
            self.timeframe.as_deref(),
            self.progress,
        );
    }
}

impl Validate for UpdateGoalBody {
    fn validate(&self, check: &mut Checks) {
        check_fields(
            check,
            self.title.as_deref(),
            self.target_value.flatten(),
            self.timeframe.as_ref().and_then(|t| t.as_deref()),
            self.progress,
        );
    }
}

/// The creator's goals: active ones by default.
#[utoipa::path(get, path = "/goals", tag = "creator",
    params(GoalFilter, PageParams),
    responses((status = 200, body = Page<GoalView>)))]
pub async fn list_goals(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<GoalFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<GoalView>>> {
    let active = match filter.active.unwrap_or_default() {
        ActiveFilter::True => Some(true),
        ActiveFilter::False => Some(false),
        ActiveFilter::All => None,
    };
    let rows = goals::list_for_creator(&state.db, ctx.talent_id, active, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, GoalView::from)))
}

/// Sets a new goal.
#[utoipa::path(post, path = "/goals", tag = "creator",
    request_body = NewGoalBody,
    responses((status = 201, body = GoalView)))]
pub async fn create_goal(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppJson(body): AppJson<NewGoalBody>,
) -> AppResult<(StatusCode, Json<GoalView>)> {
    let NewGoalBody {
        goal_type,
        title,
        target_value,
        timeframe,
        progress,
    } = body;
    let new = NewGoal {
        goal_type,
        title,
        target_value,
        timeframe,
        progress: progress.unwrap_or(0.0),
    };
    let row = emitting(&state, async |txn| {
        let row = goals::create_for_creator(txn, ctx.talent_id, new).await?;
        let emitted = Emitted::goal(EventType::GoalCreated, &row);
        Ok((row, Some(emitted)))
    })
    .await?;
    state.creator_changed(ctx.talent_id).await;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// Changes any of a goal's title, target, timeframe, progress and active flag.
#[utoipa::path(patch, path = "/goals/{id}", tag = "creator",
    params(("id" = Uuid, Path, description = "Goal id")),
    request_body = UpdateGoalBody,
    responses((status = 200, body = GoalView)))]
pub async fn update_goal(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateGoalBody>,
) -> AppResult<Json<GoalView>> {
    let UpdateGoalBody {
        title,
        target_value,
        timeframe,
        progress,
        active,
    } = body;
    let changes = GoalChanges {
        title,
        target_value,
        timeframe,
        progress,
        active,
    };
    let update = emitting(&state, async |txn| {
        let update = goals::update_for_creator(txn, ctx.talent_id, id, changes).await?;
        let emitted = update
            .as_ref()
            .filter(|update| update.changed())
            .map(|update| Emitted::goal(EventType::GoalUpdated, &update.after));
        Ok((update, emitted))
    })
    .await?;
    let row = update.ok_or(AppError::NotFound)?.after;
    state.creator_changed(ctx.talent_id).await;
    Ok(Json(row.into()))
}

/// Drops a goal.
#[utoipa::path(delete, path = "/goals/{id}", tag = "creator",
    params(("id" = Uuid, Path, description = "Goal id")),
    responses((status = 204, description = "Deleted")))]
pub async fn delete_goal(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    let deleted = emitting(&state, async |txn| {
        let deleted = goals::delete_for_creator(txn, ctx.talent_id, id).await?;
        let emitted = deleted
            .as_ref()
            .map(|row| Emitted::goal(EventType::GoalDeleted, row));
        Ok((deleted.is_some(), emitted))
    })
    .await?;
    if !deleted {
        return Err(AppError::NotFound);
    }
    state.creator_changed(ctx.talent_id).await;
    Ok(StatusCode::NO_CONTENT)
}
