//! `/api/admin/deals`. A deal with invoices or payouts cannot be deleted (409: mark it `lost`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deletion, limits, patch, sent};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{DealStage, TalentId, deal};
use crate::db::queries::Updated;
use crate::db::queries::{self, deals::DealFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::DealView;
use crate::webhooks::{Emitted, emitting};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_deals, create_deal))
        .routes(routes!(get_deal, update_deal, delete_deal))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewDeal {
    pub talent_id: TalentId,
    pub brand_id: Uuid,
    pub name: String,
    pub stage: DealStage,
    /// Minor units of `currency`, at least 0.
    pub value_minor: i64,
    /// ISO 4217, three upper-case letters.
    pub currency: String,
    pub start_date: Option<NaiveDate>,
    /// Not before `startDate`.
    pub end_date: Option<NaiveDate>,
    /// A sentence for the creator.
    pub next_action: Option<String>,
    pub next_action_due_at: Option<DateTime<Utc>>,
    pub negotiation_notes: Option<String>,
    pub agent_notes: Option<String>,
    pub contract_terms: Option<String>,
}

impl Validate for NewDeal {
    fn validate(&self, check: &mut Checks) {
        check.text("name", &self.name, limits::NAME);
        check.money("valueMinor", self.value_minor);
        check.currency("currency", &self.currency);
        check.dates_ordered("endDate", self.start_date, self.end_date);
        check_texts(
            check,
            self.next_action.as_deref(),
            [
                self.negotiation_notes.as_deref(),
                self.agent_notes.as_deref(),
                self.contract_terms.as_deref(),
            ],
        );
    }
}

/// The deal's free texts: a one-line next action, and the notes.
fn check_texts(check: &mut Checks, next_action: Option<&str>, notes: [Option<&str>; 3]) {
    check.text_opt("nextAction", next_action, limits::LINE);
    for (field, value) in ["negotiationNotes", "agentNotes", "contractTerms"]
        .into_iter()
        .zip(notes)
    {
        check.length_opt(field, value, 0, limits::NOTES);
    }
}

/// The deal's talent stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateDeal {
    #[serde(default, deserialize_with = "present")]
    pub brand_id: Option<Uuid>,
    #[serde(default, deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub stage: Option<DealStage>,
    #[serde(default, deserialize_with = "present")]
    pub value_minor: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub end_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub next_action: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub next_action_due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub negotiation_notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub agent_notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub contract_terms: Option<Option<String>>,
}

impl Validate for UpdateDeal {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("name", self.name.as_deref(), limits::NAME);
        if let Some(value) = self.value_minor {
            check.money("valueMinor", value);
        }
        if let Some(currency) = &self.currency {
            check.currency("currency", currency);
        }
        check_texts(
            check,
            sent(&self.next_action),
            [
                sent(&self.negotiation_notes),
                sent(&self.agent_notes),
                sent(&self.contract_terms),
            ],
        );
    }
}

/// Deals, newest first.
#[utoipa::path(get, path = "/deals", tag = "admin",
    params(DealFilter, PageParams),
    responses((status = 200, body = Page<DealView>)))]
async fn list_deals(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<DealFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<DealView>>> {
    let rows = queries::deals::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, DealView::from)))
}

#[utoipa::path(post, path = "/deals", tag = "admin", request_body = NewDeal,
    responses((status = 201, body = DealView)))]
async fn create_deal(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(body): AppJson<NewDeal>,
) -> AppResult<(StatusCode, Json<DealView>)> {
    let mut check = Checks::default();
    check.exists(
        "talentId",
        queries::talents::exists(&state.db, body.talent_id).await?,
    );
    check.exists(
        "brandId",
        queries::brands::exists(&state.db, body.brand_id).await?,
    );
    check.finish()?;
    let NewDeal {
        talent_id,
        brand_id,
        name,
        stage,
        value_minor,
        currency,
        start_date,
        end_date,
        next_action,
        next_action_due_at,
        negotiation_notes,
        agent_notes,
        contract_terms,
    } = body;
    let row = deal::ActiveModel {
        talent_id: Set(talent_id),
        brand_id: Set(brand_id),
        name: Set(name),
        stage: Set(stage),
        value_minor: Set(value_minor),
        currency: Set(currency),
        start_date: Set(start_date),
        end_date: Set(end_date),
        next_action: Set(next_action),
        next_action_due_at: Set(next_action_due_at),
        negotiation_notes: Set(negotiation_notes),
        agent_notes: Set(agent_notes),
        contract_terms: Set(contract_terms),
        ..Default::default()
    };
    let deal = queries::deals::create(&state.db, staff.user_id, row).await?;
    state.creator_changed(deal.talent_id).await;
    Ok((StatusCode::CREATED, Json(deal.into())))
}

#[utoipa::path(get, path = "/deals/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DealView)))]
async fn get_deal(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<DealView>> {
    let deal = queries::deals::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(deal.into()))
}

#[utoipa::path(patch, path = "/deals/{id}", tag = "admin", request_body = UpdateDeal,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DealView)))]
async fn update_deal(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateDeal>,
) -> AppResult<Json<DealView>> {
    let row = queries::deals::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    if let Some(brand) = body.brand_id {
        check.exists("brandId", queries::brands::exists(&state.db, brand).await?);
    }
    check.dates_ordered(
        "endDate",
        body.start_date.unwrap_or(row.start_date),
        body.end_date.unwrap_or(row.end_date),
    );
    check.finish()?;
    let UpdateDeal {
        brand_id,
        name,
        stage,
        value_minor,
        currency,
        start_date,
        end_date,
        next_action,
        next_action_due_at,
        negotiation_notes,
        agent_notes,
        contract_terms,
    } = body;
    let mut active: deal::ActiveModel = row.into();
    patch(&mut active.brand_id, brand_id);
    patch(&mut active.name, name);
    patch(&mut active.stage, stage);
    patch(&mut active.value_minor, value_minor);
    patch(&mut active.currency, currency);
    patch(&mut active.start_date, start_date);
    patch(&mut active.end_date, end_date);
    patch(&mut active.next_action, next_action);
    patch(&mut active.next_action_due_at, next_action_due_at);
    patch(&mut active.negotiation_notes, negotiation_notes);
    patch(&mut active.agent_notes, agent_notes);
    patch(&mut active.contract_terms, contract_terms);
    let deal = emitting(&state, async |txn| {
        let Updated { before, after } = queries::deals::update(txn, staff.user_id, active).await?;
        let moved = (before.stage != after.stage).then(|| Emitted::deal_stage_changed(&after));
        Ok((after, moved))
    })
    .await?;
    state.creator_changed(deal.talent_id).await;
    Ok(Json(deal.into()))
}

/// Deletes a deal and its deliverables; 409 while it has invoices or payouts.
#[utoipa::path(delete, path = "/deals/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_deal(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    let talent = queries::deals::talent_of(&state.db, id).await?;
    let status = deletion(queries::deals::delete(&state.db, staff.user_id, id).await?)?;
    if let Some(talent) = talent {
        state.creator_changed(talent).await;
    }
    Ok(status)
}
