//! Cursor pagination of API.md §1: `?limit=1..200` (default 50) and an opaque `?cursor=`,
//! answered with `{"items": [...], "nextCursor": "..." | null}`.
//!
//! The cursor is the last row's sort keys, base64url-encoded JSON; the keyset query itself is
//! in `db::pagination`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage};
use crate::error::AppError;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// `limit` and `cursor`, taken by every list endpoint.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `nextCursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    /// Checks the limit and decodes the cursor: a bad one is the client's error (400).
    pub fn request(&self) -> Result<PageRequest, AppError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::BadRequest(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        let after = match self.cursor.as_deref() {
            None | Some("") => None,
            Some(cursor) => Some(decode_cursor(cursor)?),
        };
        Ok(PageRequest { limit, after })
    }
}

fn decode_cursor(cursor: &str) -> Result<Vec<KeyValue>, AppError> {
    let bad = || AppError::BadRequest("cursor is not valid".to_owned());
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    serde_json::from_slice(&bytes).map_err(|_| bad())
}

fn encode_cursor(keys: &[KeyValue]) -> String {
    // Serializing plain enums of strings and numbers cannot fail.
    let json = serde_json::to_vec(keys).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Turns a page of rows into a page of views.
    pub fn from_rows<M>(page: RowPage<M>, view: impl FnMut(M) -> T) -> Self {
        let RowPage { rows, next } = page;
        Self {
            items: rows.into_iter().map(view).collect(),
            next_cursor: next.as_deref().map(encode_cursor),
        }
    }
}

impl From<PageError> for AppError {
    fn from(err: PageError) -> Self {
        match err {
            PageError::Cursor(_) => {
                AppError::BadRequest("cursor is not valid for this list".to_owned())
            }
            PageError::Db(db) => db.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() {
        let keys = vec![KeyValue::Int(3), KeyValue::Uuid(uuid::Uuid::now_v7())];
        assert_eq!(decode_cursor(&encode_cursor(&keys)).ok(), Some(keys));
    }

    #[test]
    fn limits_outside_1_to_200_are_refused() {
        for limit in [0, 201] {
            let params = PageParams {
                limit: Some(limit),
                cursor: None,
            };
            assert!(params.request().is_err());
        }
        assert_eq!(
            PageParams::default().request().map(|r| r.limit).ok(),
            Some(50)
        );
    }

    #[test]
    fn garbage_cursors_are_a_bad_request() {
        let params = PageParams {
            limit: None,
            cursor: Some("!!".into()),
        };
        assert!(matches!(params.request(), Err(AppError::BadRequest(_))));
    }
}
