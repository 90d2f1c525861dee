//! Read snapshots: one connection and one consistent view of the database for a request that
//! reads many things at once (the overview).
//!
//! On PostgreSQL a snapshot is a REPEATABLE READ, READ ONLY transaction on a pooled sqlx
//! connection (under READ COMMITTED each statement would see its own). On an SQLite file it is a
//! read transaction on a synchronous `rusqlite` connection of our own ([`SqliteSnapshot`]),
//! without sqlx-sqlite's hand-off of every statement and every row to the connection's worker
//! thread, which made each of the overview's statements cost ~0.2 ms of CPU, mostly in the
//! kernel's scheduler (docs/PERFORMANCE.md). Both are a [`Read`], the one door the overview's
//! query functions read through: the same statements, the same row decoding (`db::read`).
//!
//! The SQLite reads are synchronous, so they run on a blocking thread, at most one per core at
//! once ([`readers`]), under the caller's deadline: a lock wait ends at the deadline, and a
//! statement still running then is interrupted (API.md §8.1: the overview answers within 2 s
//! even while its database is stuck). The runtime's own threads never wait on SQLite.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::OpenFlags;
use rusqlite::types::Null;
use sea_orm::sea_query::{OptionEnum, Value};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, TransactionTrait};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Db;
use super::read::{FromRow, Read, sqlite_err};

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
    pub async fn read<T, F>(self, read: F) -> Option<T>
    where
        T: Send + 'static,
        F: AsyncFnOnce(&SqliteSnapshot) -> T + Send + 'static,
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
            Ok::<T, DbErr>(handle.block_on(read(&snapshot)))
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

/// One read transaction on one SQLite connection: a [`Read`] for the query functions.
pub struct SqliteSnapshot {
    /// Behind a mutex only so that the snapshot is `Sync`, as a [`Read`] is: one thread reads.
    conn: Mutex<Option<rusqlite::Connection>>,
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
            conn: Mutex::new(Some(conn)),
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

    fn run<R: FromRow>(&self, sql: &str, values: &[&Value]) -> Result<Vec<R>, DbErr> {
        // Logged where sqlx logs its statements, so `LOG_SQL` and bench/explain.py see these too.
        tracing::debug!(target: "sqlx::query", summary = ?sql, "read snapshot");
        let conn = lock(&self.conn);
        let conn = conn
            .as_ref()
            .ok_or_else(|| DbErr::Custom("the snapshot is closed".to_owned()))?;
        self.before_deadline(conn)?;
        let mut prepared = conn.prepare_cached(sql).map_err(sqlite_err)?;
        for (index, value) in values.iter().enumerate() {
            bind(&mut prepared, index + 1, value)?;
        }
        let mut rows = prepared.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(sqlite_err)? {
            out.push(R::from_row(row)?);
        }
        Ok(out)
    }
}

impl Read for SqliteSnapshot {
    fn backend(&self) -> DbBackend {
        DbBackend::Sqlite
    }

    async fn query<R: FromRow + Send>(
        &self,
        sql: &str,
        values: &[&Value],
    ) -> Result<Vec<R>, DbErr> {
        self.run(sql, values)
    }
}

impl Drop for SqliteSnapshot {
    fn drop(&mut self) {
        let conn = self
            .conn
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(conn) = conn {
            // Nothing was written; a connection that cannot end its transaction, or that was
            // interrupted (its handle already taken), is not reused.
            let interrupted = lock(&self.interrupt).take().is_none();
            if !interrupted && conn.execute_batch("ROLLBACK").is_ok() {
                self.pool.checkin(conn);
            }
        }
    }
}

/// Binds `value` as sqlx-sqlite encodes it (times are compared as text, so their format must be
/// the same byte for byte; UUIDs are 16-byte blobs), without copying text or bytes.
fn bind(statement: &mut rusqlite::Statement<'_>, index: usize, value: &Value) -> Result<(), DbErr> {
    fn integer(i: Option<impl Into<i64>>) -> Option<i64> {
        i.map(Into::into)
    }
    let bound = match value {
        Value::Bool(b) => statement.raw_bind_parameter(index, b.map(i64::from)),
        Value::TinyInt(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::SmallInt(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::Int(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::BigInt(i) => statement.raw_bind_parameter(index, *i),
        Value::TinyUnsigned(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::SmallUnsigned(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::Unsigned(i) => statement.raw_bind_parameter(index, integer(*i)),
        Value::BigUnsigned(i) => {
            let i = i
                .map(i64::try_from)
                .transpose()
                .map_err(|_| DbErr::Type(format!("{i:?} is out of range")))?;
            statement.raw_bind_parameter(index, i)
        }
        Value::Float(f) => statement.raw_bind_parameter(index, f.map(f64::from)),
        Value::Double(f) => statement.raw_bind_parameter(index, *f),
        Value::String(s) => statement.raw_bind_parameter(index, s.as_deref()),
        Value::Char(c) => statement.raw_bind_parameter(index, c.map(String::from)),
        Value::Enum(OptionEnum::Some(e)) => statement.raw_bind_parameter(index, &*e.value),
        Value::Enum(OptionEnum::None(_)) => statement.raw_bind_parameter(index, Null),
        Value::Bytes(b) => statement.raw_bind_parameter(index, b.as_deref()),
        Value::Json(j) => statement.raw_bind_parameter(index, j.as_ref().map(|j| j.to_string())),
        Value::ChronoDate(d) => {
            statement.raw_bind_parameter(index, d.map(|d| d.format("%F").to_string()))
        }
        Value::ChronoDateTimeUtc(t) => statement.raw_bind_parameter(index, t.map(sqlite_time)),
        Value::Uuid(u) => {
            statement.raw_bind_parameter(index, u.as_ref().map(|u| &u.as_bytes()[..]))
        }
        other => {
            return Err(DbErr::Type(format!(
                "a read snapshot cannot bind {other:?}"
            )));
        }
    };
    bound.map_err(sqlite_err)
}

/// A time as sqlx-sqlite writes it: RFC 3339, `+00:00`, the fraction only as long as needed.
fn sqlite_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::read::Field;
    use rusqlite::types::ValueRef;
    use uuid::Uuid;

    #[test]
    fn timestamps_bind_as_sqlx_writes_them() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T03:19:37.734534Z")
            .expect("timestamp")
            .with_timezone(&Utc);
        assert_eq!(sqlite_time(at), "2026-11-26T03:19:37.734534+00:00");
        let decoded =
            DateTime::<Utc>::from_sqlite(ValueRef::Text(b"2026-11-26T03:19:37.734534+00:00"))
                .expect("decode");
        assert_eq!(decoded, at);
    }

    #[test]
    fn uuids_read_from_blobs() {
        let id = Uuid::new_v4();
        assert_eq!(
            Uuid::from_sqlite(ValueRef::Blob(id.as_bytes())).expect("decode"),
            id
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_not_a_guess() {
        assert!(Uuid::from_sqlite(ValueRef::Integer(7)).is_err());
        assert!(i32::from_sqlite(ValueRef::Integer(i64::MAX)).is_err());
        assert!(DateTime::<Utc>::from_sqlite(ValueRef::Text(b"yesterday")).is_err());
        assert!(crate::db::entities::TaskStatus::from_sqlite(ValueRef::Text(b"lost")).is_err());
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
