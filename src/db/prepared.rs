//! Statements built once. An overview runs the same sixteen statements every time, only with
//! other values: sea-query writes each one's SQL once per backend, and later calls bind their
//! values to the kept text. Building, cloning and dropping the statements' trees was a fifth of
//! an uncached overview's instructions (docs/PERFORMANCE.md, 2026-11-29).
//!
//! A [`Prepared`] is written like any other query, by a function of its parameters, but that
//! function gets a [`Param`] where each value goes, so the SQL cannot depend on the values
//! (what the statement's shape depends on, a limit or an optional filter, is fixed in it). Debug
//! builds, so every test, build each statement again with the real values and check that the
//! kept text and the bound values are exactly what that gives.

use std::sync::OnceLock;

use sea_orm::sea_query::{SelectStatement, Value};
use sea_orm::{DbBackend, DbErr};

use super::read::{FromRow, Read};

/// What stands for a value while a [`Prepared`] statement is built.
#[derive(Debug, Clone)]
pub struct Param(Value);

impl From<Param> for Value {
    fn from(param: Param) -> Self {
        param.0
    }
}

/// The text of a parameter's marker: no value a statement holds begins with a control
/// character.
const MARKER: &str = "\u{1}prepared parameter ";

impl Param {
    fn marker(index: usize) -> Self {
        Self(Value::String(Some(format!("{MARKER}{index}"))))
    }

    /// The parameter `value` marks, if it is a marker.
    fn index_of(value: &Value) -> Option<usize> {
        match value {
            Value::String(Some(text)) => text.strip_prefix(MARKER)?.parse().ok(),
            _ => None,
        }
    }
}

/// One or more statements, built by `build` from `P` parameters, in the order they run.
pub struct Prepared<const P: usize> {
    build: fn(DbBackend, [Param; P]) -> Vec<SelectStatement>,
    /// Built on first use, per backend: SQLite, PostgreSQL, MySQL.
    built: [OnceLock<Vec<Template>>; 3],
}

/// A statement's SQL, and where each of its values comes from.
#[derive(Debug)]
struct Template {
    sql: String,
    values: Vec<Slot>,
}

#[derive(Debug)]
enum Slot {
    Param(usize),
    Fixed(Value),
}

/// A statement with its values, ready for [`Read::query`].
#[derive(Debug)]
pub struct Bound<'a> {
    pub sql: &'a str,
    pub values: Vec<&'a Value>,
}

impl<const P: usize> Prepared<P> {
    pub const fn new(build: fn(DbBackend, [Param; P]) -> Vec<SelectStatement>) -> Self {
        Self {
            build,
            built: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    /// The statements for `backend`, each with `params` bound where its markers were.
    pub fn bind<'a>(&'a self, backend: DbBackend, params: &'a [Value; P]) -> Vec<Bound<'a>> {
        let slot = match backend {
            DbBackend::Sqlite => 0,
            DbBackend::Postgres => 1,
            _ => 2,
        };
        let templates = self.built[slot].get_or_init(|| {
            let markers = std::array::from_fn(Param::marker);
            (self.build)(backend, markers)
                .iter()
                .map(|statement| template(backend, statement))
                .collect()
        });
        let bound: Vec<Bound<'a>> = templates
            .iter()
            .map(|template| Bound {
                sql: &template.sql,
                values: template
                    .values
                    .iter()
                    .map(|slot| match slot {
                        // A marker's index is one of `0..P`: `build` got no others.
                        Slot::Param(index) => &params[*index],
                        Slot::Fixed(value) => value,
                    })
                    .collect(),
            })
            .collect();
        #[cfg(debug_assertions)]
        self.check(backend, params, &bound);
        bound
    }

    /// Runs the first statement with `params`, and decodes every row it returns.
    pub async fn rows<R: FromRow + Send>(
        &self,
        db: &impl Read,
        params: [Value; P],
    ) -> Result<Vec<R>, DbErr> {
        let bound = self.bind(db.backend(), &params);
        let first = bound
            .first()
            .ok_or_else(|| DbErr::Custom("a prepared read without a statement".to_owned()))?;
        db.query(first.sql, &first.values).await
    }

    /// Whether `bound` is what building the statements with the values themselves gives.
    #[cfg(debug_assertions)]
    fn check(&self, backend: DbBackend, params: &[Value; P], bound: &[Bound<'_>]) {
        let fresh = (self.build)(backend, params.clone().map(Param));
        assert_eq!(fresh.len(), bound.len(), "a prepared read's statements");
        for (statement, bound) in fresh.iter().zip(bound) {
            let fresh = backend.build(statement);
            assert_eq!(fresh.sql, bound.sql, "a prepared statement's SQL");
            let values: Vec<&Value> = fresh.values.iter().flat_map(|v| &v.0).collect();
            assert_eq!(values, bound.values, "a prepared statement's values");
        }
    }
}

fn template(backend: DbBackend, statement: &SelectStatement) -> Template {
    let built = backend.build(statement);
    let values = built
        .values
        .map(|values| values.0)
        .unwrap_or_default()
        .into_iter()
        .map(|value| match Param::index_of(&value) {
            Some(index) => Slot::Param(index),
            None => Slot::Fixed(value),
        })
        .collect();
    Template {
        sql: built.sql,
        values,
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

    use super::*;

    static TWO_PARAMS: Prepared<2> = Prepared::new(|_, [name, age]| {
        vec![
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("people"))
                .and_where(Expr::col(Alias::new("name")).eq(name.clone()))
                .and_where(Expr::col(Alias::new("kind")).eq("creator"))
                .and_where(Expr::col(Alias::new("age")).gt(age))
                .and_where(Expr::col(Alias::new("nickname")).ne(name))
                .to_owned(),
        ]
    });

    #[test]
    fn values_are_bound_where_their_markers_were_and_fixed_ones_stay() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let params = [Value::from("Ada"), Value::from(36i64)];
            let bound = TWO_PARAMS.bind(backend, &params);
            assert_eq!(bound.len(), 1);
            assert_eq!(
                bound[0].values,
                [
                    &Value::from("Ada"),
                    &Value::from("creator"),
                    &Value::from(36i64),
                    &Value::from("Ada")
                ]
            );
            // Kept: the second call binds new values to the same text.
            let params = [Value::from("Grace"), Value::from(85i64)];
            let again = TWO_PARAMS.bind(backend, &params);
            assert!(std::ptr::eq(bound[0].sql, again[0].sql));
            assert_eq!(again[0].values[0], &Value::from("Grace"));
            assert_eq!(again[0].values[2], &Value::from(85i64));
        }
    }

    #[test]
    fn a_marker_is_never_taken_for_a_value() {
        assert_eq!(Param::index_of(&Param::marker(3).0), Some(3));
        assert_eq!(Param::index_of(&Value::from("prepared parameter 3")), None);
        assert_eq!(Param::index_of(&Value::from(3i64)), None);
    }
}
