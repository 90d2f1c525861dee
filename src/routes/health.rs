//! Liveness, readiness and metrics: unauthenticated, for load balancers and Prometheus.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::error::{AppError, AppResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(metrics))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusView {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health", security(()),
    responses((status = 200, body = StatusView)))]
async fn healthz() -> axum::Json<StatusView> {
    axum::Json(StatusView { status: "ok" })
}

/// The database answers and the service is not shutting down; else 503.
#[utoipa::path(get, path = "/readyz", tag = "health", security(()),
    responses((status = 200, body = StatusView)))]
async fn readyz(State(state): State<AppState>) -> AppResult<axum::Json<StatusView>> {
    if state.draining.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(AppError::Unavailable(anyhow::anyhow!("shutting down")));
    }
    if crate::db::ping(&state.db).await {
        Ok(axum::Json(StatusView { status: "ready" }))
    } else {
        Err(AppError::Unavailable(anyhow::anyhow!(
            "database unreachable"
        )))
    }
}

/// Request counts and latency histograms, Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "health", security(()),
    responses((status = 200, body = String, content_type = "text/plain")))]
async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(),
    )
}
