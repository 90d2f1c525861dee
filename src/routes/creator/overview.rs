//! `GET /api/creator/overview`: the whole portal in one call, cached per creator and
//! invalidated by every write about them; `ETag` with `If-None-Match` → 304.

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::cache::Cached;
use crate::db::queries::now;
use crate::error::AppResult;
use crate::overview::{self, Audience};
use crate::views::creator::OverviewView;

/// Everything the portal's home shows, at once. A section that fails is empty and named in
/// `degraded`; the answer is still 200.
#[utoipa::path(get, path = "/overview", tag = "creator",
    params(("If-None-Match" = Option<String>, Header, description = "An entity tag from an earlier answer")),
    responses(
        (status = 200, body = OverviewView, headers(("ETag" = String, description = "Entity tag of the sections"))),
        (status = 304, description = "Unchanged since the given entity tag"),
    ))]
pub async fn get_overview(
    State(state): State<AppState>,
    ctx: CreatorContext,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (generation, cached) = state.cache.get(ctx.talent_id).await;
    let cached = match cached {
        Some(cached) => cached,
        None => {
            let view = overview::build(
                &state.snapshots,
                ctx,
                Audience::Creator,
                now(),
                &state.overview_faults,
            )
            .await;
            let fresh = render(&view)?;
            // A degraded overview is not kept: the next call tries again.
            if view.degraded.is_empty() {
                state
                    .cache
                    .put(ctx.talent_id, generation, fresh.clone())
                    .await;
            }
            fresh
        }
    };
    Ok(respond(cached, &headers))
}

/// The JSON body and an entity tag over the sections (not `generatedAt`), so an unchanged
/// overview keeps its tag across recomputations and instances. The sections are serialized
/// once, for the tag and the body alike: the body is the view's own serialization (its
/// sections flattened after `generatedAt` and `degraded`), assembled around them.
fn render(view: &OverviewView) -> AppResult<Cached> {
    let OverviewView {
        generated_at,
        degraded,
        sections,
    } = view;
    let sections = serde_json::to_vec(sections).map_err(anyhow::Error::from)?;
    let mut body = Vec::with_capacity(sections.len() + 64);
    body.extend_from_slice(b"{\"generatedAt\":");
    serde_json::to_writer(&mut body, generated_at).map_err(anyhow::Error::from)?;
    body.extend_from_slice(b",\"degraded\":");
    serde_json::to_writer(&mut body, degraded).map_err(anyhow::Error::from)?;
    // `{"goals":…}` without its opening brace: the sections always have fields.
    body.push(b',');
    body.extend_from_slice(sections.get(1..).unwrap_or_default());
    Ok(Cached {
        etag: format!(
            "W/\"{:016x}{}\"",
            fnv1a(&sections),
            if degraded.is_empty() { "" } else { "-d" }
        ),
        body: Bytes::from(body),
    })
}

fn respond(cached: Cached, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&cached.etag).ok();
    let matches = headers
        .get(IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == cached.etag || tag.trim() == "*")
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(cached.body));
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    };
    let headers = response.headers_mut();
    if let Some(etag) = etag {
        headers.insert(ETAG, etag);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    response
}

/// FNV-1a, 64 bits: stable across processes (unlike `DefaultHasher`), enough to tell versions
/// of one creator's overview apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::creator::OverviewSections;

    #[test]
    fn the_body_is_the_views_own_serialization() {
        for degraded in [vec![], vec!["tasks".to_owned(), "deals".to_owned()]] {
            let view = OverviewView {
                generated_at: chrono::Utc::now(),
                degraded,
                sections: OverviewSections::default(),
            };
            let cached = render(&view).expect("render");
            let whole = serde_json::to_vec(&view).expect("serialize");
            assert_eq!(cached.body, Bytes::from(whole));
        }
    }
}
