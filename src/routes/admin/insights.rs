//! `/api/admin/talents/{talentId}/insights`: what the agency tells a creator about their
//! performance, with internal metadata. Insights may be created already expired (history).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deleted, limits, patch, sent, talent_exists};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{InsightType, TalentId, creator_insight};
use crate::db::queries;
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::InsightView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_insights, create_insight))
        .routes(routes!(get_insight, update_insight, delete_insight))
}

/// Higher shows first in the portal.
const MAX_PRIORITY: i32 = 100;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewInsight {
    pub insight_type: InsightType,
    pub title: String,
    pub summary: Option<String>,
    pub context: Option<String>,
    /// Supporting data, agency-internal: a JSON object (any other JSON value is 422).
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>)]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    /// 0–100, default 0.
    pub priority: Option<i32>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl Validate for NewInsight {
    fn validate(&self, check: &mut Checks) {
        check.text("title", &self.title, limits::NAME);
        check.length_opt("summary", self.summary.as_deref(), 0, limits::NOTES);
        check.length_opt("context", self.context.as_deref(), 0, limits::NOTES);
        if let Some(priority) = self.priority {
            check.range("priority", priority, 0, MAX_PRIORITY);
        }
    }
}

/// `isRead` is the creator's: staff cannot set it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateInsight {
    #[serde(default, deserialize_with = "present")]
    pub insight_type: Option<InsightType>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub priority: Option<i32>,
    #[serde(default, deserialize_with = "nullable")]
    pub summary: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub context: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<std::collections::HashMap<String, serde_json::Value>>)]
    pub metadata: Option<Option<serde_json::Map<String, serde_json::Value>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub expires_at: Option<Option<DateTime<Utc>>>,
}

impl Validate for UpdateInsight {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("title", self.title.as_deref(), limits::NAME);
        check.length_opt("summary", sent(&self.summary), 0, limits::NOTES);
        check.length_opt("context", sent(&self.context), 0, limits::NOTES);
        if let Some(priority) = self.priority {
            check.range("priority", priority, 0, MAX_PRIORITY);
        }
    }
}

/// A talent's insights, expired ones included, newest first.
#[utoipa::path(get, path = "/talents/{talentId}/insights", tag = "admin",
    params(("talentId" = Uuid, Path), PageParams),
    responses((status = 200, body = Page<InsightView>)))]
async fn list_insights(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<InsightView>>> {
    talent_exists(&state.db, talent).await?;
    let rows = queries::insights::staff_list(&state.db, talent, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, InsightView::from)))
}

#[utoipa::path(post, path = "/talents/{talentId}/insights", tag = "admin",
    params(("talentId" = Uuid, Path)), request_body = NewInsight,
    responses((status = 201, body = InsightView)))]
async fn create_insight(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(talent): AppPath<TalentId>,
    AppJson(body): AppJson<NewInsight>,
) -> AppResult<(StatusCode, Json<InsightView>)> {
    talent_exists(&state.db, talent).await?;
    let NewInsight {
        insight_type,
        title,
        summary,
        context,
        metadata,
        priority,
        expires_at,
    } = body;
    let row = creator_insight::ActiveModel {
        creator_id: Set(talent),
        insight_type: Set(insight_type),
        title: Set(title),
        summary: Set(summary),
        context: Set(context),
        metadata: Set(metadata.map(serde_json::Value::Object)),
        priority: Set(priority.unwrap_or(0)),
        is_read: Set(false),
        expires_at: Set(expires_at),
        ..Default::default()
    };
    let insight = queries::insights::staff_create(&state.db, row).await?;
    state.creator_changed(talent).await;
    Ok((StatusCode::CREATED, Json(insight.into())))
}

#[utoipa::path(get, path = "/talents/{talentId}/insights/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = InsightView)))]
async fn get_insight(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<Json<InsightView>> {
    let insight = queries::insights::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(insight.into()))
}

#[utoipa::path(patch, path = "/talents/{talentId}/insights/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)), request_body = UpdateInsight,
    responses((status = 200, body = InsightView)))]
async fn update_insight(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
    AppJson(body): AppJson<UpdateInsight>,
) -> AppResult<Json<InsightView>> {
    let row = queries::insights::staff_find(&state.db, talent, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let UpdateInsight {
        insight_type,
        title,
        priority,
        summary,
        context,
        metadata,
        expires_at,
    } = body;
    let mut active: creator_insight::ActiveModel = row.into();
    patch(&mut active.insight_type, insight_type);
    patch(&mut active.title, title);
    patch(&mut active.priority, priority);
    patch(&mut active.summary, summary);
    patch(&mut active.context, context);
    patch(
        &mut active.metadata,
        metadata.map(|m| m.map(serde_json::Value::Object)),
    );
    patch(&mut active.expires_at, expires_at);
    let insight = queries::insights::staff_update(&state.db, active).await?;
    state.creator_changed(talent).await;
    Ok(Json(insight.into()))
}

#[utoipa::path(delete, path = "/talents/{talentId}/insights/{id}", tag = "admin",
    params(("talentId" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_insight(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath((talent, id)): AppPath<(TalentId, Uuid)>,
) -> AppResult<StatusCode> {
    let status = deleted(queries::insights::staff_delete(&state.db, talent, id).await?)?;
    state.creator_changed(talent).await;
    Ok(status)
}
