//! Social accounts through OAuth 2.0 (API.md §8.3).
//!
//! - [`settings`]: the operator's per-platform clients and endpoints.
//! - [`oauth`]: the authorization-code flow with PKCE and the refresh grant (the `oauth2` crate
//!   over our `reqwest` client), one [`oauth::Provider`] per configured platform.
//! - [`states`]: the flows begun and not yet finished, single-use, 10 minutes, in Redis when
//!   configured and in the database otherwise, so that any instance can finish one.
//! - [`adapters`]: each platform's documented API responses mapped to a handle and to followers,
//!   engagement rate and average views.
//! - [`sync`]: the pass that refreshes tokens, reads analytics, keeps readings and writes `trend`
//!   insights, on one instance at a time.
//!
//! Nothing here logs or returns a client secret, a token, an authorization code or a verifier:
//! they are `SecretString`s from the moment they are read, and sealed at rest.

pub mod adapters;
pub mod oauth;
pub mod settings;
pub mod states;
pub mod sync;

pub use oauth::Providers;
