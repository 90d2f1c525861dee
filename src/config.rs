//! Settings, each a `--flag` and an environment variable (API.md §2). Parsed once in `main`.

use std::time::Duration;

use anyhow::{Context, bail};
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://exclusive-talent.db?mode=rwc";
/// Used by `--demo` only, so that the demo runs with nothing configured. Published (API.md
/// §8.1), so refused as a configured value.
const DEMO_JWT_SECRET: &str = "demo-only-secret-do-not-use-in-production-0123456789";
/// The demo's token key: 32 bytes of 42. Refused as a configured value too.
const DEMO_TOKEN_KEY: [u8; 32] = [42u8; 32];
/// The signing secret of [`Config::for_database`]: tests and tools only.
pub const TESTING_JWT_SECRET: &str = "testing-only-secret-for-the-test-harness-0123456789";

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Database: `sqlite://file.db?mode=rwc` (embedded) or `postgres://user@host/db`.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: String,

    /// Address to listen on.
    #[arg(long, global = true, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// The address people reach the service at (default `http://<BIND>`): the portal's cookie
    /// is `Secure` unless this is `http://` on a loopback host.
    #[arg(long, global = true, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// HS256 secret for signing login tokens (at least 32 bytes). Required unless `--demo`.
    #[arg(long, global = true, env = "JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<SecretString>,

    /// 32 bytes, base64: encrypts creators' social tokens at rest. Required unless `--demo`.
    #[arg(
        long,
        global = true,
        env = "TOKEN_ENCRYPTION_KEY",
        hide_env_values = true
    )]
    pub token_encryption_key: Option<SecretString>,

    /// Redis, for a cache and rate limits shared by several instances.
    #[arg(long, global = true, env = "REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<String>,

    /// The AI assistant's provider: `local` (built in) or `openai`.
    #[arg(long, global = true, env = "AI_PROVIDER", default_value = "local")]
    pub ai_provider: String,

    /// Base URL of an OpenAI-compatible API (for `AI_PROVIDER=openai`).
    #[arg(long, global = true, env = "AI_BASE_URL")]
    pub ai_base_url: Option<String>,

    /// API key of the OpenAI-compatible API.
    #[arg(long, global = true, env = "AI_API_KEY", hide_env_values = true)]
    pub ai_api_key: Option<SecretString>,

    /// Model name for the OpenAI-compatible API.
    #[arg(long, global = true, env = "AI_MODEL")]
    pub ai_model: Option<String>,

    /// Seconds the `openai` provider may take before the built-in answer is used instead.
    #[arg(long, global = true, env = "AI_TIMEOUT_SECS", default_value_t = 10)]
    pub ai_timeout_secs: u64,

    /// Seconds a request may take before it is answered 503.
    #[arg(
        long,
        global = true,
        env = "REQUEST_TIMEOUT_SECS",
        default_value_t = 30
    )]
    pub request_timeout_secs: u64,

    /// Hours a login token stays valid.
    #[arg(long, global = true, env = "TOKEN_TTL_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=24))]
    pub token_ttl_hours: u64,

    /// Seconds a user's active flag and role may be served from memory (at most 60).
    #[arg(long, global = true, env = "AUTH_CACHE_TTL_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=60))]
    pub auth_cache_ttl_secs: u64,

    /// Seconds a creator's overview is cached; 0 turns the cache off.
    #[arg(long, global = true, env = "OVERVIEW_CACHE_TTL", default_value_t = 120)]
    pub overview_cache_ttl_secs: u64,

    /// Log lines as `text` (for people) or `json` (one object per line, for log collectors).
    #[arg(long, global = true, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Seconds `serve` keeps answering after SIGTERM, with `/readyz` at 503, so a load balancer
    /// stops sending requests before the listener closes.
    #[arg(long, global = true, env = "SHUTDOWN_GRACE_SECS", default_value_t = 5)]
    pub shutdown_grace_secs: u64,

    /// Log every SQL statement at debug level (target `sqlx::query`), e.g. to check query plans.
    #[arg(long, global = true, env = "LOG_SQL", default_value_t = false)]
    pub log_sql: bool,

    /// Database connections in the pool (default: two per core, plus two).
    #[arg(
        long,
        global = true,
        env = "DATABASE_MAX_CONNECTIONS",
        default_value_t = default_pool_size()
    )]
    pub database_max_connections: u32,

    /// Let webhooks go to loopback, private and link-local addresses (a test or an internal
    /// receiver); refused otherwise (API.md §8.4).
    #[arg(
        long,
        global = true,
        env = "WEBHOOKS_ALLOW_PRIVATE_TARGETS",
        default_value_t = false
    )]
    pub webhooks_allow_private_targets: bool,

    /// Social platforms' OAuth clients and the sync interval (API.md §8.3).
    #[command(flatten)]
    pub social: crate::social::settings::SocialSettings,
}

/// Two connections per core, plus two: more only queue inside the database. Measured with the
/// uncached overview on PostgreSQL (2 cores, 32 clients): 4 to 8 connections serve the same
/// rate, 16 the same rate with p99 at 47–58 ms instead of 30–35 (docs/PERFORMANCE.md).
pub fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2 + 2).unwrap_or(u32::MAX)
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// A configuration for tests and tools: a database URL and secrets, defaults elsewhere.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            bind: "127.0.0.1:0".to_owned(),
            public_url: None,
            jwt_secret: Some(SecretString::from(TESTING_JWT_SECRET)),
            token_encryption_key: Some(SecretString::from(
                base64::engine::general_purpose::STANDARD.encode([7u8; 32]),
            )),
            redis_url: None,
            ai_provider: "local".to_owned(),
            ai_base_url: None,
            ai_api_key: None,
            ai_model: None,
            ai_timeout_secs: 10,
            request_timeout_secs: 30,
            token_ttl_hours: 12,
            auth_cache_ttl_secs: 30,
            overview_cache_ttl_secs: 120,
            database_max_connections: default_pool_size(),
            log_sql: false,
            log_format: LogFormat::Text,
            shutdown_grace_secs: 0,
            webhooks_allow_private_targets: false,
            // No platform configured, and no periodic sync: tests run passes themselves.
            social: crate::social::settings::SocialSettings::default(),
        }
    }

    /// `PUBLIC_URL`, or `http://<BIND>`, without a trailing `/`.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }

    /// Whether cookies need `Secure`: always, but for plain `http://` to a loopback host (a
    /// browser would not send a `Secure` cookie there).
    pub fn cookies_secure(&self) -> bool {
        let url = self.public_url();
        let Some(rest) = url.strip_prefix("http://") else {
            return true;
        };
        let authority = rest.split('/').next().unwrap_or_default();
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.split(':').next().unwrap_or_default(),
        };
        let loopback = host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        !loopback
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The signing secret; `--demo` may run without one and gets a fixed, public one.
    pub fn jwt_secret_bytes(&self, demo: bool) -> anyhow::Result<Vec<u8>> {
        match &self.jwt_secret {
            Some(secret) if secret.expose_secret() == DEMO_JWT_SECRET => {
                bail!("JWT_SECRET is the demo's published secret: configure a secret of your own")
            }
            Some(secret) if secret.expose_secret().len() >= 32 => {
                Ok(secret.expose_secret().as_bytes().to_vec())
            }
            Some(_) => bail!("JWT_SECRET must be at least 32 bytes"),
            None if demo => Ok(DEMO_JWT_SECRET.as_bytes().to_vec()),
            None => bail!("JWT_SECRET is required (at least 32 bytes); or run with --demo"),
        }
    }

    /// The AES-256 key for social tokens; `--demo` without one derives a fixed demo key.
    pub fn token_key_bytes(&self, demo: bool) -> anyhow::Result<[u8; 32]> {
        match &self.token_encryption_key {
            Some(key) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(key.expose_secret().trim())
                    .context("TOKEN_ENCRYPTION_KEY must be base64")?;
                let key = <[u8; 32]>::try_from(bytes.as_slice())
                    .map_err(|_| anyhow::anyhow!("TOKEN_ENCRYPTION_KEY must decode to 32 bytes"))?;
                if key == DEMO_TOKEN_KEY {
                    bail!(
                        "TOKEN_ENCRYPTION_KEY is the demo's published key: configure a key of your own"
                    );
                }
                Ok(key)
            }
            None if demo => Ok(DEMO_TOKEN_KEY),
            None => {
                bail!("TOKEN_ENCRYPTION_KEY is required (32 bytes, base64); or run with --demo")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_unless_plain_http_on_loopback() {
        let secure = |public_url: Option<&str>, bind: &str| {
            let mut config = Config::for_database("sqlite::memory:");
            config.public_url = public_url.map(str::to_owned);
            config.bind = bind.to_owned();
            config.cookies_secure()
        };
        assert!(!secure(None, "127.0.0.1:8080"));
        assert!(!secure(Some("http://localhost:8080/"), "0.0.0.0:80"));
        assert!(!secure(Some("http://[::1]:8080"), "0.0.0.0:80"));
        assert!(secure(None, "0.0.0.0:8080"));
        assert!(secure(Some("https://portal.agency.test"), "127.0.0.1:8080"));
        assert!(secure(Some("http://portal.agency.test"), "127.0.0.1:8080"));
    }
}
