//! `/api/admin/invoices`. The number is given by staff (409 when taken) or generated
//! (`INV-2026-000123`); an invoice with payments cannot be deleted (409: void it).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deletion, patch};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{InvoiceStatus, invoice};
use crate::db::queries::Updated;
use crate::db::queries::{self, invoices::InvoiceFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::InvoiceView;
use crate::webhooks::{Emitted, emitting};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invoices, create_invoice))
        .routes(routes!(get_invoice, update_invoice, delete_invoice))
}

const NUMBER_LEN: usize = 50;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewInvoice {
    pub deal_id: Uuid,
    /// Minor units of `currency`, at least 0.
    pub amount_minor: i64,
    pub currency: String,
    pub status: InvoiceStatus,
    /// Unique; generated as `INV-<year>-<6 digits>` when absent.
    pub invoice_number: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    /// Not before `issuedAt`.
    pub due_at: Option<DateTime<Utc>>,
    /// Stamped now when the status is `paid` and this is absent.
    pub paid_at: Option<DateTime<Utc>>,
}

impl Validate for NewInvoice {
    fn validate(&self, check: &mut Checks) {
        check.money("amountMinor", self.amount_minor);
        check.currency("currency", &self.currency);
        check.text_opt("invoiceNumber", self.invoice_number.as_deref(), NUMBER_LEN);
        check.ordered("dueAt", self.issued_at, self.due_at);
    }
}

/// The invoice's deal stays; every other field may change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateInvoice {
    #[serde(default, deserialize_with = "present")]
    pub amount_minor: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<InvoiceStatus>,
    #[serde(default, deserialize_with = "present")]
    pub invoice_number: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub issued_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub paid_at: Option<Option<DateTime<Utc>>>,
}

impl Validate for UpdateInvoice {
    fn validate(&self, check: &mut Checks) {
        if let Some(amount) = self.amount_minor {
            check.money("amountMinor", amount);
        }
        if let Some(currency) = &self.currency {
            check.currency("currency", currency);
        }
        check.text_opt("invoiceNumber", self.invoice_number.as_deref(), NUMBER_LEN);
    }
}

/// Invoices, newest first.
#[utoipa::path(get, path = "/invoices", tag = "admin",
    params(InvoiceFilter, PageParams),
    responses((status = 200, body = Page<InvoiceView>)))]
async fn list_invoices(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<InvoiceFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<InvoiceView>>> {
    let rows = queries::invoices::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, InvoiceView::from)))
}

/// Creates an invoice; a number already taken is 409.
#[utoipa::path(post, path = "/invoices", tag = "admin", request_body = NewInvoice,
    responses((status = 201, body = InvoiceView)))]
async fn create_invoice(
    State(state): State<AppState>,
    staff: Staff,
    AppJson(body): AppJson<NewInvoice>,
) -> AppResult<(StatusCode, Json<InvoiceView>)> {
    let mut check = Checks::default();
    let talent = queries::deals::talent_of(&state.db, body.deal_id).await?;
    check.exists("dealId", talent.is_some());
    check.finish()?;
    let Some(talent) = talent else {
        return Err(anyhow::anyhow!("a deal that passed the check is gone").into());
    };
    let NewInvoice {
        deal_id,
        amount_minor,
        currency,
        status,
        invoice_number,
        issued_at,
        due_at,
        paid_at,
    } = body;
    let row = invoice::ActiveModel {
        deal_id: Set(deal_id),
        talent_id: Set(talent),
        amount_minor: Set(amount_minor),
        currency: Set(currency),
        status: Set(status),
        invoice_number: invoice_number.map_or(NotSet, Set),
        issued_at: Set(issued_at),
        due_at: Set(due_at),
        paid_at: Set(paid_at),
        ..Default::default()
    };
    let invoice = emitting(&state, async |txn| {
        let invoice = queries::invoices::create(txn, staff.user_id, row).await?;
        let paid = (invoice.status == InvoiceStatus::Paid).then(|| Emitted::invoice_paid(&invoice));
        Ok((invoice, paid))
    })
    .await?;
    state.creator_changed(talent).await;
    Ok((StatusCode::CREATED, Json(invoice.into())))
}

#[utoipa::path(get, path = "/invoices/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceView)))]
async fn get_invoice(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<InvoiceView>> {
    let invoice = queries::invoices::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(invoice.into()))
}

/// Changes the fields sent; setting `paid` without `paidAt` stamps it now.
#[utoipa::path(patch, path = "/invoices/{id}", tag = "admin", request_body = UpdateInvoice,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceView)))]
async fn update_invoice(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateInvoice>,
) -> AppResult<Json<InvoiceView>> {
    let row = queries::invoices::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut check = Checks::default();
    check.ordered(
        "dueAt",
        body.issued_at.unwrap_or(row.issued_at),
        body.due_at.unwrap_or(row.due_at),
    );
    check.finish()?;
    let UpdateInvoice {
        amount_minor,
        currency,
        status,
        invoice_number,
        issued_at,
        due_at,
        paid_at,
    } = body;
    let mut active: invoice::ActiveModel = row.into();
    patch(&mut active.amount_minor, amount_minor);
    patch(&mut active.currency, currency);
    patch(&mut active.status, status);
    patch(&mut active.invoice_number, invoice_number);
    patch(&mut active.issued_at, issued_at);
    patch(&mut active.due_at, due_at);
    patch(&mut active.paid_at, paid_at);
    let invoice = emitting(&state, async |txn| {
        let Updated { before, after } =
            queries::invoices::update(txn, staff.user_id, active).await?;
        let paid = (before.status != InvoiceStatus::Paid && after.status == InvoiceStatus::Paid)
            .then(|| Emitted::invoice_paid(&after));
        Ok((after, paid))
    })
    .await?;
    if let Some(talent) = queries::deals::talent_of(&state.db, invoice.deal_id).await? {
        state.creator_changed(talent).await;
    }
    Ok(Json(invoice.into()))
}

/// Deletes an invoice; 409 while it has payments (void it instead).
#[utoipa::path(delete, path = "/invoices/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_invoice(
    State(state): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    let talent = queries::invoices::talent_of(&state.db, id).await?;
    let status = deletion(queries::invoices::delete(&state.db, staff.user_id, id).await?)?;
    if let Some(talent) = talent {
        state.creator_changed(talent).await;
    }
    Ok(status)
}
