//! The one error type of the HTTP layer and its wire format, RFC 9457 `application/problem+json`.
//!
//! Handlers return [`AppResult`]. Every rejection (bad JSON, bad path id, bad query string, a
//! body over the limit) is turned into an [`AppError`] too, so a client meets one shape.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, RuntimeErr, SqlErr};
use serde::Serialize;
use utoipa::ToSchema;

pub type AppResult<T> = Result<T, AppError>;

/// One invalid field of a request, named by its JSON path (`title`, `items[2].name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("you may not use this endpoint")]
    Forbidden,
    #[error("no such record")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("request body is larger than 64 KiB")]
    PayloadTooLarge,
    #[error("expected a body of type application/json")]
    UnsupportedMediaType,
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("too many requests; retry in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("a dependency is unavailable; retry shortly")]
    Unavailable(#[source] anyhow::Error),
    /// Refused before any work, because a bounded queue is full (503 with `Retry-After`).
    #[error("the service is busy; retry in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A 422 naming one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict(message.into())
    }
}

/// The RFC 9457 body. `errors` appears only on validation failures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status and title say what went wrong.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match &self {
            Self::Internal(cause) => {
                tracing::error!(error = ?cause, "request failed");
                "internal error".to_owned()
            }
            Self::Unavailable(cause) => {
                tracing::warn!(error = %cause, "dependency unavailable");
                self.to_string()
            }
            other => other.to_string(),
        };
        let errors = match &self {
            Self::Validation(errors) => Some(errors.clone()),
            _ => None,
        };
        let body = Problem {
            kind: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            errors,
        };
        let mut response = (status, axum::Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Self::TooManyRequests { retry_after_secs } | Self::Busy { retry_after_secs } = self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
        response
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if matches!(err, DbErr::RecordNotFound(_)) {
            return Self::NotFound;
        }
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return Self::Conflict("a record with this value already exists".to_owned());
        }
        if let Some(SqlErr::ForeignKeyConstraintViolation(_)) = err.sql_err() {
            return Self::Conflict("other records still refer to this one".to_owned());
        }
        if is_unavailable(&err) {
            return Self::Unavailable(err.into());
        }
        Self::Internal(err.into())
    }
}

/// A database that cannot be reached, or a pool that cannot hand out a connection in time, is a
/// dependency outage (503), not a bug (500).
fn is_unavailable(err: &DbErr) -> bool {
    let runtime = match err {
        // Failing to (re)connect at all is an outage, whatever the driver says went wrong.
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => return true,
        DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    match runtime {
        RuntimeErr::SqlxError(sqlx_err) => {
            let text = sqlx_err.to_string();
            matches!(
                sqlx_err.as_ref(),
                sea_orm::sqlx::Error::Io(_)
                    | sea_orm::sqlx::Error::PoolTimedOut
                    | sea_orm::sqlx::Error::PoolClosed
                    | sea_orm::sqlx::Error::WorkerCrashed
            ) || text.contains("database is locked")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_contract_status() {
        let cases = [
            (AppError::BadRequest("x".into()), 400),
            (AppError::Unauthorized, 401),
            (AppError::Forbidden, 403),
            (AppError::NotFound, 404),
            (AppError::conflict("x"), 409),
            (AppError::PayloadTooLarge, 413),
            (AppError::UnsupportedMediaType, 415),
            (AppError::invalid("f", "m"), 422),
            (
                AppError::TooManyRequests {
                    retry_after_secs: 5,
                },
                429,
            ),
            (AppError::Unavailable(anyhow::anyhow!("down")), 503),
            (AppError::Internal(anyhow::anyhow!("bug")), 500),
        ];
        for (err, status) in cases {
            assert_eq!(err.status().as_u16(), status, "{err:?}");
        }
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let response =
            AppError::Internal(anyhow::anyhow!("SELECT secret FROM users")).into_response();
        assert_eq!(response.status(), 500);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
}
