//! The OpenAPI document describes what the service answers (issue 8): each response a demo
//! login gets is checked against the schema the document gives for its status, the way a
//! schema-driven fuzzer (`.ci/fuzz`) checks it.
//!
//! `schema_errors` is a small JSON Schema checker for the keywords utoipa writes: `$ref`,
//! `type` (one or several), `required`, `properties`, `additionalProperties`, `items`,
//! `oneOf`/`anyOf`/`allOf`, `enum`, `minimum`/`maximum` and `format: date-time|date|uuid`.

use exclusive_talent::seed::demo::{self, DEMO_PASSWORD};
use reqwest::Method;
use serde_json::Value;

use crate::helpers::{Resp, TestApp};

/// What is wrong with `value` under `schema`, one line per violation (empty: it conforms).
pub fn schema_errors(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    check(doc, schema, value, at, &mut errors);
    errors
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            let name = pointer.rsplit('/').next().unwrap_or_default();
            // A name may hold `/` escaped as `~1`; utoipa's do not, but `.` is common.
            doc.pointer(pointer)
                .or_else(|| doc["components"]["schemas"].get(name))
                .unwrap_or(&Value::Null)
        }
        None => schema,
    }
}

fn type_matches(ty: &str, value: &Value) -> bool {
    match ty {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => true,
    }
}

fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if schema.is_null() {
        errors.push(format!("{at}: unresolved schema"));
        return;
    }
    if let Some(ty) = schema.get("type") {
        let types: Vec<&str> = match ty {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.iter().any(|t| type_matches(t, value)) {
            errors.push(format!("{at}: {value} is not of type {types:?}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let (Some(min), Some(n)) = (schema.get("minimum"), value.as_f64())
        && min.as_f64().is_some_and(|min| n < min)
    {
        errors.push(format!("{at}: {n} is under the minimum {min}"));
    }
    if let (Some(max), Some(n)) = (schema.get("maximum"), value.as_f64())
        && max.as_f64().is_some_and(|max| n > max)
    {
        errors.push(format!("{at}: {n} is over the maximum {max}"));
    }
    if let (Some(format), Some(text)) =
        (schema.get("format").and_then(Value::as_str), value.as_str())
    {
        let ok = match format {
            "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            "date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
            "uuid" => uuid::Uuid::parse_str(text).is_ok(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: {text:?} is not a {format}"));
        }
    }
    for sub in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        check(doc, sub, value, at, errors);
    }
    for (keyword, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|option| schema_errors(doc, option, value, at).is_empty())
                .count();
            if passing == 0 || (exactly_one && passing > 1) {
                let why: Vec<String> = options
                    .iter()
                    .flat_map(|option| schema_errors(doc, option, value, at))
                    .collect();
                errors.push(format!(
                    "{at}: {passing} of the {keyword} options match: {why:?}"
                ));
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{at}: {name:?} is required"));
            }
        }
        for (name, field) in object {
            let path = format!("{at}.{name}");
            match (
                properties.and_then(|p| p.get(name)),
                schema.get("additionalProperties"),
            ) {
                (Some(sub), _) => check(doc, sub, field, &path, errors),
                (None, Some(Value::Bool(false))) => {
                    errors.push(format!("{path}: not in the schema"))
                }
                (None, Some(sub)) if sub.is_object() => check(doc, sub, field, &path, errors),
                (None, _) => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(doc, items, item, &format!("{at}[{i}]"), errors);
        }
    }
}

/// The violations of a response against what the document says `method path` answers with
/// that status and content type (a status the document does not list is itself one).
pub fn response_errors(doc: &Value, method: &str, template: &str, res: &Resp) -> Vec<String> {
    let operation = &doc["paths"][template][method];
    let Some(response) = operation["responses"].get(res.status.to_string()) else {
        return vec![format!(
            "{method} {template}: status {} is not documented",
            res.status
        )];
    };
    let response = resolve(doc, response);
    let Some(content) = response.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    let media = res.content_type().split(';').next().unwrap_or("").trim();
    let Some(media_type) = content.get(media) else {
        return vec![format!(
            "{method} {template} {}: content type {media:?} is not documented",
            res.status
        )];
    };
    schema_errors(doc, &media_type["schema"], &res.body, "body")
        .into_iter()
        .map(|e| format!("{method} {template} {}: {e}", res.status))
        .collect()
}

/// Calls every `GET` of the document that has no path parameter, for each login, and checks
/// every answer against its documented schema.
async fn every_get_conforms(app: &TestApp, doc: &Value, token: &str, prefix: &str) {
    let mut errors = Vec::new();
    let mut called = 0;
    for (template, item) in doc["paths"].as_object().expect("paths") {
        if !template.starts_with(prefix) || template.contains('{') || item.get("get").is_none() {
            continue;
        }
        let res = app.request(Method::GET, template, Some(token), None).await;
        assert!(res.status < 500, "{template}: {}", res.text);
        errors.extend(response_errors(doc, "get", template, &res));
        called += 1;
    }
    assert!(called >= 5, "only {called} operations under {prefix}");
    assert!(errors.is_empty(), "{errors:#?}");
}

#[tokio::test]
async fn every_list_and_view_matches_its_documented_schema_for_creator_and_staff() {
    // The admin and creator views share type names (`DealView` …); the document once held only
    // one of each, so the creator portal's answers were described by the agency's schemas.
    let app = TestApp::spawn().await;
    demo::seed(&app.db).await.expect("seed").expect("loaded");
    let doc = app
        .request(Method::GET, "/api/openapi.json", None, None)
        .await
        .body;
    for (email, prefix) in [
        ("maya@demo.agency", "/api/creator/"),
        ("admin@demo.agency", "/api/admin/"),
    ] {
        let login = app.login(email, DEMO_PASSWORD).await;
        let token = login.body["token"].as_str().expect("token").to_owned();
        every_get_conforms(&app, &doc, &token, prefix).await;
    }
}

/// The served document.
async fn served_document(app: &TestApp) -> Value {
    let res = app
        .request(Method::GET, "/api/openapi.json", None, None)
        .await;
    assert_eq!(res.status, 200);
    res.body
}

/// Every `(path, method, operation)` of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            if ["get", "put", "post", "delete", "patch", "head", "options"]
                .contains(&method.as_str())
            {
                all.push((path.clone(), method.clone(), operation.clone()));
            }
        }
    }
    all
}

/// Every `$ref` anywhere under `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(reference)) => out.push(reference.clone()),
                    _ => references(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

/// API.md §8.1: every operation has an operationId, each unique, and every `$ref` resolves.
#[tokio::test]
async fn every_operation_id_is_unique_and_every_ref_resolves() {
    let app = TestApp::spawn().await;
    let doc = served_document(&app).await;
    let mut seen = std::collections::HashMap::new();
    for (path, method, operation) in operations(&doc) {
        let id = operation["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} has no operationId"))
            .to_owned();
        if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
            panic!("operationId {id} names both {other} and {method} {path}");
        }
    }
    assert!(seen.contains_key("admin_list_goals") && seen.contains_key("creator_list_goals"));
    let mut refs = Vec::new();
    references(&doc, &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{reference} is not local"));
        // JSON pointers escape `/` as `~1` and `~` as `~0`; utoipa's names have neither.
        assert!(
            doc.pointer(pointer).is_some(),
            "{reference} does not resolve"
        );
    }
}

/// API.md §8.1: the unauthenticated endpoints declare no security; every other one the bearer.
#[tokio::test]
async fn unauthenticated_endpoints_declare_no_security() {
    let app = TestApp::spawn().await;
    let doc = served_document(&app).await;
    assert_eq!(doc["security"], serde_json::json!([{"bearer": []}]));
    let open = [
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/metrics", "get"),
        ("/api/auth/login", "post"),
        ("/ical/{file}", "get"),
        ("/oauth/callback/{platform}", "get"),
    ];
    for (path, method, operation) in operations(&doc) {
        let unauthenticated = open.contains(&(path.as_str(), method.as_str()));
        if unauthenticated {
            assert_eq!(
                operation["security"],
                serde_json::json!([]),
                "{method} {path}"
            );
            // And it really is open.
            let res = app
                .request(
                    Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                    &path,
                    None,
                    None,
                )
                .await;
            assert_ne!(res.status, 401, "{method} {path}");
        } else {
            assert!(
                operation.get("security").is_none(),
                "{method} {path} overrides the bearer"
            );
        }
    }
}

/// API.md §8.3 and §8.4: each v2 endpoint is in the document that `/docs` renders.
#[tokio::test]
async fn every_v2_endpoint_is_documented() {
    let app = TestApp::spawn().await;
    let doc = served_document(&app).await;
    let documented: Vec<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(path, method, _)| (path, method))
        .collect();
    for (path, method) in [
        ("/api/creator/calendar-feed", "post"),
        ("/api/creator/calendar-feed", "delete"),
        ("/ical/{file}", "get"),
        ("/api/creator/export", "get"),
        ("/api/admin/talents/{id}/erase", "post"),
        ("/api/admin/talents/{id}/preview/overview", "get"),
        ("/api/admin/webhooks", "get"),
        ("/api/admin/webhooks", "post"),
        ("/api/admin/webhooks/{id}", "get"),
        ("/api/admin/webhooks/{id}", "patch"),
        ("/api/admin/webhooks/{id}", "delete"),
        ("/api/admin/webhooks/{id}/deliveries", "get"),
        ("/oauth/callback/{platform}", "get"),
    ] {
        assert!(
            documented.contains(&(path.to_owned(), method.to_owned())),
            "{method} {path} is not in the document"
        );
    }
}
