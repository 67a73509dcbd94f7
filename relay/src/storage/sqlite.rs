//! SQLite backend: one file, WAL mode, group commit.
//!
//! # Schema (`PRAGMA user_version = 1`)
//!
//! ```sql
//! CREATE TABLE groups (
//!     group_id    BLOB PRIMARY KEY,   -- 32 bytes
//!     last_cursor INTEGER NOT NULL,   -- highest cursor ever assigned, expired blobs included
//!     bytes_used  INTEGER NOT NULL    -- sum of length(envelope) of the group's stored blobs
//! );
//! CREATE TABLE blobs (
//!     group_id      BLOB NOT NULL,
//!     cursor        INTEGER NOT NULL,
//!     blob_id       BLOB NOT NULL,    -- 16 bytes
//!     origin        BLOB NOT NULL,    -- 16 bytes
//!     envelope      BLOB NOT NULL,    -- opaque ciphertext
//!     timestamp_ms  INTEGER NOT NULL, -- commit time, ms since the Unix epoch
//!     expires_at_ms INTEGER NOT NULL, -- ms since the Unix epoch
//!     PRIMARY KEY (group_id, cursor),
//!     UNIQUE (group_id, blob_id)
//! );
//! CREATE INDEX blobs_expires_at ON blobs (expires_at_ms);
//! ```
//!
//! Integers are stored as SQLite's signed 64-bit values; `u64` inputs above `i64::MAX`
//! (e.g. "never expires" as `u64::MAX`) are clamped to `i64::MAX`.
//!
//! # Why a writer thread
//!
//! `synchronous=FULL` makes every commit an fsync, which dominates the cost of a push. One
//! dedicated thread owns the only write connection and commits everything queued at once
//! (group commit): N concurrent pushes cost one fsync instead of N, and because cursors are
//! assigned by that single thread inside the transaction, they are gap-free and become
//! visible in cursor order without any locking in the async code. Reads never wait for it:
//! WAL readers see the last committed snapshot on their own connections, and checkpoints run
//! on a thread of their own (`checkpoint`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};
use tokio::sync::oneshot;

use super::{GroupId, NewBlob, Page, PushOutcome, Storage, StorageError, StoredBlob, checkpoint};

mod export;
pub use export::SqliteExport;

/// Value of `PRAGMA user_version` this code writes and understands.
const SCHEMA_VERSION: u32 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS groups (
    group_id    BLOB PRIMARY KEY,
    last_cursor INTEGER NOT NULL,
    bytes_used  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS blobs (
    group_id      BLOB NOT NULL,
    cursor        INTEGER NOT NULL,
    blob_id       BLOB NOT NULL,
    origin        BLOB NOT NULL,
    envelope      BLOB NOT NULL,
    timestamp_ms  INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (group_id, cursor),
    UNIQUE (group_id, blob_id)
);
CREATE INDEX IF NOT EXISTS blobs_expires_at ON blobs (expires_at_ms);
PRAGMA user_version = 1;
";

/// How long a connection waits for a lock held by another connection (or process) before
/// failing with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle read connections kept for reuse; more are opened on demand and closed after use.
const MAX_IDLE_READERS: usize = 4;

/// How much of the database file a read connection maps into memory (SQLite caps it at
/// 2 GiB; pages beyond, and pages still in the WAL, are read with `pread` as before).
///
/// Why: a blob of 64 KiB spans eight overflow pages, and without a mapping each is a `pread`
/// of its own. Measured here (pull of 64 KiB blobs through a loopback relay): those syscalls
/// and their kernel copies were ≈ 7 % of all CPU; mapped, the pull ran ≈ 10 % faster.
/// Only readers map: the writer and checkpointer keep plain I/O, and nothing here shrinks the
/// file under a mapping (no VACUUM, no auto_vacuum). The prices of a mapping: a disk error
/// while reading becomes SIGBUS instead of an error result, and pages read show up in the
/// relay's resident memory (they are the same page cache `pread` fills, and just as
/// reclaimable).
const READER_MMAP_BYTES: i64 = 1 << 31;

/// Tuning for [`SqliteStorage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SqliteConfig {
    /// Envelope bytes a group may hold; a push that would go over fails with
    /// [`StorageError::QuotaExceeded`].
    pub quota_bytes_per_group: u64,
    /// Most requests committed in one transaction. Bounds how long the first request of a
    /// batch waits for the others; 0 is treated as 1.
    pub max_batch: usize,
}

impl Default for SqliteConfig {
    fn default() -> Self {
        Self {
            quota_bytes_per_group: 1 << 30,
            max_batch: 512,
        }
    }
}

/// [`Storage`] in one SQLite file. Cheap to clone: clones share the writer thread and the
/// read connections. The writer thread stops when the last clone is dropped or on
/// [`Storage::close`]; reads keep working after `close`.
#[derive(Clone)]
pub struct SqliteStorage {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None` once closed. Requests are sent while holding the lock and `close` takes the
    /// sender out under it, so nothing can be queued behind the `Close` request.
    requests: Mutex<Option<mpsc::Sender<Request>>>,
    writer: Option<JoinHandle<()>>,
    commits: Arc<AtomicU64>,
    readers: Readers,
}

struct Request {
    op: Op,
    reply: oneshot::Sender<Result<Done, StorageError>>,
}

enum Op {
    Push { group: GroupId, blob: NewBlob },
    Expire { now_ms: u64 },
    Close,
}

enum Done {
    Pushed(PushOutcome),
    Expired(u64),
    Closed,
}

impl SqliteStorage {
    /// Opens (creating if missing) the database at `path` and starts the writer thread.
    ///
    /// Refuses a file whose schema version is newer than this code knows, rather than
    /// guessing at its layout.
    pub fn open(path: &Path, config: SqliteConfig) -> Result<Self, StorageError> {
        let mut conn = open_writer(path)?;
        let checkpointer = checkpoint::start(&mut conn, path)?;
        let commits = Arc::new(AtomicU64::new(0));
        let (tx, rx) = mpsc::channel();
        let writer = {
            let commits = Arc::clone(&commits);
            std::thread::Builder::new()
                .name("zerok-sqlite-writer".into())
                .spawn(move || {
                    // Closes the connection, which ends the checkpoint thread; then waits for it.
                    writer_loop(conn, rx, config, &commits);
                    drop(checkpointer);
                })
                .map_err(|e| backend(format!("cannot start writer thread: {e}")))?
        };
        Ok(Self {
            inner: Arc::new(Inner {
                requests: Mutex::new(Some(tx)),
                writer: Some(writer),
                commits,
                readers: Readers {
                    path: path.to_owned(),
                    idle: Mutex::new(Vec::new()),
                },
            }),
        })
    }

    /// Write transactions committed so far. Lower than the number of pushes when group
    /// commit batched them; exposed for metrics and tests.
    pub fn commits(&self) -> u64 {
        self.inner.commits.load(Ordering::Relaxed)
    }

    async fn request(&self, op: Op) -> Result<Done, StorageError> {
        let (reply, answer) = oneshot::channel();
        {
            let requests = lock(&self.inner.requests);
            let sender = requests.as_ref().ok_or(StorageError::Closed)?;
            sender
                .send(Request { op, reply })
                .map_err(|_| writer_gone())?;
        }
        answer.await.map_err(|_| writer_gone())?
    }

    /// Runs `f` on a pooled read connection on tokio's blocking pool.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let inner = Arc::clone(&self.inner);
        let result = tokio::task::spawn_blocking(move || inner.readers.with(f))
            .await
            .map_err(|e| backend(format!("read task failed: {e}")))
            .and_then(|r| r);
        if let Err(e) = &result {
            crate::metrics::storage_error(e);
        }
        result
    }
}

impl Storage for SqliteStorage {
    async fn push(&self, group: GroupId, blob: NewBlob) -> Result<PushOutcome, StorageError> {
        match self.request(Op::Push { group, blob }).await? {
            Done::Pushed(outcome) => Ok(outcome),
            _ => Err(backend("writer answered a push with something else")),
        }
    }

    async fn pull(
        &self,
        group: GroupId,
        after: u64,
        limit: u32,
        max_bytes: usize,
        now_ms: u64,
    ) -> Result<Page, StorageError> {
        self.read(move |conn| pull(conn, group, after, limit, max_bytes, now_ms))
            .await
    }

    async fn latest_cursor(&self, group: GroupId) -> Result<u64, StorageError> {
        self.read(move |conn| {
            conn.query_row(
                "SELECT last_cursor FROM groups WHERE group_id = ?1",
                [group],
                |row| get_u64(row, 0),
            )
            .optional()
            .map(Option::unwrap_or_default)
        })
        .await
    }

    async fn expire(&self, now_ms: u64) -> Result<u64, StorageError> {
        match self.request(Op::Expire { now_ms }).await? {
            Done::Expired(count) => Ok(count),
            _ => Err(backend("writer answered an expire with something else")),
        }
    }

    /// The writer is still taking requests and a read connection answers a query.
    async fn ping(&self) -> Result<(), StorageError> {
        if lock(&self.inner.requests).is_none() {
            return Err(StorageError::Closed);
        }
        self.read(|conn| conn.query_row("SELECT 1", [], |_| Ok(())))
            .await
    }

    async fn close(&self) {
        let (reply, answer) = oneshot::channel();
        let request = Request {
            op: Op::Close,
            reply,
        };
        let sender = lock(&self.inner.requests).take();
        if sender.is_some_and(|sender| sender.send(request).is_ok()) {
            // Err only if the writer died, in which case there is nothing left to wait for.
            let _ = answer.await;
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Disconnecting the channel makes the writer finish what is queued and return. Joining
        // blocks at most for one batch; it guarantees the file is closed when drop returns, so
        // it can be reopened right away.
        lock(&self.requests).take();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// A poisoned lock here guards only an `Option<Sender>` or idle connections, which a panic
/// cannot leave half-updated, so the poison is ignored.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn backend(message: impl std::fmt::Display) -> StorageError {
    StorageError::Backend(message.to_string())
}

fn writer_gone() -> StorageError {
    backend("sqlite writer thread stopped")
}

fn open_writer(path: &Path) -> Result<Connection, StorageError> {
    let context = |e: rusqlite::Error| backend(format!("{}: {e}", path.display()));
    let mut conn = Connection::open(path).map_err(context)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(context)?;
    // Checked before anything writes to the file, so a newer relay's database stays untouched.
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(context)?;
    if version > SCHEMA_VERSION {
        return Err(backend(format!(
            "{}: database schema version {version} is newer than the {SCHEMA_VERSION} this \
             relay supports; upgrade the relay",
            path.display()
        )));
    }
    // 8 KiB pages, a trade measured here (synchronous=FULL, whole relay on loopback). A
    // commit writes every page it touched as a WAL frame: a one-push commit touches five (the
    // blob's, three index pages, the group's), so small pages make it cheaper, while a 64 KiB
    // envelope spans fewer overflow pages when they are big. Against SQLite's 4 KiB, 8 KiB
    // stores 64 KiB blobs ≈ 1.15× faster and keeps push → live receive as fast; 16 KiB pushes
    // 64 KiB blobs ≈ 4 % faster still, but push → live p50 rose from ≈ 3.6 to 4.4 round trips.
    // Takes effect only in a new file (before WAL is enabled); older files keep theirs.
    conn.execute_batch("PRAGMA page_size = 8192")
        .map_err(context)?;
    // WAL lets readers run beside the writer; FULL makes every commit durable across power
    // loss and SIGKILL, which is what a push acknowledgement promises.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(context)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(backend(format!(
            "{}: cannot enable WAL (journal_mode is {mode})",
            path.display()
        )));
    }
    conn.execute_batch("PRAGMA synchronous = FULL")
        .map_err(context)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(context)?;
    tx.execute_batch(SCHEMA).map_err(context)?;
    tx.commit().map_err(context)?;
    Ok(conn)
}

/// Blocks for one request, takes whatever else is already queued, and commits it all in one
/// transaction; replies go out only after the commit.
fn writer_loop(
    conn: Connection,
    requests: mpsc::Receiver<Request>,
    config: SqliteConfig,
    commits: &AtomicU64,
) {
    let max_batch = config.max_batch.max(1);
    let mut statements = match Statements::prepare(&conn) {
        Ok(statements) => statements,
        Err(e) => {
            // Unreachable with the schema `open` created; answer rather than hang if it is.
            let error = backend(e);
            while let Ok(request) = requests.recv() {
                let _ = request.reply.send(Err(error.clone()));
            }
            return;
        }
    };
    while let Ok(first) = requests.recv() {
        let mut batch = vec![first];
        while batch.len() < max_batch {
            match requests.try_recv() {
                Ok(request) => batch.push(request),
                Err(_) => break,
            }
        }
        let closing = batch.iter().any(|r| matches!(r.op, Op::Close));
        let started = std::time::Instant::now();
        match run_batch(&conn, &mut statements, &batch, config.quota_bytes_per_group) {
            Ok(Some(answers)) => {
                crate::metrics::commit(batch.len(), started.elapsed());
                commits.fetch_add(1, Ordering::Relaxed);
                for (request, answer) in batch.into_iter().zip(answers) {
                    let _ = request.reply.send(answer);
                }
            }
            Ok(None) => {
                for request in batch {
                    let _ = request.reply.send(Ok(Done::Closed));
                }
            }
            Err(e) => {
                // Nothing of the batch was committed (the transaction rolled back), so every
                // request in it fails, including ones that were fine on their own.
                tracing::error!(error = %e, requests = batch.len(), "sqlite batch failed");
                let error = backend(e);
                crate::metrics::storage_error(&error);
                for request in batch {
                    let _ = request.reply.send(Err(error.clone()));
                }
            }
        }
        if closing {
            return;
        }
    }
}

/// Applies a batch in one `BEGIN IMMEDIATE` transaction. `Ok(None)` when it has nothing to
/// write (only `Close`). An `Err` aborts the whole batch; per-request refusals (quota) are
/// `Ok` answers holding an `Err`.
fn run_batch(
    conn: &Connection,
    statements: &mut Statements<'_>,
    batch: &[Request],
    quota: u64,
) -> rusqlite::Result<Option<Vec<Result<Done, StorageError>>>> {
    if batch.iter().all(|r| matches!(r.op, Op::Close)) {
        return Ok(None);
    }
    // Unchecked only in that it takes `&Connection`: the statements borrow it for the
    // thread's lifetime, and this thread is its only user.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let answers = {
        let mut writer = BatchWriter {
            tx: &tx,
            statements,
            quota,
            now_ms: now_ms(),
        };
        batch
            .iter()
            .map(|request| writer.apply(&request.op))
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    tx.commit()?;
    Ok(Some(answers))
}

/// The writer's statements, prepared once for the thread's lifetime (the crate is built
/// without rusqlite's statement cache): compiling them per batch cost about as much as
/// executing them for a one-push commit.
struct Statements<'c> {
    find_blob: rusqlite::Statement<'c>,
    load_group: rusqlite::Statement<'c>,
    insert_blob: rusqlite::Statement<'c>,
    save_group: rusqlite::Statement<'c>,
}

impl<'c> Statements<'c> {
    fn prepare(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Self {
            find_blob: conn.prepare(
                "SELECT cursor, timestamp_ms FROM blobs WHERE group_id = ?1 AND blob_id = ?2",
            )?,
            load_group: conn
                .prepare("SELECT last_cursor, bytes_used FROM groups WHERE group_id = ?1")?,
            insert_blob: conn.prepare(
                "INSERT INTO blobs \
                 (group_id, cursor, blob_id, origin, envelope, timestamp_ms, expires_at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            save_group: conn.prepare(
                "INSERT INTO groups (group_id, last_cursor, bytes_used) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (group_id) DO UPDATE \
                 SET last_cursor = excluded.last_cursor, bytes_used = excluded.bytes_used",
            )?,
        })
    }
}

/// Applies one batch's requests inside its transaction. Each request sees the effects of the
/// ones before it, which is what makes a repeated `blob_id` within one batch come out as a
/// duplicate.
struct BatchWriter<'t, 'c> {
    tx: &'t Transaction<'t>,
    statements: &'t mut Statements<'c>,
    quota: u64,
    now_ms: u64,
}

impl BatchWriter<'_, '_> {
    fn apply(&mut self, op: &Op) -> rusqlite::Result<Result<Done, StorageError>> {
        match op {
            Op::Push { group, blob } => self.push(group, blob),
            Op::Expire { now_ms } => self.expire(*now_ms).map(|n| Ok(Done::Expired(n))),
            Op::Close => Ok(Ok(Done::Closed)),
        }
    }

    fn push(
        &mut self,
        group: &GroupId,
        blob: &NewBlob,
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        let existing = self
            .statements
            .find_blob
            .query_row((group, blob.blob_id), |row| {
                Ok((get_u64(row, 0)?, get_u64(row, 1)?))
            })
            .optional()?;
        if let Some((cursor, timestamp_ms)) = existing {
            return Ok(Ok(Done::Pushed(PushOutcome {
                cursor,
                duplicate: true,
                timestamp_ms,
            })));
        }
        let (last_cursor, used) = self
            .statements
            .load_group
            .query_row([group], |row| Ok((get_u64(row, 0)?, get_u64(row, 1)?)))
            .optional()?
            .unwrap_or_default();
        let needed = blob.envelope.len() as u64;
        if used.saturating_add(needed) > self.quota {
            return Ok(Err(StorageError::QuotaExceeded {
                used,
                quota: self.quota,
                needed,
            }));
        }
        let cursor = last_cursor + 1;
        self.statements.insert_blob.execute((
            group,
            sql_int(cursor),
            blob.blob_id,
            blob.origin,
            &blob.envelope,
            sql_int(self.now_ms),
            sql_int(blob.expires_at_ms),
        ))?;
        self.statements
            .save_group
            .execute((group, sql_int(cursor), sql_int(used + needed)))?;
        Ok(Ok(Done::Pushed(PushOutcome {
            cursor,
            duplicate: false,
            timestamp_ms: self.now_ms,
        })))
    }

    /// Frees the groups' bytes first (the sums need the rows), then deletes. `last_cursor`
    /// stays: cursors are never reused.
    fn expire(&mut self, now_ms: u64) -> rusqlite::Result<u64> {
        let now = sql_int(now_ms);
        self.tx.execute(
            "UPDATE groups SET bytes_used = MAX(0, bytes_used - (
                 SELECT COALESCE(SUM(length(envelope)), 0) FROM blobs
                 WHERE blobs.group_id = groups.group_id AND blobs.expires_at_ms <= ?1))
             WHERE group_id IN (SELECT group_id FROM blobs WHERE expires_at_ms <= ?1)",
            [now],
        )?;
        let deleted = self
            .tx
            .execute("DELETE FROM blobs WHERE expires_at_ms <= ?1", [now])?;
        Ok(deleted as u64)
    }
}

fn pull(
    conn: &Connection,
    group: GroupId,
    after: u64,
    limit: u32,
    max_bytes: usize,
    now_ms: u64,
) -> rusqlite::Result<Page> {
    // "Always at least one blob" wins over a zero limit, as it does over max_bytes, so a
    // client can never stall on an empty page while blobs remain.
    let limit = limit.max(1) as usize;
    let mut stmt = conn.prepare(
        "SELECT cursor, blob_id, origin, timestamp_ms, envelope FROM blobs \
         WHERE group_id = ?1 AND cursor > ?2 AND expires_at_ms > ?3 \
         ORDER BY cursor LIMIT ?4",
    )?;
    // One row past the limit tells whether there is more.
    let mut rows = stmt.query((group, sql_int(after), sql_int(now_ms), limit as i64 + 1))?;
    let mut blobs = Vec::new();
    let mut bytes = 0usize;
    while let Some(row) = rows.next()? {
        // Borrowed, so the row that ends the page is measured without being copied.
        let envelope = row.get_ref(4)?.as_blob()?;
        let over_bytes = bytes.saturating_add(envelope.len()) > max_bytes;
        if blobs.len() == limit || (over_bytes && !blobs.is_empty()) {
            return Ok(Page {
                blobs,
                has_more: true,
            });
        }
        bytes = bytes.saturating_add(envelope.len());
        blobs.push(StoredBlob {
            cursor: get_u64(row, 0)?,
            blob_id: row.get(1)?,
            origin: row.get(2)?,
            timestamp_ms: get_u64(row, 3)?,
            envelope: envelope.to_vec(),
        });
    }
    Ok(Page {
        blobs,
        has_more: false,
    })
}

/// Read connections, reused across calls. Read-only, so a bug here cannot write.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StorageError> {
        let pooled = lock(&self.idle).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => self.open().map_err(backend)?,
        };
        let result = f(&conn).map_err(backend);
        let mut idle = lock(&self.idle);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        result
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "mmap_size", READER_MMAP_BYTES)?;
        Ok(conn)
    }
}

/// SQLite integers are i64; values beyond that only come from "far future" inputs, for which
/// `i64::MAX` means the same thing.
fn sql_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn get_u64(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(idx)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, value))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    use tempfile::TempDir;

    use super::*;
    use crate::storage::contract_tests::{
        self, Backend, G, NEVER, blob, pull_all, storage_contract_tests,
    };

    fn open(dir: &TempDir, config: SqliteConfig) -> SqliteStorage {
        SqliteStorage::open(&dir.path().join("relay.db"), config).unwrap()
    }

    /// A database file in a temp dir of its own.
    struct SqliteBackend(TempDir);

    impl SqliteBackend {
        fn new() -> Self {
            Self(TempDir::new().unwrap())
        }
    }

    impl Backend for SqliteBackend {
        type S = SqliteStorage;

        async fn open(&self, quota_bytes_per_group: u64) -> SqliteStorage {
            let config = SqliteConfig {
                quota_bytes_per_group,
                ..SqliteConfig::default()
            };
            open(&self.0, config)
        }

        async fn bytes_used(&self, group: GroupId) -> u64 {
            let conn = Connection::open(self.0.path().join("relay.db")).unwrap();
            conn.query_row(
                "SELECT bytes_used FROM groups WHERE group_id = ?1",
                [group],
                |r| get_u64(r, 0),
            )
            .unwrap()
        }
    }

    storage_contract_tests!(SqliteBackend::new());

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_pushes_get_gap_free_cursors_in_few_commits() {
        let backend = SqliteBackend::new();
        let s = contract_tests::concurrent_pushes_get_gap_free_cursors(&backend).await;
        let commits = s.commits();
        assert!(
            commits > 0 && commits < 400,
            "no batching: {commits} commits"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn new_files_get_8k_pages_and_older_files_keep_theirs() {
        let page_size = |path: &Path| -> u32 {
            Connection::open(path)
                .unwrap()
                .pragma_query_value(None, "page_size", |row| row.get(0))
                .unwrap()
        };
        let dir = TempDir::new().unwrap();
        let s = open(&dir, SqliteConfig::default());
        s.push(G, blob(1, 70_000, NEVER)).await.unwrap();
        drop(s);
        assert_eq!(page_size(&dir.path().join("relay.db")), 8192);

        // A database made with SQLite's default pages (an earlier relay) opens as it is.
        let old = dir.path().join("old.db");
        Connection::open(&old)
            .unwrap()
            .execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
        let s = SqliteStorage::open(&old, SqliteConfig::default()).unwrap();
        assert_eq!(s.push(G, blob(1, 70_000, NEVER)).await.unwrap().cursor, 1);
        assert_eq!(pull_all(&s, G).await.len(), 1);
        drop(s);
        assert_eq!(page_size(&old), 4096);
    }

    /// The checkpoint thread copies the WAL into the database file once it passes 1000
    /// frames; the writer alone would not before 10,000.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_checkpoint_thread_copies_the_wal_into_the_database() {
        let dir = TempDir::new().unwrap();
        let s = open(&dir, SqliteConfig::default());
        let db = dir.path().join("relay.db");
        // 200 blobs of 40 KiB: at least 5 frames each, ≈ 8 MiB in all.
        for id in 0..200 {
            s.push(G, blob(id, 40_000, NEVER)).await.unwrap();
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::fs::metadata(&db).unwrap().len() < 4_000_000 {
            assert!(
                std::time::Instant::now() < deadline,
                "nothing was checkpointed into {}",
                db.display()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(pull_all(&s, G).await.len(), 200);
    }

    /// Reads go through a mapping of the file (see [`READER_MMAP_BYTES`]); an SQLite built
    /// without memory-mapped I/O would quietly report 0 and read page by page.
    #[test]
    fn read_connections_map_the_database_file() {
        let dir = TempDir::new().unwrap();
        let s = open(&dir, SqliteConfig::default());
        let mapped: i64 = s
            .inner
            .readers
            .with(|c| c.pragma_query_value(None, "mmap_size", |row| row.get(0)))
            .unwrap();
        assert!(mapped >= 1 << 30, "read connections map {mapped} bytes");
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 2")
            .unwrap();
        let Err(StorageError::Backend(message)) =
            SqliteStorage::open(&path, SqliteConfig::default())
        else {
            panic!("opened a database from the future");
        };
        assert!(message.contains("newer"), "{message}");
    }

    const CHILD_DB: &str = "ZEROK_SQLITE_TEST_CHILD_DB";

    /// Runs this test binary as a child that pushes until SIGKILLed, then checks that every
    /// push it saw acknowledged is in the reopened file.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn acknowledged_pushes_survive_sigkill() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "storage::sqlite::tests::sigkill_child"])
            .args(["--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_DB, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut acked = Vec::new();
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            if let Some(cursor) = line.unwrap().strip_prefix("acked ") {
                acked.push(cursor.parse::<u64>().unwrap());
                if acked.len() == 200 {
                    break;
                }
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        assert_eq!(acked.len(), 200, "child stopped early");

        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        let stored = pull_all(&s, G).await;
        assert!(stored.len() >= acked.len());
        for cursor in acked {
            let b = &stored[cursor as usize - 1];
            assert_eq!(b.cursor, cursor);
            assert_eq!(b.envelope, blob(cursor as u16, 64, NEVER).envelope);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "helper process for acknowledged_pushes_survive_sigkill"]
    async fn sigkill_child() {
        let Some(path) = std::env::var_os(CHILD_DB) else {
            return;
        };
        let s = SqliteStorage::open(Path::new(&path), SqliteConfig::default()).unwrap();
        for id in 1.. {
            let cursor = s.push(G, blob(id, 64, NEVER)).await.unwrap().cursor;
            println!("acked {cursor}");
        }
    }
}
