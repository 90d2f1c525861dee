//! `GET /api/openapi.json` (the generated OpenAPI 3.1 document) and `GET /docs`, a
//! self-contained reference page rendered from it (no script or stylesheet from elsewhere).

use std::fmt::Write;
use std::sync::Arc;

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use utoipa::openapi::{OpenApi, RefOr};

use crate::app::AppState;

pub fn router(openapi: OpenApi) -> Router<AppState> {
    let json: Arc<str> = openapi.to_pretty_json().unwrap_or_default().into();
    let html: Arc<str> = render(&openapi).into();
    Router::new()
        .route(
            "/api/openapi.json",
            get(move || {
                let json = json.clone();
                async move { ([(CONTENT_TYPE, "application/json")], json.to_string()).into_response() }
            }),
        )
        .route(
            "/docs",
            get(move || {
                let html = html.clone();
                async move { Html(html.to_string()) }
            }),
        )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One section per path and method: summary, description, parameters, body and responses.
fn render(openapi: &OpenApi) -> String {
    let mut page = String::new();
    let title = escape(&openapi.info.title);
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} API</title>\
         <style>body{{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}}\
         h2{{margin-top:2em;border-bottom:1px solid #ddd}}code{{background:#f4f4f4;padding:0 .3em}}\
         .op{{margin:1em 0;padding:.5em 1em;border-left:4px solid #4a7}}.m{{font-weight:bold;text-transform:uppercase}}\
         .r{{color:#555;font-size:13px}}</style></head><body><h1>{title} API reference</h1>\
         <p>{}</p><p>Machine-readable: <a href=\"/api/openapi.json\">/api/openapi.json</a> (OpenAPI 3.1). \
         Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/auth/login</code>.</p>",
        escape(openapi.info.description.as_deref().unwrap_or(""))
    );
    for (path, item) in &openapi.paths.paths {
        let operations = [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let _ = write!(
                page,
                "<div class=\"op\"><span class=\"m\">{method}</span> <code>{}</code>",
                escape(path)
            );
            if let Some(summary) = &operation.summary {
                let _ = write!(page, " — {}", escape(summary));
            }
            if let Some(description) = &operation.description {
                let _ = write!(page, "<p>{}</p>", escape(description));
            }
            if let Some(parameters) = &operation.parameters {
                let names: Vec<String> = parameters
                    .iter()
                    .map(|p| match p {
                        RefOr::T(p) => format!("<code>{}</code>", escape(&p.name)),
                        RefOr::Ref(r) => format!("<code>{}</code>", escape(&r.ref_location)),
                    })
                    .collect();
                if !names.is_empty() {
                    let _ = write!(
                        page,
                        "<div class=\"r\">parameters: {}</div>",
                        names.join(", ")
                    );
                }
            }
            let statuses: Vec<&str> = operation
                .responses
                .responses
                .keys()
                .map(String::as_str)
                .filter(|s| s.starts_with('2') || s.starts_with('3'))
                .collect();
            let _ = write!(
                page,
                "<div class=\"r\">success: {}</div></div>",
                statuses.join(", ")
            );
        }
    }
    page.push_str("<p class=\"r\">Errors are <code>application/problem+json</code> (RFC 9457).</p></body></html>");
    page
}
