//! exclusive-talent: the backend of a talent agency's creator portal.
//!
//! The folder tree is the architecture: `routes/` by audience, `views/` for what goes out,
//! `db/` for rows and queries. See docs/ARCHITECTURE.md.

/// The HTTP application: state, router, middleware, `serve`.
pub mod app;
/// Authentication: passwords, tokens, the login throttle and the role extractors.
pub mod auth;
/// The per-creator cache of the portal overview, invalidated on every write about a creator.
pub mod cache;
/// The command line: `serve`, `migrate`, `create-user`, `seed`.
pub mod cli;
/// Settings from flags and the environment.
pub mod config;
/// The data layer: connection, entities (rows), migrations and queries.
pub mod db;
/// `AppError` and its problem+json wire format.
pub mod error;
/// Request extractors whose rejections are `AppError`s: JSON bodies, paths, query strings.
pub mod extract;
/// Prometheus metrics of the HTTP layer.
pub mod metrics;
/// Cursor pagination shared by every list endpoint.
pub mod pagination;
/// HTTP handlers, one folder per audience.
pub mod routes;
/// Data loaders: the demo agency (`seed --demo`, `serve --demo`).
pub mod seed;
/// Field validation of request bodies, one way for every endpoint.
pub mod validation;
/// Response types: what each audience may see of a row.
pub mod views;
