//! Wellness check-ins: private to the creator.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Duration;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::Workload;
use crate::db::queries::now;
use crate::db::queries::wellness::{self, NewCheckin};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::creator::WellnessView;

const DEFAULT_DAYS: u32 = 90;
const MAX_DAYS: u32 = 3650;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckinBody {
    /// 1 to 5.
    pub energy_level: i32,
    pub workload: Workload,
    /// At most 1000 characters.
    pub notes: Option<String>,
}

impl Validate for CheckinBody {
    fn validate(&self, check: &mut Checks) {
        check.range("energyLevel", self.energy_level, 1, 5);
        check.length_opt("notes", self.notes.as_deref(), 0, 1000);
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryFilter {
    /// Check-ins of the last this many days (1–3650, default 90).
    pub days: Option<u32>,
}

/// Records how the creator is doing.
#[utoipa::path(post, path = "/wellness-checkin", tag = "creator",
    request_body = CheckinBody,
    responses((status = 201, body = WellnessView)))]
pub async fn create_checkin(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppJson(body): AppJson<CheckinBody>,
) -> AppResult<(StatusCode, Json<WellnessView>)> {
    let CheckinBody {
        energy_level,
        workload,
        notes,
    } = body;
    let new = NewCheckin {
        energy_level,
        workload,
        notes,
    };
    let row = wellness::create_for_creator(&state.db, ctx.talent_id, new).await?;
    state.creator_changed(ctx.talent_id).await;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// The creator's check-ins of the last `days` days, newest first.
#[utoipa::path(get, path = "/wellness-history", tag = "creator",
    params(HistoryFilter, PageParams),
    responses((status = 200, body = Page<WellnessView>)))]
pub async fn wellness_history(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppQuery(filter): AppQuery<HistoryFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<WellnessView>>> {
    let days = filter.days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::BadRequest(format!(
            "days must be between 1 and {MAX_DAYS}"
        )));
    }
    let since = now() - Duration::days(i64::from(days));
    let rows =
        wellness::history_for_creator(&state.db, ctx.talent_id, since, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, WellnessView::from)))
}
