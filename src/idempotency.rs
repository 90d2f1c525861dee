//! Safe retries (API.md §8.4): every `POST` under `/api` but login accepts an
//! `Idempotency-Key`. The first request with a key runs; its answer (a 2xx or 4xx) is kept 24 h
//! per user, method and path, and the same key with the same body (compared as parsed JSON)
//! gets that answer again with `Idempotent-Replayed: true`, doing nothing twice. The same key
//! with another body is 422; while the first is still running, 409. A 5xx frees the key.
//!
//! A middleware, so no handler can forget it. The keys live in Redis when it is configured
//! ([`redis_keys`]), else in the database (`db::queries::idempotency`); both are shared by every
//! instance. When Redis is configured but does not answer, the database holds the key instead.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::app::{AppState, BODY_LIMIT_BYTES};
use crate::db::queries::idempotency::{self, Claim, KeyedRequest};
use crate::error::AppError;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";

/// The middleware; see the module's documentation.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(key) = req.headers().get(HEADER).cloned() else {
        return next.run(req).await;
    };
    let path = req.uri().path().to_owned();
    if req.method() != Method::POST || !path.starts_with("/api/") || path == "/api/auth/login" {
        return next.run(req).await;
    }
    let Some(key) = valid_key(&key) else {
        return AppError::BadRequest(
            "Idempotency-Key must be 1 to 255 printable ASCII characters".to_owned(),
        )
        .into_response();
    };
    // Keys are per user; a request that names no valid user is refused by its handler anyway.
    let user = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .and_then(|token| state.auth.tokens.verify(token.trim()));
    let Some(claims) = user else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let body = match to_bytes(body, BODY_LIMIT_BYTES).await {
        Ok(body) => body,
        Err(_) => return AppError::PayloadTooLarge.into_response(),
    };
    let request = KeyedRequest {
        user: claims.sub,
        method: parts.method.as_str(),
        path: &path,
        key: &key,
        request_hash: &request_hash(&body),
    };
    let abandoned_after = chrono::Duration::seconds(
        i64::try_from(state.config.request_timeout_secs.saturating_mul(2)).unwrap_or(60),
    );
    let ticket = match claim(&state, &request, abandoned_after).await {
        Ok((Claim::First(_), ticket)) => ticket,
        Ok((Claim::Running, _)) => {
            return AppError::conflict(
                "a request with this Idempotency-Key is still running; retry when it is done",
            )
            .into_response();
        }
        Ok((Claim::OtherRequest, _)) => {
            return AppError::invalid(
                "Idempotency-Key",
                "was used with another body; use a new key for a new request",
            )
            .into_response();
        }
        Ok((
            Claim::Answered {
                status,
                content_type,
                body,
            },
            _,
        )) => return replay(status, content_type, body),
        Err(err) => return AppError::from(err).into_response(),
    };
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    let status = response.status();
    if status.is_server_error() || !(status.is_success() || status.is_client_error()) {
        release(&state, &ticket).await;
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(err) => {
            release(&state, &ticket).await;
            return AppError::Internal(anyhow::anyhow!("reading an answer: {err}")).into_response();
        }
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let answer = Answer {
        status: status.as_u16(),
        content_type,
        body: body.to_vec(),
    };
    if let Err(err) = complete(&state, &ticket, answer).await {
        // The change is made; a retry would now run it again, so say so loudly.
        tracing::error!(error = %err, "keeping an idempotent answer failed");
    }
    Response::from_parts(parts, Body::from(body))
}

/// Where a claimed key is kept.
enum Ticket {
    Database(uuid::Uuid),
    /// The Redis key, and the request's fingerprint (kept with the answer).
    Redis {
        key: String,
        request_hash: String,
    },
}

/// A first answer, to keep.
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

async fn claim(
    state: &AppState,
    request: &KeyedRequest<'_>,
    abandoned_after: chrono::Duration,
) -> Result<(Claim, Ticket), sea_orm::DbErr> {
    if let Some(redis) = &state.redis
        && let Some(claimed) = redis_keys::claim(redis, request, abandoned_after).await
    {
        return Ok(claimed);
    }
    let claim = idempotency::claim(&state.db, request, abandoned_after).await?;
    let id = match &claim {
        Claim::First(id) => *id,
        _ => uuid::Uuid::nil(),
    };
    Ok((claim, Ticket::Database(id)))
}

async fn complete(state: &AppState, ticket: &Ticket, answer: Answer) -> Result<(), String> {
    match ticket {
        Ticket::Database(id) => idempotency::complete(
            &state.db,
            *id,
            answer.status,
            answer.content_type,
            answer.body,
        )
        .await
        .map_err(|err| err.to_string()),
        Ticket::Redis { key, request_hash } => match &state.redis {
            Some(redis) => redis_keys::complete(redis, key, request_hash, answer).await,
            None => Err("Redis is no longer configured".to_owned()),
        },
    }
}

/// Frees a claimed key: its request failed on our side, so the client may use it again.
async fn release(state: &AppState, ticket: &Ticket) {
    let freed = match ticket {
        Ticket::Database(id) => idempotency::release(&state.db, *id)
            .await
            .map_err(|err| err.to_string()),
        Ticket::Redis { key, .. } => match &state.redis {
            Some(redis) => redis_keys::release(redis, key).await,
            None => Ok(()),
        },
    };
    if let Err(err) = freed {
        tracing::warn!(error = %err, "freeing an idempotency key failed");
    }
}

/// Keys in Redis: one string per (user, method, path, key) holding the request's fingerprint
/// and, once answered, the answer. A running claim expires when it counts as abandoned; an
/// answer is kept 24 hours.
mod redis_keys {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Serialize};
    use sha2::{Digest, Sha256};

    use super::{Answer, Ticket};
    use crate::db::queries::idempotency::{Claim, KEPT, KeyedRequest};
    use crate::redis_store::RedisStore;

    #[derive(Serialize, Deserialize)]
    struct Stored {
        hash: String,
        status: Option<u16>,
        content_type: Option<String>,
        /// base64
        body: Option<String>,
    }

    fn redis_key(request: &KeyedRequest<'_>) -> String {
        let mut digest = Sha256::new();
        for part in [request.method, request.path, request.key] {
            digest.update(part.as_bytes());
            digest.update([0]);
        }
        let digest: String = digest
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("et:idempotency:{}:{digest}", request.user.0)
    }

    fn millis(duration: chrono::Duration) -> u64 {
        u64::try_from(duration.num_milliseconds())
            .unwrap_or(1)
            .max(1)
    }

    /// `None` when Redis does not answer (the caller uses the database).
    pub(super) async fn claim(
        redis: &RedisStore,
        request: &KeyedRequest<'_>,
        abandoned_after: chrono::Duration,
    ) -> Option<(Claim, Ticket)> {
        let key = redis_key(request);
        let running = serde_json::to_string(&Stored {
            hash: request.request_hash.to_owned(),
            status: None,
            content_type: None,
            body: None,
        })
        .ok()?;
        let mut pipe = redis::pipe();
        pipe.cmd("SET")
            .arg(&key)
            .arg(running)
            .arg("NX")
            .arg("PX")
            .arg(millis(abandoned_after))
            .cmd("GET")
            .arg(&key);
        let (set, current): (Option<String>, Option<String>) = redis.query(&pipe).await?;
        let ticket = Ticket::Redis {
            key,
            request_hash: request.request_hash.to_owned(),
        };
        if set.is_some() {
            return Some((Claim::First(uuid::Uuid::nil()), ticket));
        }
        // Freed or expired since the SET: the client may retry.
        let Some(stored) = current.and_then(|c| serde_json::from_str::<Stored>(&c).ok()) else {
            return Some((Claim::Running, ticket));
        };
        if stored.hash != request.request_hash {
            return Some((Claim::OtherRequest, ticket));
        }
        let claim = match (stored.status, stored.body) {
            (Some(status), Some(body)) => Claim::Answered {
                status,
                content_type: stored.content_type,
                body: STANDARD.decode(body).ok()?,
            },
            _ => Claim::Running,
        };
        Some((claim, ticket))
    }

    pub(super) async fn complete(
        redis: &RedisStore,
        key: &str,
        request_hash: &str,
        answer: Answer,
    ) -> Result<(), String> {
        let stored = serde_json::to_string(&Stored {
            hash: request_hash.to_owned(),
            status: Some(answer.status),
            content_type: answer.content_type,
            body: Some(STANDARD.encode(&answer.body)),
        })
        .map_err(|err| err.to_string())?;
        let mut pipe = redis::pipe();
        pipe.cmd("SET")
            .arg(key)
            .arg(stored)
            .arg("PX")
            .arg(millis(KEPT))
            .ignore();
        redis
            .query::<()>(&pipe)
            .await
            .ok_or_else(|| "Redis did not answer".to_owned())
    }

    pub(super) async fn release(redis: &RedisStore, key: &str) -> Result<(), String> {
        let mut pipe = redis::pipe();
        pipe.cmd("DEL").arg(key).ignore();
        redis
            .query::<()>(&pipe)
            .await
            .ok_or_else(|| "Redis did not answer".to_owned())
    }
}

/// 1–255 printable ASCII characters.
fn valid_key(value: &HeaderValue) -> Option<String> {
    let bytes = value.as_bytes();
    let printable = bytes.iter().all(|b| (0x20..=0x7e).contains(b));
    (!bytes.is_empty() && bytes.len() <= 255 && printable)
        .then(|| String::from_utf8_lossy(bytes).into_owned())
}

/// The body's fingerprint: of its JSON with object keys sorted when it is JSON (so the same
/// document in another key order or spacing is the same request), else of its bytes.
fn request_hash(body: &[u8]) -> String {
    let canonical = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => canonical_json(&value).into_bytes(),
        Err(_) => body.to_vec(),
    };
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let fields: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| {
                    format!(
                        "{}:{}",
                        serde_json::Value::from(k.as_str()),
                        canonical_json(v)
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

fn replay(status: u16, content_type: Option<String>, body: Vec<u8>) -> Response {
    let status = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK);
    let mut response = (status, body).into_response();
    if let Some(content_type) = content_type.and_then(|ct| HeaderValue::from_str(&ct).ok()) {
        response.headers_mut().insert(CONTENT_TYPE, content_type);
    }
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_document_hashes_the_same_in_any_key_order() {
        let a = request_hash(br#"{"title": "A", "nested": {"x": 1, "y": [1, 2]}}"#);
        let b = request_hash(br#"{"nested":{"y":[1,2],"x":1},"title":"A"}"#);
        assert_eq!(a, b);
        assert_ne!(
            a,
            request_hash(br#"{"title": "B", "nested": {"x": 1, "y": [1, 2]}}"#)
        );
        assert_ne!(request_hash(b"[1,2]"), request_hash(b"[2,1]"));
    }

    #[test]
    fn keys_are_one_to_255_printable_ascii_characters() {
        let key = |s: &str| HeaderValue::from_str(s).ok().and_then(|v| valid_key(&v));
        assert!(key("a").is_some());
        assert!(key(&"k".repeat(255)).is_some());
        assert!(key(&"k".repeat(256)).is_none());
        assert!(key("").is_none());
        assert!(key("tab\there").is_none());
        assert!(
            HeaderValue::from_bytes("é".as_bytes())
                .ok()
                .and_then(|v| valid_key(&v))
                .is_none()
        );
    }
}
