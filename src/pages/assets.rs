//! The portal's stylesheet and script, compiled into the binary and served under a name that
//! carries a hash of their content, so a browser may keep them for a year and still never use
//! an old one.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

pub struct Asset {
    url: String,
    content_type: &'static str,
    body: &'static str,
}

impl Asset {
    fn new(stem: &str, extension: &str, content_type: &'static str, body: &'static str) -> Self {
        // FNV-1a: stable across builds and processes.
        let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Self {
            url: format!("/portal/static/{stem}.{:012x}.{extension}", hash >> 16),
            content_type,
            body,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

pub static STYLESHEET: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new(
        "portal",
        "css",
        "text/css; charset=utf-8",
        include_str!("../../static/portal.css"),
    )
});

pub static SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new(
        "portal",
        "js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/portal.js"),
    )
});

/// `GET /portal/static/{name}`: an asset by its hashed name, cached for a year.
pub async fn serve(Path(name): Path<String>) -> Response {
    let asset = [&*STYLESHEET, &*SCRIPT]
        .into_iter()
        .find(|asset| asset.url.rsplit('/').next() == Some(name.as_str()));
    match asset {
        Some(asset) => (
            [
                (CONTENT_TYPE, asset.content_type),
                (CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.body,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}
