//! `/api/admin/payouts`: money the agency pays a talent.

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

use super::{limits, patch, sent};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::Db;
use crate::db::entities::{PayoutStatus, TalentId, payout};
use crate::db::queries::Updated;
use crate::db::queries::{self, payouts::PayoutFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::PayoutView;
use crate::webhooks::{Emitted, emitting};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_payouts, create_payout))
        .routes(routes!(get_payout, update_payout, delete_payout))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewPayout {
    pub talent_id: TalentId,
    /// A deal of that talent.
    pub deal_id: Option<Uuid>,
    /// Minor units of `currency`, at least 0.
    pub amount_minor: i64,
    pub currency: String,
    pub status: PayoutStatus,
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Stamped now when the status is `paid` and this is absent.
    pub paid_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
}

impl Validate for NewPayout {
    fn validate(&self, check: &mut Checks) {
        check.money("amountMinor", self.amount_minor);
        check.currency("currency", &self.currency);
        check.length_opt("reference", self.reference.as_deref(), 0, limits::LINE);
    }
}

/// The payout's talent stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdatePayout {
    #[serde(default, deserialize_with = "nullable")]
    pub deal_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    pub amount_minor: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<PayoutStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub scheduled_for: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub paid_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub reference: Option<Option<String>>,
}

impl Validate for UpdatePayout {
    fn validate(&self, check: &mut Checks) {
        if let Some(amount) = self.amount_minor {
            check.money("amountMinor", amount);
        }
        if let Some(currency) = &self.currency {
            check.currency("currency", currency);
        }
        check.length_opt("reference", sent(&self.reference), 0, limits::LINE);
    }
}

/// A payout's deal must be one of its talent's deals (422 naming `dealId`).
async fn check_deal(
    db: &Db,
    check: &mut Checks,
    talent: TalentId,
    deal: Option<Uuid>,
) -> AppResult<()> {
    if let Some(deal) = deal {
        let owner = queries::deals::talent_of(db, deal).await?;
        check.exists("dealId", owner == Some(talent));
    }
    Ok(())
}

/// Payouts, newest first.
#[utoipa::path(get, path = "/payouts", tag = "admin",
    params(PayoutFilter, PageParams),
    responses((status = 200, body = Page<PayoutView>)))]
async fn list_payouts(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<PayoutFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<PayoutView>>> {
    let rows = queries::payouts::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, PayoutView::from)))
}

#[utoipa::path(post, path = "/payouts", tag = "admin", request_body = NewPayout,
    responses((status = 201, body = PayoutView)))]
async fn create_payout(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(body): AppJson<NewPayout>,
) -> AppResult<(StatusCode, Json<PayoutView>)> {
    let mut check = Checks::default();
    let talent_found = queries::talents::exists(&state.db, body.talent_id).await?;
    check.exists("talentId", talent_found);
    if talent_found {
        check_deal(&state.db, &mut check, body.talent_id, body.deal_id).await?;
    }
    check.finish()?;
    let NewPayout {
        talent_id,
        deal_id,
        amount_minor,
        currency,
        status,
        scheduled_for,
        paid_at,
        reference,
    } = body;
    let row = payout::ActiveModel {
        talent_id: Set(talent_id),
        deal_id: Set(deal_id),
        amount_minor: Set(amount_minor),
        currency: Set(currency),
        status: Set(status),
        scheduled_for: Set(scheduled_for),
        paid_at: Set(paid_at),
        reference: Set(reference),
        ..Default::default()
    };
    let payout = emitting(&state, async |txn| {
        let payout = queries::payouts::create(txn, staff.user_id, row).await?;
        let paid = (payout.status == PayoutStatus::Paid).then(|| Emitted::payout_paid(&payout));
        Ok((payout, paid))
    })
    .await?;
    state.creator_changed(payout.talent_id).await;
    Ok((StatusCode::CREATED, Json(payout.into())))
}

#[utoipa::path(get, path = "/payouts/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PayoutView)))]
async fn get_payout(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<PayoutView>> {
    let payout = queries::payouts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(payout.into()))
}

/// Changes the fields sent; setting `paid` without `paidAt` stamps it now.
#[utoipa::path(patch, path = "/payouts/{id}", tag = "admin", request_body = UpdatePayout,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PayoutView)))]
async fn update_payout(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdatePayout>,
) -> AppResult<Json<PayoutView>> {
    let row = queries::payouts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    check_deal(&state.db, &mut check, row.talent_id, body.deal_id.flatten()).await?;
    check.finish()?;
    let UpdatePayout {
        deal_id,
        amount_minor,
        currency,
        status,
        scheduled_for,
        paid_at,
        reference,
    } = body;
    let mut active: payout::ActiveModel = row.into();
    patch(&mut active.deal_id, deal_id);
    patch(&mut active.amount_minor, amount_minor);
    patch(&mut active.currency, currency);
    patch(&mut active.status, status);
    patch(&mut active.scheduled_for, scheduled_for);
    patch(&mut active.paid_at, paid_at);
    patch(&mut active.reference, reference);
    let payout = emitting(&state, async |txn| {
        let Updated { before, after } =
            queries::payouts::update(txn, staff.user_id, active).await?;
        let paid = (before.status != PayoutStatus::Paid && after.status == PayoutStatus::Paid)
            .then(|| Emitted::payout_paid(&after));
        Ok((after, paid))
    })
    .await?;
    state.creator_changed(payout.talent_id).await;
    Ok(Json(payout.into()))
}

#[utoipa::path(delete, path = "/payouts/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_payout(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    let payout = queries::payouts::delete(&state.db, staff.user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    state.creator_changed(payout.talent_id).await;
    Ok(StatusCode::NO_CONTENT)
}
