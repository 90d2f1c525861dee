//! `/api/admin`: the agency's API, for staff (admins and agents). Every handler takes
//! [`crate::auth::Staff`] or [`crate::auth::Admin`], answers with the views of
//! [`crate::views::admin`], and calls `AppState::creator_changed` after each write that changes
//! what a creator sees.

pub mod audit_log;

mod brands;
mod deals;
mod deliverables;
mod events;
mod insights;
mod invoices;
mod notifications;
mod opportunities;
mod outreach_tasks;
mod payments;
mod payouts;
mod socials;
mod talents;
mod tasks;
mod users;
mod webhooks;

use axum::http::StatusCode;
use sea_orm::ActiveValue;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::db::queries::Deletion;
use crate::error::{AppError, AppResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(audit_log::list_audit_log))
        .merge(users::router())
        .merge(talents::router())
        .merge(brands::router())
        .merge(deals::router())
        .merge(deliverables::router())
        .merge(invoices::router())
        .merge(payments::router())
        .merge(payouts::router())
        .merge(opportunities::router())
        .merge(outreach_tasks::router())
        .merge(events::router())
        .merge(tasks::router())
        .merge(insights::router())
        .merge(socials::router())
        .merge(notifications::router())
        .merge(webhooks::router())
}

/// A `PATCH` field: when sent, it replaces the stored value; absent, it stays.
fn patch<V: Into<sea_orm::Value>>(target: &mut ActiveValue<V>, value: Option<V>) {
    if let Some(value) = value {
        *target = ActiveValue::Set(value);
    }
}

/// The text of a nullable `PATCH` field, when one was sent.
fn sent(value: &Option<Option<String>>) -> Option<&str> {
    value.as_ref().and_then(|v| v.as_deref())
}

/// 404 unless the talent of a per-talent path exists.
async fn talent_exists(db: &crate::db::Db, talent: crate::db::entities::TalentId) -> AppResult<()> {
    if crate::db::queries::talents::exists(db, talent).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The answer to a `DELETE` whose rule may refuse it.
fn deletion(outcome: Deletion) -> AppResult<StatusCode> {
    match outcome {
        Deletion::Deleted => Ok(StatusCode::NO_CONTENT),
        Deletion::NotFound => Err(AppError::NotFound),
        Deletion::Blocked(why) => Err(AppError::conflict(why)),
    }
}

/// The answer to a plain `DELETE`: whether a row went.
fn deleted(found: bool) -> AppResult<StatusCode> {
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// Text limits shared by the agency's bodies.
mod limits {
    /// Names and titles.
    pub const NAME: usize = 200;
    /// Notes, descriptions, terms.
    pub const NOTES: usize = 5000;
    /// A one-line note (next action, reference, location).
    pub const LINE: usize = 500;
}
