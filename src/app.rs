//! The HTTP application: shared state, the router with its middleware, and `serve`.
//!
//! A request flows: metrics → request id → trace span → panic guard → `no-store` → problem+json
//! for bare errors → body limit → timeout → idempotency keys → the handler, whose extractors authenticate and parse.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderName, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::ai::Assistant;
use crate::auth::{Auth, TokenKeys};
use crate::cache::CreatorCache;
use crate::config::Config;
use crate::crypto::TokenCipher;
use crate::db::entities::TalentId;
use crate::db::{Db, Snapshots};
use crate::error::AppError;
use crate::metrics::Metrics;
use crate::overview::SectionFaults;
use crate::pages::CsrfKey;
use crate::rate_limit::RateLimiter;
use crate::redis_store::RedisStore;

/// Bodies above this are refused with 413.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Everything a handler may reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Consistent read views for requests that read many things at once (the overview).
    pub snapshots: Snapshots,
    pub auth: Arc<Auth>,
    pub metrics: Arc<Metrics>,
    pub cache: Arc<CreatorCache>,
    /// Present when `REDIS_URL` is set: shared cache entries and rate limits.
    pub redis: Option<Arc<RedisStore>>,
    pub config: Arc<Config>,
    /// Seals creators' social tokens at rest.
    pub tokens: Arc<TokenCipher>,
    /// The creator's AI assistant and its per-creator hourly limit.
    pub assistant: Arc<Assistant>,
    pub ai_limiter: Arc<RateLimiter>,
    /// Overview sections made to fail on purpose (a test hook; empty in service).
    pub overview_faults: Arc<SectionFaults>,
    /// Keys the portal pages' CSRF proofs.
    pub csrf: Arc<CsrfKey>,
    /// The configured social platforms' OAuth clients and the HTTP client that calls them.
    pub social: Arc<crate::social::Providers>,
    /// Set once shutting down: `/readyz` answers 503 while requests are still served, and the
    /// job runner claims no more jobs.
    pub draining: Arc<std::sync::atomic::AtomicBool>,
    /// Wakes the job runner after a commit that enqueued work.
    pub jobs: Arc<crate::jobs::Wakeup>,
    /// Sends webhooks: no redirects, no private targets (unless allowed), 15 s per attempt.
    pub webhook_client: reqwest::Client,
}

impl AppState {
    /// Builds the state from a connected (and migrated) database. `demo` allows running
    /// without secrets.
    pub fn new(config: Config, db: Db, demo: bool) -> anyhow::Result<Self> {
        let secret = config.jwt_secret_bytes(demo)?;
        let token_key = config.token_key_bytes(demo)?;
        let ttl = chrono::Duration::hours(i64::try_from(config.token_ttl_hours)?);
        let assistant = Arc::new(Assistant::from_config(&config)?);
        let redis = match &config.redis_url {
            Some(url) if !url.is_empty() => Some(Arc::new(RedisStore::new(url)?)),
            _ => None,
        };
        let webhook_client =
            crate::webhooks::target::client(config.webhooks_allow_private_targets)?;
        let ai_limiter = Arc::new(RateLimiter::new(
            "ai",
            crate::ai::ASKS_PER_HOUR,
            std::time::Duration::from_secs(3600),
            redis.clone(),
        ));
        let social = Arc::new(crate::social::Providers::from_config(&config)?);
        Ok(Self {
            social,
            snapshots: Snapshots::new(db.clone(), &config.database_url),
            db,
            auth: Arc::new(Auth::new(
                TokenKeys::new(&secret, ttl)?,
                std::time::Duration::from_secs(config.auth_cache_ttl_secs),
                redis.clone(),
            )),
            metrics: Arc::new(Metrics::new()?),
            cache: Arc::new(CreatorCache::new(
                std::time::Duration::from_secs(config.overview_cache_ttl_secs),
                redis.clone(),
            )),
            redis,
            config: Arc::new(config),
            tokens: Arc::new(TokenCipher::new(&token_key)),
            csrf: Arc::new(CsrfKey::derive(&secret)),
            overview_faults: Arc::default(),
            draining: Arc::default(),
            jobs: Arc::default(),
            webhook_client,
            assistant,
            ai_limiter,
        })
    }

    /// Call after every write that changes what a creator sees (their own writes and the
    /// agency's writes about them), so their next overview is fresh.
    pub async fn creator_changed(&self, talent: TalentId) {
        self.cache.invalidate(talent).await;
    }
}

/// The whole router, with middleware, for this state.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.request_timeout();
    let (api, openapi) = crate::routes::router();
    let docs = crate::routes::docs::router(openapi);
    let request_id = HeaderName::from_static("x-request-id");

    api.merge(docs)
        .merge(crate::pages::router())
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async {
            problem_for_status(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
        })
        // Inside the body limit: it reads the body it fingerprints.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::guard,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    timeout,
                )),
        )
        .layer(middleware::from_fn(problem_for_bare_errors))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_response(access_log),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(SetResponseHeaderLayer::overriding(
                    X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(middleware::from_fn(no_store_for_private_answers))
                .layer(CatchPanicLayer::custom(|_| {
                    AppError::Internal(anyhow::anyhow!("handler panicked")).into_response()
                })),
        )
        // Outermost, so that every answer is counted: 405s, 413s, timeouts and panics too.
        // (`Router::layer` runs after routing, so the matched route is known even here.)
        .layer(middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        .with_state(state)
}

/// The span of a request: its method, matched route, path and request id, and — recorded by the
/// auth extractors once known — the caller's user and talent ids. Never a secret or a body.
fn request_span(req: &Request) -> tracing::Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |path| path.as_str());
    tracing::info_span!(
        "request",
        method = %req.method(),
        route = %route,
        path = %loggable_path(req.uri().path()),
        request_id = %request_id,
        user_id = tracing::field::Empty,
        talent_id = tracing::field::Empty,
    )
}

/// The access log: one line per request at `info`, in the request's span (so with its route and
/// caller), saying how it ended and how long it took.
fn access_log(response: &Response, latency: std::time::Duration, _span: &tracing::Span) {
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = latency.as_secs_f64() * 1000.0,
        "answered"
    );
}

/// A request's path as the logs may hold it: a calendar feed's path is its secret (API.md
/// §8.4), so only its prefix is logged.
fn loggable_path(path: &str) -> &str {
    if path.starts_with(CALENDAR_FEEDS) {
        CALENDAR_FEEDS
    } else {
        path
    }
}

/// Where the calendar feeds are served; everything after it is a secret.
const CALENDAR_FEEDS: &str = "/ical/";

/// Errors produced outside our handlers (a body over the limit, a timeout) carry a plain
/// body; give them the problem+json shape every client expects.
async fn problem_for_bare_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    // Ours: problem+json from the API, an error page (HTML) from the portal.
    let is_ours = response.headers().get(CONTENT_TYPE).is_some_and(|v| {
        let v = v.as_bytes();
        v.starts_with(b"application/problem+json") || v.starts_with(b"text/html")
    });
    if !(status.is_client_error() || status.is_server_error()) || is_ours {
        return response;
    }
    let detail = match status {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge.to_string(),
        StatusCode::SERVICE_UNAVAILABLE => "the request took too long; retry shortly".to_owned(),
        other => other.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    problem_for_status(status, &detail)
}

/// What the API says about a signed-in person (sessions, the creator's own records) is never
/// kept by a browser or a proxy. The overview sets its own `private, no-cache`: it is revalidated
/// with its ETag.
async fn no_store_for_private_answers(req: Request, next: Next) -> Response {
    let private = ["/api/auth/", "/api/creator/"]
        .iter()
        .any(|prefix| req.uri().path().starts_with(prefix));
    let mut response = next.run(req).await;
    if private {
        response
            .headers_mut()
            .entry(CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

fn problem_for_status(status: StatusCode, detail: &str) -> Response {
    let body = crate::error::Problem {
        kind: "about:blank".to_owned(),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail: detail.to_owned(),
        errors: None,
    };
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
/// When `shutdown` completes, `/readyz` turns 503 and requests are still served for
/// `SHUTDOWN_GRACE_SECS` (so a load balancer stops sending new ones), then the listener closes and
/// in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let draining = state.draining.clone();
    let grace = std::time::Duration::from_secs(state.config.shutdown_grace_secs);
    let drain = async move {
        shutdown.await;
        draining.store(true, std::sync::atomic::Ordering::SeqCst);
        tracing::info!(grace_secs = grace.as_secs(), "draining");
        tokio::time::sleep(grace).await;
    };
    let jobs = tokio::spawn(crate::jobs::run(state.clone()));
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(drain)
        .await;
    // A job cut short here is claimed again when its lease runs out.
    jobs.abort();
    served
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
