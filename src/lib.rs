//! exclusive-talent: the backend of a talent agency's creator portal.
//!
//! The folder tree is the architecture: `routes/` by audience, `views/` for what goes out,
//! `db/` for rows and queries. See docs/ARCHITECTURE.md.

/// The creator's AI assistant: intents and providers.
pub mod ai;
/// The HTTP application: state, router, middleware, `serve`.
pub mod app;
/// Authentication: passwords, tokens, the login throttle and the role extractors.
pub mod auth;
/// The per-creator cache of the portal overview, invalidated on every write about a creator.
pub mod cache;
/// The creator's calendar feed: its secret tokens and its RFC 5545 body.
pub mod calendar;
/// The command line: `serve`, `migrate`, `create-user`, `seed`.
pub mod cli;
/// Settings from flags and the environment.
pub mod config;
/// AES-256-GCM sealing of creators' social tokens at rest.
pub mod crypto;
/// The data layer: connection, entities (rows), migrations and queries.
pub mod db;
/// `AppError` and its problem+json wire format.
pub mod error;
/// Request extractors whose rejections are `AppError`s: JSON bodies, paths, query strings.
pub mod extract;
/// Safe retries: the `Idempotency-Key` middleware.
pub mod idempotency;
/// Background jobs: durable work in the database, run by every `serve` instance.
pub mod jobs;
/// Prometheus metrics of the HTTP layer.
pub mod metrics;
/// Money as a creator sees it: rounding, range bands, the revenue trend. Pure arithmetic.
pub mod money;
/// The creator's overview: every portal section at once, each degrading on its own.
pub mod overview;
/// The creator portal as web pages (`/portal`): templates over the creator API's views.
pub mod pages;
/// Cursor pagination shared by every list endpoint.
pub mod pagination;
/// Sliding-window rate limits, in Redis when configured, in process otherwise.
pub mod rate_limit;
/// The optional Redis connection behind the shared cache and rate limits.
pub mod redis_store;
/// HTTP handlers, one folder per audience.
pub mod routes;
/// Data loaders: the demo agency (`seed --demo`, `serve --demo`) and the synthetic agency
/// for benchmarks (`seed --scale N`).
pub mod seed;
/// Social accounts through OAuth (API.md §8.3): the platforms' clients, the flow's pending
/// states, the per-platform analytics adapters and the sync pass.
pub mod social;
/// Field validation of request bodies, one way for every endpoint.
pub mod validation;
/// Response types: what each audience may see of a row.
pub mod views;
/// Webhooks for the agency: events stored with their changes, delivered signed.
pub mod webhooks;
