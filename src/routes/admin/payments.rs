//! `/api/admin/payments`: money received against an invoice.

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
use crate::db::entities::{PaymentMethod, payment};
use crate::db::queries::{self, payments::PaymentFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::PaymentView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_payments, create_payment))
        .routes(routes!(get_payment, update_payment, delete_payment))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewPayment {
    pub invoice_id: Uuid,
    /// Minor units of `currency`, at least 0.
    pub amount_minor: i64,
    pub currency: String,
    pub method: PaymentMethod,
    pub received_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
}

impl Validate for NewPayment {
    fn validate(&self, check: &mut Checks) {
        check.money("amountMinor", self.amount_minor);
        check.currency("currency", &self.currency);
        check.length_opt("reference", self.reference.as_deref(), 0, limits::LINE);
    }
}

/// The payment's invoice stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdatePayment {
    #[serde(default, deserialize_with = "present")]
    pub amount_minor: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub method: Option<PaymentMethod>,
    #[serde(default, deserialize_with = "nullable")]
    pub received_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub reference: Option<Option<String>>,
}

impl Validate for UpdatePayment {
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

/// Payments, newest first.
#[utoipa::path(get, path = "/payments", tag = "admin",
    params(PaymentFilter, PageParams),
    responses((status = 200, body = Page<PaymentView>)))]
async fn list_payments(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<PaymentFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<PaymentView>>> {
    let rows = queries::payments::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, PaymentView::from)))
}

#[utoipa::path(post, path = "/payments", tag = "admin", request_body = NewPayment,
    responses((status = 201, body = PaymentView)))]
async fn create_payment(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(body): AppJson<NewPayment>,
) -> AppResult<(StatusCode, Json<PaymentView>)> {
    let mut check = Checks::default();
    let talent = queries::invoices::talent_of(&state.db, body.invoice_id).await?;
    check.exists("invoiceId", talent.is_some());
    check.finish()?;
    let NewPayment {
        invoice_id,
        amount_minor,
        currency,
        method,
        received_at,
        reference,
    } = body;
    let row = payment::ActiveModel {
        invoice_id: Set(invoice_id),
        amount_minor: Set(amount_minor),
        currency: Set(currency),
        method: Set(method),
        received_at: Set(received_at),
        reference: Set(reference),
        ..Default::default()
    };
    let payment = queries::payments::create(&state.db, staff.user_id, row).await?;
    if let Some(talent) = talent {
        state.creator_changed(talent).await;
    }
    Ok((StatusCode::CREATED, Json(payment.into())))
}

#[utoipa::path(get, path = "/payments/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PaymentView)))]
async fn get_payment(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<PaymentView>> {
    let payment = queries::payments::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(payment.into()))
}

#[utoipa::path(patch, path = "/payments/{id}", tag = "admin", request_body = UpdatePayment,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PaymentView)))]
async fn update_payment(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdatePayment>,
) -> AppResult<Json<PaymentView>> {
    let row = queries::payments::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let UpdatePayment {
        amount_minor,
        currency,
        method,
        received_at,
        reference,
    } = body;
    let mut active: payment::ActiveModel = row.into();
    patch(&mut active.amount_minor, amount_minor);
    patch(&mut active.currency, currency);
    patch(&mut active.method, method);
    patch(&mut active.received_at, received_at);
    patch(&mut active.reference, reference);
    let payment = queries::payments::update(&state.db, staff.user_id, active).await?;
    if let Some(talent) = queries::invoices::talent_of(&state.db, payment.invoice_id).await? {
        state.creator_changed(talent).await;
    }
    Ok(Json(payment.into()))
}

#[utoipa::path(delete, path = "/payments/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_payment(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    let payment = queries::payments::delete(&state.db, staff.user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(talent) = queries::invoices::talent_of(&state.db, payment.invoice_id).await? {
        state.creator_changed(talent).await;
    }
    Ok(StatusCode::NO_CONTENT)
}
