//! Read snapshots: one connection and one consistent view of the database for a request that
//! reads many things at once (the overview).
//!
//! On PostgreSQL a snapshot is a REPEATABLE READ, READ ONLY transaction on a pooled sqlx
//! connection (under READ COMMITTED each statement would see its own). On an SQLite file
//! it is a read transaction on a synchronous `rusqlite` connection of our own, which SeaORM
//! drives through its pluggable (mock) connection interface: the very same SeaORM queries, without sqlx-sqlite's
//! hand-off of every statement and every row to the connection's worker thread, which made each
//! of the overview's statements cost ~0.2 ms of CPU, mostly in the kernel's scheduler
//! (docs/PERFORMANCE.md). The reads are synchronous, so they run on a blocking thread, at most
//! one per core at once ([`readers`]), under the caller's deadline: a lock wait ends at the deadline,
//! and a statement still running then is interrupted (API.md §8.1: the overview answers within
//! 2 s even while its database is stuck). The runtime's own threads never wait on SQLite.
//!
//! Rows come back to SeaORM as typed values, and SeaORM is strict about types, so each column is
//! decoded by the type its table declares (the declared types SeaORM's migrations write on
//! SQLite); computed columns by what SQLite holds. The overview tests run every query of the
//! overview through this path on SQLite, so a decoding gap shows there as a degraded section.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{OpenFlags, params_from_iter};
use sea_orm::sea_query::{OptionEnum, Value};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseConnectionType, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, MockDatabase, MockDatabaseConnection, MockDatabaseTrait, QueryResult,
    RuntimeErr, Statement, Transaction, TransactionTrait,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

use super::Db;

/// SQLite read connections kept idle for reuse.
pub const READ_CONNECTIONS: usize = 16;

/// How many SQLite reads run at once: one per core. The reads are CPU-bound (a few pages each,
/// mostly in SQLite's cache), so more threads only take turns on the cores, and each open
/// connection keeps a page cache of its own (docs/PERFORMANCE.md, 2026-11-29).
fn readers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
/// After the deadline, how long a reader has to notice it (its lock waits end at the deadline)
/// before it is interrupted.
const INTERRUPT_GRACE: Duration = Duration::from_millis(50);
/// Prepared statements kept per read connection: the overview issues about twenty distinct ones.
const STATEMENT_CACHE: usize = 64;
/// Each read connection's page cache, in KiB (SQLite's default is 2 MiB): a creator's rows
/// are spread over many pages, and a cache miss is a `pread` of the file.
const PAGE_CACHE_KIB: i64 = 8 * 1024;

/// Where read snapshots come from. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Snapshots {
    pool: Db,
    sqlite: Option<Arc<SqliteReadPool>>,
}

/// A consistent, read-only view of the database. Dropping it ends its transaction.
pub enum Snapshot {
    /// A read transaction on a pooled connection (PostgreSQL, or SQLite in memory). On
    /// PostgreSQL each statement in it ends at [`STATEMENT_TIMEOUT`].
    Pooled(DatabaseTransaction),
    /// A place to read an SQLite file on one of our synchronous connections: see
    /// [`SqliteReader::read`].
    Sqlite(SqliteReader),
}

/// How long one statement of a PostgreSQL snapshot may run: a statement stuck on a lock is
/// ended by the server, so its connection returns to the pool soon after the caller gave up.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(2);

/// A reserved SQLite read connection (one of [`readers`]) with its deadline.
pub struct SqliteReader {
    pool: Arc<SqliteReadPool>,
    deadline: tokio::time::Instant,
    _place: OwnedSemaphorePermit,
}

impl SqliteReader {
    /// Runs `read` in one read transaction, on a blocking thread, and returns what it gives, or
    /// `None` when it is still running at the deadline (it is then interrupted). Every lock
    /// wait of its statements ends at the deadline, and a statement after it fails at once, so
    /// a `read` that reports each part's outcome sees the parts that made it in time.
    pub async fn read<T, F, Fut>(self, read: F) -> Option<T>
    where
        T: Send + 'static,
        F: FnOnce(DatabaseConnection) -> Fut + Send + 'static,
        Fut: Future<Output = T>,
    {
        let SqliteReader {
            pool,
            deadline,
            _place,
        } = self;
        let interrupt = Arc::new(Mutex::new(None));
        let handle = tokio::runtime::Handle::current();
        let reading = Arc::clone(&interrupt);
        let task = tokio::task::spawn_blocking(move || {
            let _place = _place;
            let snapshot = SqliteSnapshot::begin(pool, deadline.into_std(), reading)?;
            let conn: DatabaseConnection = DatabaseConnectionType::MockDatabaseConnection(
                Arc::new(MockDatabaseConnection::new(snapshot)),
            )
            .into();
            Ok::<T, DbErr>(handle.block_on(read(conn)))
        });
        match tokio::time::timeout_at(deadline + INTERRUPT_GRACE, task).await {
            Ok(Ok(Ok(value))) => Some(value),
            Ok(Ok(Err(err))) => {
                tracing::warn!(error = %err, "no SQLite read transaction");
                None
            }
            Ok(Err(err)) => {
                tracing::error!(error = %err, "an SQLite read failed");
                None
            }
            Err(_) => {
                // Taken, so a connection already back in the pool is never interrupted.
                if let Some(handle) = lock(&interrupt).take() {
                    let handle: rusqlite::InterruptHandle = handle;
                    handle.interrupt();
                }
                None
            }
        }
    }
}

impl Snapshots {
    /// Snapshots of the database at `database_url`, which `pool` is connected to.
    pub fn new(pool: Db, database_url: &str) -> Self {
        let sqlite = sqlite_file(database_url).map(|path| {
            Arc::new(SqliteReadPool {
                path,
                idle: Mutex::new(Vec::new()),
                places: Arc::new(Semaphore::new(readers())),
            })
        });
        Self { pool, sqlite }
    }

    /// Snapshots as read transactions on the pool, whatever the database.
    pub fn pooled(pool: Db) -> Self {
        Self { pool, sqlite: None }
    }

    /// The pool, for what needs no snapshot.
    pub fn pool(&self) -> &Db {
        &self.pool
    }

    /// Opens a snapshot for reads that end by `deadline` (the caller bounds this call itself:
    /// it may wait for a connection).
    pub async fn open(&self, deadline: tokio::time::Instant) -> Result<Snapshot, DbErr> {
        match &self.sqlite {
            Some(reads) => {
                let place = Arc::clone(&reads.places)
                    .acquire_owned()
                    .await
                    .map_err(|_| DbErr::Custom("the SQLite readers are closed".to_owned()))?;
                Ok(Snapshot::Sqlite(SqliteReader {
                    pool: Arc::clone(reads),
                    deadline,
                    _place: place,
                }))
            }
            // REPEATABLE READ, or PostgreSQL gives each statement a snapshot of its own; one
            // round trip sets it and the statements' timeout.
            None if self.pool.get_database_backend() == DbBackend::Postgres => {
                let txn = self.pool.begin().await?;
                txn.execute_unprepared(&format!(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; \
                     SET LOCAL statement_timeout = {}",
                    STATEMENT_TIMEOUT.as_millis()
                ))
                .await?;
                Ok(Snapshot::Pooled(txn))
            }
            None => self.pool.begin().await.map(Snapshot::Pooled),
        }
    }
}

/// The file of an SQLite URL; `None` for PostgreSQL and in-memory databases (which only the
/// pool's own connections can see).
fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    use sea_orm::sqlx::sqlite::SqliteConnectOptions;
    if !database_url.starts_with("sqlite:")
        || database_url.contains(":memory:")
        || database_url.contains("mode=memory")
    {
        return None;
    }
    let options = SqliteConnectOptions::from_str(database_url).ok()?;
    let path = options.get_filename();
    (!path.as_os_str().is_empty()).then(|| path.to_path_buf())
}

#[derive(Debug)]
struct SqliteReadPool {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
    /// One per connection that may read at once.
    places: Arc<Semaphore>,
}

impl SqliteReadPool {
    fn checkout(&self) -> Result<rusqlite::Connection, DbErr> {
        if let Some(conn) = lock(&self.idle).pop() {
            return Ok(conn);
        }
        // Read-write without create, then query-only: a read-only connection cannot recover a
        // WAL file left by a crash, this one can, and it still refuses every write.
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite_err)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite_err)?;
        conn.pragma_update(None, "query_only", true)
            .map_err(sqlite_err)?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)
            .map_err(sqlite_err)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(conn)
    }

    fn checkin(&self, conn: rusqlite::Connection) {
        let mut idle = lock(&self.idle);
        if idle.len() < READ_CONNECTIONS {
            idle.push(conn);
        }
    }
}

/// A poisoned lock only means another request panicked while holding it; the connections
/// inside are still whole (each statement resets on its own).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One read transaction on one SQLite connection, as a SeaORM connection. (SeaORM calls its
/// pluggable connection "mock"; its `proxy` twin does not build with sqlx-sqlite in 2.0.4.)
struct SqliteSnapshot {
    conn: Option<rusqlite::Connection>,
    pool: Arc<SqliteReadPool>,
    deadline: std::time::Instant,
    /// Shared with the [`SqliteReader`] waiting for this read: it interrupts through it at the
    /// deadline, and whoever takes it first (that, or the end of the read) makes the other a
    /// no-op.
    interrupt: Arc<Mutex<Option<rusqlite::InterruptHandle>>>,
}

impl std::fmt::Debug for SqliteSnapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteSnapshot")
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

impl SqliteSnapshot {
    fn begin(
        pool: Arc<SqliteReadPool>,
        deadline: std::time::Instant,
        interrupt: Arc<Mutex<Option<rusqlite::InterruptHandle>>>,
    ) -> Result<Self, DbErr> {
        let conn = pool.checkout()?;
        *lock(&interrupt) = Some(conn.get_interrupt_handle());
        conn.execute_batch("BEGIN").map_err(sqlite_err)?;
        Ok(Self {
            conn: Some(conn),
            pool,
            deadline,
            interrupt,
        })
    }

    /// What is left of the deadline, as SQLite's lock-wait limit; an error once it has passed.
    fn before_deadline(&self, conn: &rusqlite::Connection) -> Result<(), DbErr> {
        let left = self
            .deadline
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(DbErr::Custom("the read's deadline has passed".to_owned()));
        }
        conn.busy_timeout(left).map_err(sqlite_err)
    }

    fn query_rows(&self, statement: &Statement) -> Result<Vec<BTreeMap<String, Value>>, DbErr> {
        // Logged where sqlx logs its statements, so `LOG_SQL` and bench/explain.py see these too.
        tracing::debug!(target: "sqlx::query", summary = ?statement.sql, "read snapshot");
        let conn = self
            .conn
            .as_ref()
            .ok_or_else(|| DbErr::Custom("the snapshot is closed".to_owned()))?;
        self.before_deadline(conn)?;
        let mut prepared = conn.prepare_cached(&statement.sql).map_err(sqlite_err)?;
        let columns: Vec<(String, Decode)> = prepared
            .columns()
            .iter()
            .map(|column| {
                let name = column.name().to_owned();
                let decode = Decode::of(&name, column.decl_type());
                (name, decode)
            })
            .collect();
        let params = statement
            .values
            .iter()
            .flat_map(|values| values.0.iter())
            .map(to_sql)
            .collect::<Result<Vec<_>, _>>()?;
        let mut rows = prepared
            .query(params_from_iter(params))
            .map_err(sqlite_err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(sqlite_err)? {
            let mut values = BTreeMap::new();
            for (index, (name, decode)) in columns.iter().enumerate() {
                let raw = row.get_ref(index).map_err(sqlite_err)?;
                values.insert(name.clone(), decode.value(raw)?);
            }
            out.push(values);
        }
        Ok(out)
    }
}

impl Drop for SqliteSnapshot {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Nothing was written; a connection that cannot end its transaction, or that was
            // interrupted (its handle already taken), is not reused.
            let interrupted = lock(&self.interrupt).take().is_none();
            if !interrupted && conn.execute_batch("ROLLBACK").is_ok() {
                self.pool.checkin(conn);
            }
        }
    }
}

impl MockDatabaseTrait for SqliteSnapshot {
    fn query(&mut self, _counter: usize, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let rows = self.query_rows(&statement)?;
        // SeaORM builds its results only from its own mock rows: hand ours over through one.
        MockDatabase::new(DbBackend::Sqlite)
            .append_query_results([rows])
            .query(0, statement)
    }

    fn execute(&mut self, _counter: usize, _statement: Statement) -> Result<ExecResult, DbErr> {
        Err(DbErr::Custom("a read snapshot does not write".to_owned()))
    }

    // The snapshot is its own transaction: SeaORM-level ones have nothing to add.
    fn begin(&mut self) {}
    fn commit(&mut self) {}
    fn rollback(&mut self) {}

    fn drain_transaction_log(&mut self) -> Vec<Transaction> {
        Vec::new()
    }

    fn get_database_backend(&self) -> DbBackend {
        DbBackend::Sqlite
    }

    fn ping(&self) -> Result<(), DbErr> {
        Ok(())
    }
}

/// How a result column becomes a SeaORM value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decode {
    Uuid,
    Timestamp,
    Date,
    Bool,
    Double,
    Json,
    Text,
    Int32,
    Int64,
    /// A computed column: by what SQLite holds.
    Dynamic,
}

/// Columns declared `integer` whose entity field is an `i32` (SQLite declares `i32` and `i64`
/// columns alike); `every_integer_column_decodes_to_its_entity_type` keeps this list true.
const I32_COLUMNS: [&str; 2] = ["priority", "energy_level"];

impl Decode {
    fn of(name: &str, declared: Option<&str>) -> Self {
        let Some(declared) = declared else {
            return Self::Dynamic;
        };
        match declared.to_ascii_lowercase().as_str() {
            "uuid_text" => Self::Uuid,
            "timestamp_with_timezone_text" => Self::Timestamp,
            "date_text" => Self::Date,
            "boolean" => Self::Bool,
            "double" => Self::Double,
            "jsonb_text" | "json_text" => Self::Json,
            "text" | "varchar" => Self::Text,
            "integer" if I32_COLUMNS.contains(&name) => Self::Int32,
            "integer" => Self::Int64,
            _ => Self::Dynamic,
        }
    }

    fn value(self, raw: ValueRef<'_>) -> Result<Value, DbErr> {
        let mismatch = || DbErr::Type(format!("cannot decode {raw:?} as {self:?}"));
        Ok(match (self, raw) {
            (Self::Uuid, ValueRef::Null) => Value::Uuid(None),
            (Self::Uuid, ValueRef::Blob(bytes)) => {
                Value::Uuid(Some(Uuid::from_slice(bytes).map_err(|_| mismatch())?))
            }
            (Self::Uuid, ValueRef::Text(text)) => Value::Uuid(Some(
                std::str::from_utf8(text)
                    .ok()
                    .and_then(|s| Uuid::parse_str(s).ok())
                    .ok_or_else(mismatch)?,
            )),
            (Self::Timestamp, ValueRef::Null) => Value::ChronoDateTimeUtc(None),
            (Self::Timestamp, ValueRef::Text(text)) => Value::ChronoDateTimeUtc(Some(
                std::str::from_utf8(text)
                    .ok()
                    .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                    .ok_or_else(mismatch)?
                    .with_timezone(&Utc),
            )),
            (Self::Date, ValueRef::Null) => Value::ChronoDate(None),
            (Self::Date, ValueRef::Text(text)) => Value::ChronoDate(Some(
                std::str::from_utf8(text)
                    .ok()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%F").ok())
                    .ok_or_else(mismatch)?,
            )),
            (Self::Bool, ValueRef::Null) => Value::Bool(None),
            (Self::Bool, ValueRef::Integer(i)) => Value::Bool(Some(i != 0)),
            (Self::Double, ValueRef::Null) => Value::Double(None),
            (Self::Double | Self::Dynamic, ValueRef::Real(f)) => Value::Double(Some(f)),
            // REAL affinity stores whole numbers as integers when it can.
            (Self::Double, ValueRef::Integer(i)) => Value::Double(Some(i as f64)),
            (Self::Json, ValueRef::Null) => Value::Json(None),
            (Self::Json, ValueRef::Text(text)) => Value::Json(Some(Box::new(
                serde_json::from_slice(text).map_err(|_| mismatch())?,
            ))),
            (Self::Text, ValueRef::Null) => Value::String(None),
            (Self::Text | Self::Dynamic, ValueRef::Text(text)) => Value::String(Some(
                std::str::from_utf8(text)
                    .map_err(|_| mismatch())?
                    .to_owned(),
            )),
            (Self::Int32, ValueRef::Null) => Value::Int(None),
            (Self::Int32, ValueRef::Integer(i)) => {
                Value::Int(Some(i32::try_from(i).map_err(|_| mismatch())?))
            }
            (Self::Int64, ValueRef::Null) => Value::BigInt(None),
            (Self::Int64 | Self::Dynamic, ValueRef::Integer(i)) => Value::BigInt(Some(i)),
            (Self::Dynamic, ValueRef::Blob(bytes)) => Value::Bytes(Some(bytes.to_vec())),
            // A computed NULL has no type to go by: queries read through snapshots give their
            // computed columns values (`COALESCE`) or read them as optional integers.
            (Self::Dynamic, ValueRef::Null) => Value::BigInt(None),
            _ => return Err(mismatch()),
        })
    }
}

/// A bound value, encoded as sqlx-sqlite encodes it (timestamps are compared as text, so the
/// format must be the same byte for byte).
fn to_sql(value: &Value) -> Result<SqlValue, DbErr> {
    let integer = |i: Option<i64>| i.map_or(SqlValue::Null, SqlValue::Integer);
    Ok(match value {
        Value::Bool(b) => integer(b.map(i64::from)),
        Value::TinyInt(i) => integer(i.map(i64::from)),
        Value::SmallInt(i) => integer(i.map(i64::from)),
        Value::Int(i) => integer(i.map(i64::from)),
        Value::BigInt(i) => integer(*i),
        Value::TinyUnsigned(i) => integer(i.map(i64::from)),
        Value::SmallUnsigned(i) => integer(i.map(i64::from)),
        Value::Unsigned(i) => integer(i.map(i64::from)),
        Value::BigUnsigned(i) => match i {
            Some(i) => SqlValue::Integer(
                i64::try_from(*i).map_err(|_| DbErr::Type(format!("{i} is out of range")))?,
            ),
            None => SqlValue::Null,
        },
        Value::Float(f) => f.map_or(SqlValue::Null, |f| SqlValue::Real(f64::from(f))),
        Value::Double(f) => f.map_or(SqlValue::Null, SqlValue::Real),
        Value::String(s) => s.clone().map_or(SqlValue::Null, SqlValue::Text),
        Value::Char(c) => c.map_or(SqlValue::Null, |c| SqlValue::Text(c.to_string())),
        Value::Enum(OptionEnum::Some(e)) => SqlValue::Text(e.value.to_string()),
        Value::Enum(OptionEnum::None(_)) => SqlValue::Null,
        Value::Bytes(b) => b.clone().map_or(SqlValue::Null, SqlValue::Blob),
        Value::Json(j) => j
            .as_ref()
            .map_or(SqlValue::Null, |j| SqlValue::Text(j.to_string())),
        Value::ChronoDate(d) => d.map_or(SqlValue::Null, |d| {
            SqlValue::Text(d.format("%F").to_string())
        }),
        Value::ChronoDateTimeUtc(t) => t.map_or(SqlValue::Null, |t| {
            SqlValue::Text(t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
        }),
        Value::Uuid(u) => u.map_or(SqlValue::Null, |u| SqlValue::Blob(u.as_bytes().to_vec())),
        other => {
            return Err(DbErr::Type(format!(
                "a read snapshot cannot bind {other:?}"
            )));
        }
    })
}

fn sqlite_err(err: rusqlite::Error) -> DbErr {
    DbErr::Query(RuntimeErr::Internal(format!("sqlite: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::entities::*;
    use sea_orm::sea_query::ColumnType;
    use sea_orm::{ColumnTrait, EntityTrait, IdenStatic, Iterable};

    fn integer_columns<E: EntityTrait>() -> Vec<(String, bool)> {
        E::Column::iter()
            .filter_map(|column| match column.def().get_column_type() {
                ColumnType::Integer => Some((column.as_str().to_owned(), true)),
                ColumnType::BigInteger => Some((column.as_str().to_owned(), false)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_integer_column_decodes_to_its_entity_type() {
        let columns = [
            integer_columns::<ai_prompt_history::Entity>(),
            integer_columns::<audit_entry::Entity>(),
            integer_columns::<brand::Entity>(),
            integer_columns::<creator_event::Entity>(),
            integer_columns::<creator_goal::Entity>(),
            integer_columns::<creator_insight::Entity>(),
            integer_columns::<creator_task::Entity>(),
            integer_columns::<deal::Entity>(),
            integer_columns::<deliverable::Entity>(),
            integer_columns::<invoice::Entity>(),
            integer_columns::<notification::Entity>(),
            integer_columns::<opportunity::Entity>(),
            integer_columns::<outreach_task::Entity>(),
            integer_columns::<payment::Entity>(),
            integer_columns::<payout::Entity>(),
            integer_columns::<social_account_connection::Entity>(),
            integer_columns::<talent::Entity>(),
            integer_columns::<user::Entity>(),
            integer_columns::<wellness_checkin::Entity>(),
        ]
        .concat();
        assert!(columns.iter().any(|(_, is_i32)| *is_i32));
        for (name, is_i32) in columns {
            let expected = if is_i32 { Decode::Int32 } else { Decode::Int64 };
            assert_eq!(Decode::of(&name, Some("INTEGER")), expected, "{name}");
        }
    }

    #[test]
    fn timestamps_bind_as_sqlx_writes_them() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T03:19:37.734534Z")
            .expect("timestamp")
            .with_timezone(&Utc);
        assert_eq!(
            to_sql(&Value::ChronoDateTimeUtc(Some(at))).expect("bind"),
            SqlValue::Text("2026-11-26T03:19:37.734534+00:00".to_owned())
        );
        let decoded = Decode::Timestamp
            .value(ValueRef::Text(b"2026-11-26T03:19:37.734534+00:00"))
            .expect("decode");
        assert_eq!(decoded, Value::ChronoDateTimeUtc(Some(at)));
    }

    #[test]
    fn uuids_round_trip_as_blobs() {
        let id = Uuid::new_v4();
        let bound = to_sql(&Value::Uuid(Some(id))).expect("bind");
        let SqlValue::Blob(bytes) = bound else {
            panic!("a uuid binds as a blob, got {bound:?}");
        };
        assert_eq!(
            Decode::Uuid.value(ValueRef::Blob(&bytes)).expect("decode"),
            Value::Uuid(Some(id))
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_not_a_guess() {
        assert!(Decode::Uuid.value(ValueRef::Integer(7)).is_err());
        assert!(Decode::Int32.value(ValueRef::Integer(i64::MAX)).is_err());
        assert!(
            Decode::Timestamp
                .value(ValueRef::Text(b"yesterday"))
                .is_err()
        );
    }

    #[test]
    fn only_sqlite_files_get_a_reader() {
        assert!(sqlite_file("postgres://postgres@127.0.0.1/test").is_none());
        assert!(sqlite_file("sqlite::memory:").is_none());
        assert_eq!(
            sqlite_file("sqlite:///tmp/x.db?mode=rwc"),
            Some(PathBuf::from("/tmp/x.db"))
        );
    }
}
