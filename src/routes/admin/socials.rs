//! `/api/admin/talents/{talentId}/goals` and `/socials` (read only), and
//! `PUT /talents/{talentId}/socials/{platform}/metrics`: staff record an account's analytics.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::talent_exists;
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{Platform, TalentId};
use crate::db::queries::{self, socials::Metrics};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::{GoalView, SocialView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_goals))
        .routes(routes!(list_socials))
        .routes(routes!(record_metrics))
}

/// An account's analytics.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SocialMetrics {
    /// At least 0.
    pub followers: i64,
    /// A ratio, 0–1 (0.042 is 4.2 %).
    pub engagement_rate: f64,
    /// At least 0.
    pub avg_views: i64,
}

impl Validate for SocialMetrics {
    fn validate(&self, check: &mut Checks) {
        check.at_least("followers", self.followers, 0);
        if check.finite("engagementRate", self.engagement_rate) {
            check.range("engagementRate", self.engagement_rate, 0.0, 1.0);
        }
        check.at_least("avgViews", self.avg_views, 0);
    }
}

/// A talent's goals, active or not, newest first.
#[utoipa::path(get, path = "/talents/{talentId}/goals", tag = "admin",
    params(("talentId" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<GoalView>)))]
async fn list_goals(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<GoalView>>> {
    talent_exists(&state.db, talent).await?;
    let rows = queries::goals::staff_list(&state.db, talent, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, GoalView::from)))
}

/// A talent's social connections with their analytics (never their tokens), newest first.
#[utoipa::path(get, path = "/talents/{talentId}/socials", tag = "admin",
    params(("talentId" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<SocialView>)))]
async fn list_socials(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<SocialView>>> {
    talent_exists(&state.db, talent).await?;
    let rows = queries::socials::staff_list(&state.db, talent, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, SocialView::from)))
}

/// Records an account's analytics and stamps `lastSyncedAt`; 404 when the creator never
/// connected that platform.
#[utoipa::path(put, path = "/talents/{talentId}/socials/{platform}/metrics", tag = "admin",
    params(("talentId" = Uuid, Path), ("platform" = Platform, Path)),
    request_body = SocialMetrics,
    responses((status = 200, body = SocialView)))]
async fn record_metrics(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, platform)): AppPath<(TalentId, Platform)>,
    AppJson(body): AppJson<SocialMetrics>,
) -> AppResult<Json<SocialView>> {
    let SocialMetrics {
        followers,
        engagement_rate,
        avg_views,
    } = body;
    let metrics = Metrics {
        followers,
        engagement_rate,
        avg_views,
    };
    let social = queries::socials::staff_record_metrics(&state.db, talent, platform, metrics)
        .await?
        .ok_or(AppError::NotFound)?;
    state.creator_changed(talent).await;
    Ok(Json(social.into()))
}
