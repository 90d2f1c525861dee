//! Invoices of a deal, and their numbering.

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, SqlErr,
    TransactionSession, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::audit_log::{self, Action, Audited};
use super::{Deletion, Updated, newest_first, now};
use crate::db::entities::{InvoiceStatus, TalentId, UserId, invoice, new_id, payment};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The audit log's name for an invoice.
const ENTITY: &str = "invoice";

/// How often a generated number is retried when a concurrent insert took it first.
const NUMBER_ATTEMPTS: usize = 8;

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<invoice::Model>, DbErr> {
    invoice::Entity::find_by_id(id).one(db).await
}

/// The talent whose deal an invoice bills, when the invoice exists.
pub async fn talent_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<TalentId>, DbErr> {
    match find(db, id).await? {
        Some(invoice) => super::deals::talent_of(db, invoice.deal_id).await,
        None => Ok(None),
    }
}

/// The filters of the invoice list (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    pub deal_id: Option<Uuid>,
    pub status: Option<InvoiceStatus>,
}

/// Invoices, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &InvoiceFilter,
    page: &PageRequest,
) -> Result<RowPage<invoice::Model>, PageError> {
    let select = invoice::Entity::find()
        .apply_if(filter.deal_id, |q, v| {
            q.filter(invoice::Column::DealId.eq(v))
        })
        .apply_if(filter.status, |q, v| {
            q.filter(invoice::Column::Status.eq(v))
        });
    let keys = newest_first(invoice::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Inserts an invoice, with its audit entry (`actor`'s create) in the same transaction. A number
/// given by staff is kept (taken → unique violation → 409); without one, the next
/// `INV-<year>-<6 digits>` of the year it is issued in (or created in) is generated. Set `paid`
/// without a payment time, it is stamped now. Two concurrent inserts may pick the same number:
/// the loser picks again (each attempt in a savepoint, so PostgreSQL's transaction survives the
/// violation).
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: invoice::ActiveModel,
) -> Result<invoice::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    fill_paid_at(&mut row, now);
    audit_log::audited(db, actor, Action::Create, ENTITY, async move |txn| {
        let invoice = if row.invoice_number.is_set() {
            row.insert(txn).await?
        } else {
            insert_numbered(txn, row, now.year()).await?
        };
        Ok(Audited::created(invoice.id, invoice.clone(), invoice))
    })
    .await
}

/// Inserts with the next generated number of the issue year (`fallback_year` when not issued).
async fn insert_numbered<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mut row: invoice::ActiveModel,
    fallback_year: i32,
) -> Result<invoice::Model, DbErr> {
    let year = match &row.issued_at {
        ActiveValue::Set(Some(issued)) | ActiveValue::Unchanged(Some(issued)) => issued.year(),
        _ => fallback_year,
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        row.invoice_number = Set(next_number(db, year).await?);
        let savepoint = db.begin().await?;
        match row.clone().insert(&savepoint).await {
            Err(err)
                if attempt < NUMBER_ATTEMPTS
                    && matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
            {
                savepoint.rollback().await?;
            }
            Err(err) => return Err(err),
            Ok(invoice) => {
                savepoint.commit().await?;
                return Ok(invoice);
            }
        }
    }
}

/// One more than the highest generated number of the year (`INV-2026-000123`). Numbers given
/// by staff in another shape are skipped.
async fn next_number(db: &impl ConnectionTrait, year: i32) -> Result<String, DbErr> {
    let prefix = format!("INV-{year}-");
    let numbers: Vec<String> = invoice::Entity::find()
        .select_only()
        .column(invoice::Column::InvoiceNumber)
        .filter(invoice::Column::InvoiceNumber.starts_with(&prefix))
        .order_by_desc(invoice::Column::InvoiceNumber)
        .limit(50)
        .into_tuple()
        .all(db)
        .await?;
    let last = numbers
        .iter()
        .filter_map(|n| n.strip_prefix(&prefix))
        .filter(|seq| seq.len() == 6 && seq.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|seq| seq.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:06}", last + 1))
}

/// The generated number for a sequence: what `create` would write (used by the demo seed).
pub fn number_for(year: i32, seq: u32) -> String {
    format!("INV-{year}-{seq:06}")
}

/// Saves changes, with the audit entry (the invoice before and after) in the same transaction;
/// setting `paid` without a payment time records now. An invoice gone meanwhile is
/// `RecordNotFound`.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    mut row: invoice::ActiveModel,
) -> Result<Updated<invoice::Model>, DbErr> {
    let now = now();
    fill_paid_at(&mut row, now);
    row.updated_at = Set(now);
    audit_log::update(db, actor, ENTITY, row).await
}

/// An invoice being set `paid` without a payment time is stamped with `at`.
fn fill_paid_at(row: &mut invoice::ActiveModel, at: DateTime<Utc>) {
    let set_paid = row.status.is_set() && row.status.try_as_ref() == Some(&InvoiceStatus::Paid);
    if set_paid && matches!(row.paid_at.try_as_ref(), None | Some(None)) {
        row.paid_at = Set(Some(at));
    }
}

/// Deletes an invoice, with its audit entry in the same transaction; one with payments is kept
/// (void it instead) and nothing is recorded.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: UserId,
    id: Uuid,
) -> Result<Deletion, DbErr> {
    audit_log::audited(db, actor, Action::Delete, ENTITY, async |txn| {
        let Some(before) = audit_log::locked::<invoice::Entity>(txn, id).await? else {
            return Ok(Audited::Unchanged(Deletion::NotFound));
        };
        let payments = payment::Entity::find()
            .filter(payment::Column::InvoiceId.eq(id))
            .count(txn)
            .await?;
        if payments > 0 {
            return Ok(Audited::Unchanged(Deletion::Blocked(
                "the invoice has payments; set its status to void instead",
            )));
        }
        invoice::Entity::delete_by_id(id).exec(txn).await?;
        Ok(Audited::deleted(id, before, Deletion::Deleted))
    })
    .await
}
