//! `/api/admin/opportunities`: work a brand offers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deleted, limits, patch, sent};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{OpportunityStatus, opportunity};
use crate::db::queries::{self, opportunities::OpportunityFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::OpportunityView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_opportunities, create_opportunity))
        .routes(routes!(
            get_opportunity,
            update_opportunity,
            delete_opportunity
        ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewOpportunity {
    pub brand_id: Uuid,
    pub title: String,
    pub status: OpportunityStatus,
    pub description: Option<String>,
    pub location: Option<String>,
    /// Minor units of `currency` (required with it), at least 0.
    pub payment_minor: Option<i64>,
    pub currency: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// A payment needs its currency; a currency alone is allowed (to be priced later).
fn check_payment(check: &mut Checks, payment: Option<i64>, currency: Option<&str>) {
    if let Some(payment) = payment {
        check.money("paymentMinor", payment);
        if currency.is_none() {
            check.fail("currency", "is required with paymentMinor");
        }
    }
}

impl Validate for NewOpportunity {
    fn validate(&self, check: &mut Checks) {
        check.text("title", &self.title, limits::NAME);
        check.length_opt("description", self.description.as_deref(), 0, limits::NOTES);
        check.length_opt("location", self.location.as_deref(), 0, limits::LINE);
        if let Some(currency) = &self.currency {
            check.currency("currency", currency);
        }
        check_payment(check, self.payment_minor, self.currency.as_deref());
    }
}

/// The opportunity's brand stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateOpportunity {
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<OpportunityStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub payment_minor: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    pub currency: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub deadline: Option<Option<NaiveDate>>,
}

impl Validate for UpdateOpportunity {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("title", self.title.as_deref(), limits::NAME);
        check.length_opt("description", sent(&self.description), 0, limits::NOTES);
        check.length_opt("location", sent(&self.location), 0, limits::LINE);
        if let Some(currency) = sent(&self.currency) {
            check.currency("currency", currency);
        }
    }
}

/// Opportunities, newest first.
#[utoipa::path(get, path = "/opportunities", tag = "admin",
    params(OpportunityFilter, PageParams),
    responses((status = 200, body = Page<OpportunityView>)))]
async fn list_opportunities(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<OpportunityFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<OpportunityView>>> {
    let rows = queries::opportunities::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, OpportunityView::from)))
}

#[utoipa::path(post, path = "/opportunities", tag = "admin", request_body = NewOpportunity,
    responses((status = 201, body = OpportunityView)))]
async fn create_opportunity(
    State(state): State<AppState>,
    _staff: Staff,
    AppJson(body): AppJson<NewOpportunity>,
) -> AppResult<(StatusCode, Json<OpportunityView>)> {
    let mut check = Checks::default();
    check.exists(
        "brandId",
        queries::brands::exists(&state.db, body.brand_id).await?,
    );
    check.finish()?;
    let NewOpportunity {
        brand_id,
        title,
        status,
        description,
        location,
        payment_minor,
        currency,
        deadline,
    } = body;
    let row = opportunity::ActiveModel {
        brand_id: Set(brand_id),
        title: Set(title),
        status: Set(status),
        description: Set(description),
        location: Set(location),
        payment_minor: Set(payment_minor),
        currency: Set(currency),
        deadline: Set(deadline),
        ..Default::default()
    };
    let opportunity = queries::opportunities::create(&state.db, row).await?;
    Ok((StatusCode::CREATED, Json(opportunity.into())))
}

#[utoipa::path(get, path = "/opportunities/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OpportunityView)))]
async fn get_opportunity(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<OpportunityView>> {
    let opportunity = queries::opportunities::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(opportunity.into()))
}

#[utoipa::path(patch, path = "/opportunities/{id}", tag = "admin",
    request_body = UpdateOpportunity,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OpportunityView)))]
async fn update_opportunity(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateOpportunity>,
) -> AppResult<Json<OpportunityView>> {
    let row = queries::opportunities::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    let payment = body.payment_minor.unwrap_or(row.payment_minor);
    let currency = body.currency.clone().unwrap_or(row.currency.clone());
    check_payment(&mut check, payment, currency.as_deref());
    check.finish()?;
    let UpdateOpportunity {
        title,
        status,
        description,
        location,
        payment_minor,
        currency,
        deadline,
    } = body;
    let mut active: opportunity::ActiveModel = row.into();
    patch(&mut active.title, title);
    patch(&mut active.status, status);
    patch(&mut active.description, description);
    patch(&mut active.location, location);
    patch(&mut active.payment_minor, payment_minor);
    patch(&mut active.currency, currency);
    patch(&mut active.deadline, deadline);
    let opportunity = queries::opportunities::update(&state.db, active).await?;
    Ok(Json(opportunity.into()))
}

#[utoipa::path(delete, path = "/opportunities/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_opportunity(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    deleted(queries::opportunities::delete(&state.db, id).await?)
}
