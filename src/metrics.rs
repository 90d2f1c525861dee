//! Prometheus metrics of the HTTP layer: request counts and latency by route and status.
//!
//! A registry per application (not a global), so several apps in one test process each
//! count their own requests.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    jobs_run: IntCounterVec,
    job_duration: HistogramVec,
    jobs_queued: IntGaugeVec,
}

impl Metrics {
    pub fn new() -> anyhow::Result<Self> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer a request")
                .buckets(vec![
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ]),
            &["method", "route", "status"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        // process_cpu_seconds_total, process_resident_memory_bytes, open fds, threads …
        #[cfg(target_os = "linux")]
        registry.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        let build = IntGaugeVec::new(
            Opts::new(
                "exclusive_talent_build_info",
                "The running build: always 1, its version in a label",
            ),
            &["version"],
        )?;
        build.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
        registry.register(Box::new(build))?;
        let jobs_run = IntCounterVec::new(
            Opts::new(
                "exclusive_talent_jobs_total",
                "Background jobs run, by kind and outcome (done, again, failed, dropped)",
            ),
            &["kind", "outcome"],
        )?;
        let job_duration = HistogramVec::new(
            HistogramOpts::new(
                "exclusive_talent_job_duration_seconds",
                "Time a background job ran",
            )
            .buckets(vec![0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0]),
            &["kind"],
        )?;
        let jobs_queued = IntGaugeVec::new(
            Opts::new(
                "exclusive_talent_jobs_queued",
                "Background jobs waiting or running, by kind (refreshed every 10 s)",
            ),
            &["kind"],
        )?;
        registry.register(Box::new(jobs_run.clone()))?;
        registry.register(Box::new(job_duration.clone()))?;
        registry.register(Box::new(jobs_queued.clone()))?;
        Ok(Self {
            registry,
            requests,
            latency,
            jobs_run,
            job_duration,
            jobs_queued,
        })
    }

    /// A job ran and ended as `outcome`.
    pub fn job_ran(&self, kind: &str, outcome: &str, seconds: f64) {
        let kind = job_kind_label(kind);
        self.jobs_run.with_label_values(&[kind, outcome]).inc();
        self.job_duration
            .with_label_values(&[kind])
            .observe(seconds);
    }

    /// The jobs in the table, by kind; a kind no longer there reads 0.
    pub fn jobs_queued(&self, counts: &[crate::db::queries::jobs::QueuedCount]) {
        self.jobs_queued.reset();
        for count in counts {
            self.jobs_queued
                .with_label_values(&[job_kind_label(&count.kind)])
                .set(count.count);
        }
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if let Err(err) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(error = %err, "encoding metrics failed");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// A job's kind as a label: the kinds this build runs, else `other` (the label set stays bounded).
fn job_kind_label(kind: &str) -> &str {
    match kind {
        crate::webhooks::DELIVER => crate::webhooks::DELIVER,
        _ => "other",
    }
}

/// The standard methods by name; any other (a client may send `FOO`) is `other`, so the label
/// set stays bounded.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Middleware: counts and times each request under its route template (`/api/creator/goals/{id}`),
/// never the raw path, so ids do not explode the label set.
pub async fn track(
    State(metrics): State<std::sync::Arc<Metrics>>,
    req: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = method_label(req.method());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let labels = [method, route.as_str(), status.as_str()];
    metrics.requests.with_label_values(&labels).inc();
    metrics
        .latency
        .with_label_values(&labels)
        .observe(started.elapsed().as_secs_f64());
    response
}
