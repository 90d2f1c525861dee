//! `/api/admin/deliverables`: what a deal obliges the talent to deliver.

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

use super::{deleted, limits, patch, sent};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{DeliverableStatus, UserId, deliverable};
use crate::db::queries::{self, deliverables::DeliverableFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::DeliverableView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_deliverables, create_deliverable))
        .routes(routes!(
            get_deliverable,
            update_deliverable,
            delete_deliverable
        ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewDeliverable {
    pub deal_id: Uuid,
    pub title: String,
    pub status: DeliverableStatus,
    pub description: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<UserId>,
}

impl Validate for NewDeliverable {
    fn validate(&self, check: &mut Checks) {
        check.text("title", &self.title, limits::NAME);
        check.length_opt("description", self.description.as_deref(), 0, limits::NOTES);
    }
}

/// The deliverable's deal stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateDeliverable {
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<DeliverableStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub approved_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub approved_by: Option<Option<UserId>>,
}

impl Validate for UpdateDeliverable {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("title", self.title.as_deref(), limits::NAME);
        check.length_opt("description", sent(&self.description), 0, limits::NOTES);
    }
}

/// Deliverables, newest first.
#[utoipa::path(get, path = "/deliverables", tag = "admin",
    params(DeliverableFilter, PageParams),
    responses((status = 200, body = Page<DeliverableView>)))]
async fn list_deliverables(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<DeliverableFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<DeliverableView>>> {
    let rows = queries::deliverables::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, DeliverableView::from)))
}

#[utoipa::path(post, path = "/deliverables", tag = "admin", request_body = NewDeliverable,
    responses((status = 201, body = DeliverableView)))]
async fn create_deliverable(
    State(state): State<AppState>,
    _staff: Staff,
    AppJson(body): AppJson<NewDeliverable>,
) -> AppResult<(StatusCode, Json<DeliverableView>)> {
    let mut check = Checks::default();
    let deal = queries::deals::find(&state.db, body.deal_id).await?;
    check.exists("dealId", deal.is_some());
    if let Some(user) = body.approved_by {
        let found = queries::users::find(&state.db, user).await?.is_some();
        check.exists("approvedBy", found);
    }
    check.finish()?;
    let NewDeliverable {
        deal_id,
        title,
        status,
        description,
        due_at,
        approved_at,
        approved_by,
    } = body;
    let row = deliverable::ActiveModel {
        deal_id: Set(deal_id),
        title: Set(title),
        status: Set(status),
        description: Set(description),
        due_at: Set(due_at),
        approved_at: Set(approved_at),
        approved_by: Set(approved_by),
        ..Default::default()
    };
    let deliverable = queries::deliverables::create(&state.db, row).await?;
    Ok((StatusCode::CREATED, Json(deliverable.into())))
}

#[utoipa::path(get, path = "/deliverables/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DeliverableView)))]
async fn get_deliverable(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<DeliverableView>> {
    let deliverable = queries::deliverables::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(deliverable.into()))
}

#[utoipa::path(patch, path = "/deliverables/{id}", tag = "admin",
    request_body = UpdateDeliverable,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DeliverableView)))]
async fn update_deliverable(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateDeliverable>,
) -> AppResult<Json<DeliverableView>> {
    let row = queries::deliverables::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(Some(user)) = body.approved_by {
        let mut check = Checks::default();
        let found = queries::users::find(&state.db, user).await?.is_some();
        check.exists("approvedBy", found);
        check.finish()?;
    }
    let UpdateDeliverable {
        title,
        status,
        description,
        due_at,
        approved_at,
        approved_by,
    } = body;
    let mut active: deliverable::ActiveModel = row.into();
    patch(&mut active.title, title);
    patch(&mut active.status, status);
    patch(&mut active.description, description);
    patch(&mut active.due_at, due_at);
    patch(&mut active.approved_at, approved_at);
    patch(&mut active.approved_by, approved_by);
    let deliverable = queries::deliverables::update(&state.db, active).await?;
    Ok(Json(deliverable.into()))
}

/// Deletes a deliverable; tasks linked to it stay, unlinked.
#[utoipa::path(delete, path = "/deliverables/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_deliverable(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    deleted(queries::deliverables::delete(&state.db, id).await?)
}
