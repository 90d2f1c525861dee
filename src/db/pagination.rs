//! Keyset pagination for every list: order by a few sort keys ending in the unique id, and
//! continue strictly after the last row's keys. Unlike offsets, a row inserted or deleted
//! while a client walks the pages cannot make another row appear twice or not at all.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Order, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One value of a sort key, as carried in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KeyValue {
    #[serde(rename = "u")]
    Uuid(Uuid),
    #[serde(rename = "t")]
    Time(DateTime<Utc>),
    #[serde(rename = "i")]
    Int(i64),
    #[serde(rename = "s")]
    Text(String),
}

/// The kind of value a sort key holds, so a forged cursor cannot bind a value of another type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Uuid,
    Time,
    Int,
    Text,
}

impl KeyValue {
    fn kind(&self) -> KeyKind {
        match self {
            Self::Uuid(_) => KeyKind::Uuid,
            Self::Time(_) => KeyKind::Time,
            Self::Int(_) => KeyKind::Int,
            Self::Text(_) => KeyKind::Text,
        }
    }

    fn into_expr(self) -> SimpleExpr {
        match self {
            Self::Uuid(v) => Expr::val(v),
            Self::Time(v) => Expr::val(v),
            Self::Int(v) => Expr::val(v),
            Self::Text(v) => Expr::val(v),
        }
    }
}

/// A sort key: an expression (a column, or e.g. `COALESCE(due_at, …)`; never NULL), its
/// direction and kind. The last key of a list must be unique (the id).
#[derive(Debug, Clone)]
pub struct SortKey {
    pub expr: SimpleExpr,
    pub descending: bool,
    pub kind: KeyKind,
}

impl SortKey {
    pub fn asc(expr: impl Into<SimpleExpr>, kind: KeyKind) -> Self {
        Self {
            expr: expr.into(),
            descending: false,
            kind,
        }
    }

    pub fn desc(expr: impl Into<SimpleExpr>, kind: KeyKind) -> Self {
        Self {
            expr: expr.into(),
            descending: true,
            kind,
        }
    }
}

/// What a client asked for: at most `limit` rows after the position `after`.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<Vec<KeyValue>>,
}

/// A page of rows and the keys of its last row when more follow.
#[derive(Debug, Clone)]
pub struct RowPage<M> {
    pub rows: Vec<M>,
    pub next: Option<Vec<KeyValue>>,
}

impl<M> RowPage<M> {
    pub fn map<T>(self, f: impl FnMut(M) -> T) -> RowPage<T> {
        RowPage {
            rows: self.rows.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// The position does not fit the list's sort keys (a cursor from another list, or forged).
#[derive(Debug, thiserror::Error)]
#[error("the cursor does not belong to this list")]
pub struct CursorMismatch;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Cursor(#[from] CursorMismatch),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Runs `select` ordered by `keys`, from after `page.after`, fetching one extra row to learn
/// whether another page follows.
pub async fn fetch_page<E, C>(
    db: &C,
    select: Select<E>,
    keys: &[SortKey],
    key_of: impl Fn(&E::Model) -> Vec<KeyValue>,
    page: &PageRequest,
) -> Result<RowPage<E::Model>, PageError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut select = select;
    if let Some(after) = &page.after {
        select = select.filter(after_condition(keys, after)?);
    }
    for key in keys {
        let order = if key.descending {
            Order::Desc
        } else {
            Order::Asc
        };
        select = select.order_by(key.expr.clone(), order);
    }
    let mut rows = select.limit(page.limit + 1).all(db).await?;
    let next = if rows.len() as u64 > page.limit {
        rows.truncate(page.limit as usize);
        rows.last().map(&key_of)
    } else {
        None
    };
    Ok(RowPage { rows, next })
}

/// `(k1, k2, …) > (v1, v2, …)` in the list's order, spelled out so that mixed directions work
/// on both databases: `k1 > v1 OR (k1 = v1 AND k2 > v2) OR …`.
fn after_condition(keys: &[SortKey], after: &[KeyValue]) -> Result<Condition, CursorMismatch> {
    if keys.len() != after.len() || keys.iter().zip(after).any(|(k, v)| k.kind != v.kind()) {
        return Err(CursorMismatch);
    }
    let mut any = Condition::any();
    for i in 0..keys.len() {
        let mut all = Condition::all();
        for (key, value) in keys[..i].iter().zip(&after[..i]) {
            all = all.add(key.expr.clone().eq(value.clone().into_expr()));
        }
        let (key, value) = (&keys[i], after[i].clone().into_expr());
        all = all.add(if key.descending {
            key.expr.clone().lt(value)
        } else {
            key.expr.clone().gt(value)
        });
        any = any.add(all);
    }
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_of_another_shape_is_refused() {
        let keys = [SortKey::asc(Expr::col("id"), KeyKind::Uuid)];
        assert!(after_condition(&keys, &[KeyValue::Int(3)]).is_err());
        assert!(after_condition(&keys, &[]).is_err());
        assert!(after_condition(&keys, &[KeyValue::Uuid(Uuid::nil())]).is_ok());
    }
}
