//! Extractors whose rejections are [`AppError`]s, replacing axum's plain-text defaults:
//! malformed JSON → 400, wrong content type → 415, body too large → 413, unknown or
//! ill-typed fields → 422 naming each, a bad id in the path or a bad query string → 400.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequest, Path, Query, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{AppError, FieldError};
use crate::validation::{Checks, Validate};

/// A JSON body, parsed strictly (`deny_unknown_fields` on the type) and validated.
#[derive(Debug, Clone)]
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !has_json_content_type(&req) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = read_body(req, state).await?;
        parse_body(&bytes).map(AppJson)
    }
}

/// For endpoints whose body is optional (`POST /events/:id/accept`): no body at all is `None`.
impl<S, T> OptionalFromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Option<Self>, AppError> {
        let has_content_type = req.headers().contains_key(CONTENT_TYPE);
        if has_content_type && !has_json_content_type(&req) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = read_body(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        if !has_content_type {
            return Err(AppError::UnsupportedMediaType);
        }
        parse_body(&bytes).map(|body| Some(AppJson(body)))
    }
}

fn has_json_content_type(req: &Request) -> bool {
    let Some(value) = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state)
        .await
        .map_err(|rejection| match rejection {
            BytesRejection::FailedToBufferBody(_) if rejection.status().as_u16() == 413 => {
                AppError::PayloadTooLarge
            }
            other => AppError::BadRequest(other.body_text()),
        })
}

/// Parses and validates a body, collecting every unknown or ill-typed field: serde stops at
/// the first error, so each offending field is removed and parsing retried.
pub fn parse_body<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, AppError> {
    let mut value: Value = serde_json::from_slice(bytes)
        .map_err(|err| AppError::BadRequest(format!("malformed JSON: {err}")))?;
    let mut errors: Vec<FieldError> = Vec::new();
    // PostgreSQL's text cannot hold U+0000 (the insert would fail as a 500), and no field
    // has a use for it: refused up front, on both databases.
    nul_strings(&value, "", &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // Bounded: each round removes one field or stops.
    for _ in 0..64 {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(body) if errors.is_empty() => {
                let mut checks = Checks::default();
                body.validate(&mut checks);
                let errors = checks.into_errors();
                return if errors.is_empty() {
                    Ok(body)
                } else {
                    Err(AppError::Validation(errors))
                };
            }
            Ok(_) => break,
            Err(err) => {
                let (path, message) = describe(&err);
                if errors.iter().any(|e| e.field == path) || !remove_path(&mut value, &path) {
                    if !errors.iter().any(|e| e.field == path) {
                        errors.push(FieldError::new(path, message));
                    }
                    break;
                }
                errors.push(FieldError::new(path, message));
            }
        }
    }
    Err(AppError::Validation(errors))
}

/// Names each string (value or key) holding U+0000, by its path in serde_path_to_error's form.
fn nul_strings(value: &Value, path: &str, errors: &mut Vec<FieldError>) {
    let name = || {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(text) if text.contains('\0') => {
            errors.push(FieldError::new(name(), "must not contain NUL characters"));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nul_strings(item, &format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if key.contains('\0') {
                    errors.push(FieldError::new(name(), "must not contain NUL characters"));
                } else {
                    nul_strings(item, &child, errors);
                }
            }
        }
        _ => {}
    }
}

/// The JSON path of a serde error and a message fit for a client.
fn describe(err: &serde_path_to_error::Error<serde_json::Error>) -> (String, String) {
    let parent = err.path().to_string();
    let message = err.inner().to_string();
    // serde names the field itself, not its path, for unknown and missing fields.
    let named = |prefix: &str| {
        message.strip_prefix(prefix).and_then(|rest| {
            let rest = rest.strip_prefix('`')?;
            rest.split('`').next().map(str::to_owned)
        })
    };
    let join = |field: String| {
        if parent == "." || parent.is_empty() {
            field
        } else if parent == field || parent.ends_with(&format!(".{field}")) {
            parent.clone()
        } else {
            format!("{parent}.{field}")
        }
    };
    if let Some(field) = named("unknown field ") {
        return (join(field), "is not accepted by this endpoint".to_owned());
    }
    if let Some(field) = named("missing field ") {
        return (join(field), "is required".to_owned());
    }
    let path = if parent == "." {
        "body".to_owned()
    } else {
        parent
    };
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    (path, message)
}

/// Removes the field at a dotted path; false when there is nothing to remove.
fn remove_path(value: &mut Value, path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else {
        return false;
    };
    let mut current = value;
    for part in parts {
        let next = match current {
            Value::Object(map) => map.get_mut(part),
            _ => None,
        };
        let Some(next) = next else { return false };
        current = next;
    }
    match current {
        Value::Object(map) => map.remove(last).is_some(),
        _ => false,
    }
}

/// Path parameters; a malformed id is 400.
#[derive(Debug, Clone)]
pub struct AppPath<T>(pub T);

impl<S, T> FromRequestParts<S> for AppPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| AppPath(value))
            .map_err(|rejection: PathRejection| {
                AppError::BadRequest(format!("invalid path: {}", rejection.body_text()))
            })
    }
}

/// Query string parameters; a malformed one is 400.
#[derive(Debug, Clone)]
pub struct AppQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AppQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        // U+0000 can only arrive percent-encoded; PostgreSQL cannot compare text with it.
        let query = parts.uri.query().unwrap_or("");
        if query.to_ascii_lowercase().contains("%00") {
            return Err(AppError::BadRequest(
                "invalid query: NUL characters are not accepted".to_owned(),
            ));
        }
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| AppQuery(value))
            .map_err(|rejection: QueryRejection| {
                AppError::BadRequest(format!("invalid query: {}", rejection.body_text()))
            })
    }
}

/// For `PATCH` bodies: a field that, when sent, must hold a value (`null` is refused, 422).
/// Use with `#[serde(default, deserialize_with = "crate::extract::present")]` on an `Option<T>`:
/// absent → `None` (unchanged), a value → `Some`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// For `PATCH` bodies: a nullable field, telling absent from `null`. Use with
/// `#[serde(default, deserialize_with = "crate::extract::nullable")]` on an `Option<Option<T>>`:
/// absent → `None` (unchanged), `null` → `Some(None)` (cleared), a value → `Some(Some(v))`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct NewThing {
        title: String,
        #[allow(dead_code)]
        count: Option<i64>,
    }

    impl Validate for NewThing {
        fn validate(&self, check: &mut Checks) {
            check.text("title", &self.title, 5);
        }
    }

    fn fields(err: AppError) -> Vec<String> {
        match err {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn unknown_and_ill_typed_fields_are_all_named() {
        let body = br#"{"title": "ok", "creatorId": "x", "count": "many", "source": 1}"#;
        let err = parse_body::<NewThing>(body).unwrap_err();
        let mut names = fields(err);
        names.sort();
        assert_eq!(names, ["count", "creatorId", "source"]);
    }

    #[test]
    fn a_missing_field_is_named() {
        assert_eq!(
            fields(parse_body::<NewThing>(b"{}").unwrap_err()),
            ["title"]
        );
    }

    #[test]
    fn validation_runs_after_parsing() {
        let err = parse_body::<NewThing>(br#"{"title": "far too long"}"#).unwrap_err();
        assert_eq!(fields(err), ["title"]);
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(
            parse_body::<NewThing>(b"{\"title\": "),
            Err(AppError::BadRequest(_))
        ));
    }
}
