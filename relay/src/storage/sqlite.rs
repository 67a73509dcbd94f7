//! SQLite backend: one file, WAL mode, group commit.
//!
//! # Schema (`PRAGMA user_version = 3`)
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
//! -- Large objects (version 2): chunks stay out of the log; the manifest is a blob of the log
//! -- whose blob_id is the object_id.
//! CREATE TABLE objects (
//!     group_id         BLOB NOT NULL,
//!     object_id        BLOB NOT NULL,    -- 16 bytes
//!     origin           BLOB NOT NULL,    -- 16 bytes
//!     chunk_count      INTEGER NOT NULL,
//!     chunk_bytes      INTEGER NOT NULL, -- envelope bytes of every chunk but the last
//!     last_chunk_bytes INTEGER NOT NULL,
//!     bytes_stored     INTEGER NOT NULL, -- sum of length(envelope) of its chunks (in bytes_used)
//!     cursor           INTEGER,          -- NULL while staging; the manifest's once committed
//!     expires_at_ms    INTEGER NOT NULL, -- staging: last activity + upload TTL; then the manifest's
//!     PRIMARY KEY (group_id, object_id)
//! );
//! CREATE INDEX objects_expires_at ON objects (expires_at_ms);
//! -- The chunks stored (version 3): their envelopes are in files beside the database,
//! -- `<db>-chunks/<group hex>-<object hex>` (`sqlite/chunk_files.rs` says why and how).
//! CREATE TABLE chunks (
//!     group_id  BLOB NOT NULL,
//!     object_id BLOB NOT NULL,
//!     idx       INTEGER NOT NULL,
//!     UNIQUE (group_id, object_id, idx)
//! );
//! ```
//!
//! Older files are upgraded in place when a relay opens them. The schema is all
//! `CREATE … IF NOT EXISTS`, so a version 1 file (no object tables) gains the tables; a
//! version 2 file kept each chunk's envelope in its row, and those are moved into the chunk
//! files, synced, and dropped from the table in the transaction that sets version 3.
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

use super::{
    GroupId, NewBlob, ObjectSpec, ObjectState, Page, PushOutcome, Storage, StorageError,
    StoredBlob, checkpoint,
};

/// The `objects` columns [`object_row`] reads, first in every query it reads (a macro, so
/// that queries can `concat!` it).
macro_rules! object_columns {
    () => {
        "origin, chunk_count, chunk_bytes, last_chunk_bytes, bytes_stored, cursor, expires_at_ms"
    };
}

mod chunk_files;
mod export;
use chunk_files::{ChunkFiles, Unsynced};
pub use export::SqliteExport;

/// Value of `PRAGMA user_version` this code writes and understands.
const SCHEMA_VERSION: u32 = 3;

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
CREATE TABLE IF NOT EXISTS objects (
    group_id         BLOB NOT NULL,
    object_id        BLOB NOT NULL,
    origin           BLOB NOT NULL,
    chunk_count      INTEGER NOT NULL,
    chunk_bytes      INTEGER NOT NULL,
    last_chunk_bytes INTEGER NOT NULL,
    bytes_stored     INTEGER NOT NULL,
    cursor           INTEGER,
    expires_at_ms    INTEGER NOT NULL,
    PRIMARY KEY (group_id, object_id)
);
CREATE INDEX IF NOT EXISTS objects_expires_at ON objects (expires_at_ms);
CREATE TABLE IF NOT EXISTS chunks (
    group_id  BLOB NOT NULL,
    object_id BLOB NOT NULL,
    idx       INTEGER NOT NULL,
    UNIQUE (group_id, object_id, idx)
);
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

/// Chunk rows deleted per transaction when objects expire or are aborted, so pushes queued
/// behind an expiry wait for one short transaction, not for a whole 64 GiB object (65,536
/// chunks). An object's file goes once its last rows have.
const EXPIRE_CHUNK_ROWS: usize = 256;

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
    chunk_files: ChunkFiles,
}

struct Request {
    op: Op,
    reply: oneshot::Sender<Result<Done, StorageError>>,
}

enum Op {
    Push {
        group: GroupId,
        blob: NewBlob,
    },
    /// Deletes the blobs that expired, except manifests whose object is still stored.
    Expire {
        now_ms: u64,
    },
    BeginObject {
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    },
    PutChunk {
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    },
    CommitObject {
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    },
    /// Marks a staging object expired (`expires_at_ms = 0`); `ExpireObjects { now_ms: 0 }`
    /// then deletes it.
    AbortObject {
        group: GroupId,
        object_id: [u8; 16],
    },
    /// Deletes up to [`EXPIRE_CHUNK_ROWS`] chunks of objects that expired at or before
    /// `now_ms`, and the objects left without chunks.
    ExpireObjects {
        now_ms: u64,
    },
    Close,
}

enum Done {
    Pushed(PushOutcome),
    Expired(u64),
    Begun,
    ChunkStored { duplicate: bool },
    Aborted,
    ObjectsExpired { objects: u64, more: bool },
    Closed,
}

impl SqliteStorage {
    /// Opens (creating if missing) the database at `path` and starts the writer thread.
    ///
    /// Refuses a file whose schema version is newer than this code knows, rather than
    /// guessing at its layout.
    pub fn open(path: &Path, config: SqliteConfig) -> Result<Self, StorageError> {
        let (mut conn, chunk_files) = open_writer(path)?;
        let checkpointer = checkpoint::start(&mut conn, path)?;
        let commits = Arc::new(AtomicU64::new(0));
        let (tx, rx) = mpsc::channel();
        let writer = {
            let commits = Arc::clone(&commits);
            std::thread::Builder::new()
                .name("zerok-sqlite-writer".into())
                .spawn(move || {
                    // Closes the connection, which ends the checkpoint thread; then waits for it.
                    writer_loop(conn, &chunk_files, rx, config, &commits);
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
                chunk_files: ChunkFiles::at(path),
            }),
        })
    }

    /// Write transactions committed so far. Lower than the number of pushes when group
    /// commit batched them; exposed for metrics and tests.
    pub fn commits(&self) -> u64 {
        self.inner.commits.load(Ordering::Relaxed)
    }

    /// Deletes the objects expired at `now_ms` in transactions of at most
    /// [`EXPIRE_CHUNK_ROWS`] chunks, each queued behind whatever the writer has waiting;
    /// returns how many objects went.
    async fn expire_objects(&self, now_ms: u64) -> Result<u64, StorageError> {
        let mut deleted = 0;
        loop {
            match self.request(Op::ExpireObjects { now_ms }).await? {
                Done::ObjectsExpired { objects, more } => {
                    deleted += objects;
                    if !more {
                        return Ok(deleted);
                    }
                }
                _ => {
                    return Err(backend(
                        "writer answered an object expiry with something else",
                    ));
                }
            }
        }
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
        f: impl FnOnce(&Connection, &ChunkFiles) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let inner = Arc::clone(&self.inner);
        let result = tokio::task::spawn_blocking(move || {
            inner.readers.with(|conn| f(conn, &inner.chunk_files))
        })
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
        self.read(move |conn, _| pull(conn, group, after, limit, max_bytes, now_ms))
            .await
    }

    async fn latest_cursor(&self, group: GroupId) -> Result<u64, StorageError> {
        self.read(move |conn, _| {
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

    /// Objects first, in short transactions, then blobs. A manifest whose object is still
    /// stored is left for a later run, so a committed object always has its manifest (a
    /// repeated commit answers from it).
    async fn expire(&self, now_ms: u64) -> Result<u64, StorageError> {
        let objects = self.expire_objects(now_ms).await?;
        match self.request(Op::Expire { now_ms }).await? {
            Done::Expired(count) => Ok(count + objects),
            _ => Err(backend("writer answered an expire with something else")),
        }
    }

    async fn object_begin(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> Result<ObjectState, StorageError> {
        let op = Op::BeginObject {
            group,
            spec,
            staging_expires_at_ms,
        };
        match self.request(op).await? {
            // The stored ranges are read after the commit, on a reader: listing them walks
            // one index entry per chunk (65,536 for a 64 GiB object), work the writer and
            // every push behind it need not wait for. The answer is as of that read, so it
            // may already include chunks stored since; an object deleted in between (expired
            // or aborted meanwhile) is reported as gone.
            Done::Begun => self
                .object_state(group, spec.object_id)
                .await?
                .ok_or(StorageError::ObjectUnknown),
            _ => Err(backend(
                "writer answered an object begin with something else",
            )),
        }
    }

    async fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        let op = Op::PutChunk {
            group,
            object_id,
            index,
            envelope,
            staging_expires_at_ms,
        };
        match self.request(op).await? {
            Done::ChunkStored { duplicate } => Ok(duplicate),
            _ => Err(backend("writer answered a chunk with something else")),
        }
    }

    async fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    ) -> Result<PushOutcome, StorageError> {
        let op = Op::CommitObject {
            group,
            object_id,
            manifest,
        };
        match self.request(op).await? {
            Done::Pushed(outcome) => Ok(outcome),
            _ => Err(backend(
                "writer answered an object commit with something else",
            )),
        }
    }

    /// Marks the object expired in one transaction, then deletes it as expiry would, a few
    /// hundred chunks per transaction. Should this be interrupted, the next expiry run
    /// finishes the deletion.
    async fn abort_object(&self, group: GroupId, object_id: [u8; 16]) -> Result<(), StorageError> {
        match self.request(Op::AbortObject { group, object_id }).await? {
            Done::Aborted => self.expire_objects(0).await.map(drop),
            _ => Err(backend(
                "writer answered an object abort with something else",
            )),
        }
    }

    async fn object_state(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> Result<Option<ObjectState>, StorageError> {
        self.read(move |conn, _| object_state(conn, group, object_id))
            .await
    }

    async fn chunks(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        let now = now_ms();
        self.read(move |conn, files| chunks(conn, files, group, object_id, from, limit, now))
            .await?
    }

    /// The writer is still taking requests and a read connection answers a query.
    async fn ping(&self) -> Result<(), StorageError> {
        if lock(&self.inner.requests).is_none() {
            return Err(StorageError::Closed);
        }
        self.read(|conn, _| conn.query_row("SELECT 1", [], |_| Ok(())))
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

/// A failed write: [`StorageError::Full`] when the disk has no space left, so devices are
/// told to retry rather than that the relay broke.
fn write_failed(e: rusqlite::Error) -> StorageError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => StorageError::Full(e.to_string()),
        _ => backend(e),
    }
}

/// [`write_failed`] for the chunk files' own I/O.
fn io_failed(doing: &str, e: std::io::Error) -> StorageError {
    match e.kind() {
        std::io::ErrorKind::StorageFull => StorageError::Full(format!("{doing}: {e}")),
        _ => backend(format!("{doing}: {e}")),
    }
}

fn writer_gone() -> StorageError {
    backend("sqlite writer thread stopped")
}

/// The writer's connection, with the schema created or upgraded, and the chunk files swept of
/// objects the database no longer has.
fn open_writer(path: &Path) -> Result<(Connection, ChunkFiles), StorageError> {
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
    let files = ChunkFiles::open(path).map_err(|e| backend(format!("{}: {e}", path.display())))?;
    move_chunks_out_of_rows(&tx, &files)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(context)?;
    tx.commit().map_err(context)?;
    let swept = files
        .sweep(|group, object_id| {
            conn.query_row(
                "SELECT 1 FROM objects WHERE group_id = ?1 AND object_id = ?2",
                (group, object_id),
                |_| Ok(()),
            )
            .optional()
            .map(|row| row.is_some())
            .map_err(std::io::Error::other)
        })
        .map_err(|e| backend(format!("{}: sweeping chunk files: {e}", path.display())))?;
    if swept > 0 {
        tracing::info!(files = swept, "removed chunk files of deleted objects");
    }
    Ok((conn, files))
}

/// The upgrade from version 2, whose `chunks` rows held the envelopes: each is written into
/// its object's chunk file, the files are synced, and the column is dropped, all before the
/// transaction that sets version 3 commits (a crash before leaves version 2 as it was, and
/// the bytes already written are written again). A no-op for any other file.
fn move_chunks_out_of_rows(tx: &Transaction<'_>, files: &ChunkFiles) -> Result<(), StorageError> {
    let has_envelopes: bool = tx
        .query_row(
            "SELECT count(*) FROM pragma_table_info('chunks') WHERE name = 'envelope'",
            [],
            |row| row.get::<_, i64>(0).map(|n| n > 0),
        )
        .map_err(backend)?;
    if !has_envelopes {
        return Ok(());
    }
    let mut unsynced = Unsynced::default();
    let mut stmt = tx
        .prepare(concat!(
            "SELECT ",
            object_columns!(),
            ", c.group_id, c.object_id, c.idx, c.envelope FROM chunks c \
             JOIN objects o ON o.group_id = c.group_id AND o.object_id = c.object_id"
        ))
        .map_err(backend)?;
    let mut rows = stmt.query([]).map_err(backend)?;
    while let Some(row) = rows.next().map_err(backend)? {
        let spec = object_row(row, row.get(8).map_err(backend)?)
            .map_err(backend)?
            .spec;
        let group = row.get_ref(7).and_then(|v| Ok(v.as_blob()?));
        let envelope = row.get_ref(10).and_then(|v| Ok(v.as_blob()?));
        let index = get_u64(row, 9);
        files
            .write(
                group.map_err(backend)?,
                &spec,
                index.map_err(backend)?,
                envelope.map_err(backend)?,
                &mut unsynced,
            )
            .map_err(|e| backend(format!("moving chunks into files: {e}")))?;
    }
    drop(rows);
    drop(stmt);
    files
        .sync(unsynced)
        .map_err(|e| backend(format!("moving chunks into files: {e}")))?;
    tx.execute_batch("ALTER TABLE chunks DROP COLUMN envelope")
        .map_err(backend)?;
    Ok(())
}

/// Blocks for one request, takes whatever else is already queued, and commits it all in one
/// transaction; replies go out only after the commit.
fn writer_loop(
    conn: Connection,
    files: &ChunkFiles,
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
        match run_batch(
            &conn,
            files,
            &mut statements,
            &batch,
            config.quota_bytes_per_group,
        ) {
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
            Err(error) => {
                // Nothing of the batch was committed (the transaction rolled back), so every
                // request in it fails, including ones that were fine on their own.
                tracing::error!(%error, requests = batch.len(), "sqlite batch failed");
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
/// `Ok` answers holding an `Err`. The chunk files written are synced before the commit, and
/// those of deleted objects removed after it (see `sqlite/chunk_files.rs`).
fn run_batch(
    conn: &Connection,
    files: &ChunkFiles,
    statements: &mut Statements<'_>,
    batch: &[Request],
    quota: u64,
) -> Result<Option<Vec<Result<Done, StorageError>>>, StorageError> {
    if batch.iter().all(|r| matches!(r.op, Op::Close)) {
        return Ok(None);
    }
    // Unchecked only in that it takes `&Connection`: the statements borrow it for the
    // thread's lifetime, and this thread is its only user.
    let tx =
        Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(write_failed)?;
    let mut writer = BatchWriter {
        tx: &tx,
        statements,
        files,
        unsynced: Unsynced::default(),
        deleted_objects: Vec::new(),
        quota,
        now_ms: now_ms(),
    };
    let answers = batch
        .iter()
        .map(|request| writer.apply(&request.op))
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(write_failed)?;
    let BatchWriter {
        unsynced,
        deleted_objects,
        ..
    } = writer;
    files
        .sync(unsynced)
        .map_err(|e| io_failed("syncing chunk files", e))?;
    tx.commit().map_err(write_failed)?;
    for (group, object_id) in deleted_objects {
        if let Err(e) = files.remove(&group, &object_id) {
            // Left for the sweep when the relay next opens the database.
            tracing::warn!(error = %e, "cannot remove a deleted object's chunk file");
        }
    }
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
    load_object: rusqlite::Statement<'c>,
    find_chunk: rusqlite::Statement<'c>,
    insert_chunk: rusqlite::Statement<'c>,
    add_to_object: rusqlite::Statement<'c>,
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
            load_object: conn.prepare(SELECT_OBJECT)?,
            find_chunk: conn.prepare(
                "SELECT 1 FROM chunks WHERE group_id = ?1 AND object_id = ?2 AND idx = ?3",
            )?,
            insert_chunk: conn
                .prepare("INSERT INTO chunks (group_id, object_id, idx) VALUES (?1, ?2, ?3)")?,
            // Also a staging object's expiry: only ever extended (a chunk retried late must
            // not shorten the time a newer request gave).
            add_to_object: conn.prepare(
                "UPDATE objects SET bytes_stored = bytes_stored + ?3, \
                 expires_at_ms = MAX(expires_at_ms, ?4) \
                 WHERE group_id = ?1 AND object_id = ?2",
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
    files: &'t ChunkFiles,
    /// Chunk files written by this batch, synced before it commits.
    unsynced: Unsynced,
    /// `(group, object)` of objects this batch deleted, whose files go once it committed.
    deleted_objects: Vec<(GroupId, [u8; 16])>,
    quota: u64,
    now_ms: u64,
}

impl BatchWriter<'_, '_> {
    fn apply(&mut self, op: &Op) -> rusqlite::Result<Result<Done, StorageError>> {
        match op {
            Op::Push { group, blob } => self.push(group, blob),
            Op::Expire { now_ms } => self.expire(*now_ms).map(|n| Ok(Done::Expired(n))),
            Op::BeginObject {
                group,
                spec,
                staging_expires_at_ms,
            } => self.begin_object(group, spec, *staging_expires_at_ms),
            Op::PutChunk {
                group,
                object_id,
                index,
                envelope,
                staging_expires_at_ms,
            } => self.put_chunk(group, object_id, *index, envelope, *staging_expires_at_ms),
            Op::CommitObject {
                group,
                object_id,
                manifest,
            } => self.commit_object(group, object_id, manifest),
            Op::AbortObject { group, object_id } => self.abort_object(group, object_id),
            Op::ExpireObjects { now_ms } => self
                .expire_objects(*now_ms)
                .map(|(objects, more)| Ok(Done::ObjectsExpired { objects, more })),
            Op::Close => Ok(Ok(Done::Closed)),
        }
    }

    fn push(
        &mut self,
        group: &GroupId,
        blob: &NewBlob,
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        if let Some(original) = self.stored_blob(group, &blob.blob_id)? {
            return Ok(Ok(Done::Pushed(original)));
        }
        let (last_cursor, used) = self.load_group(group)?;
        let needed = blob.envelope.len() as u64;
        if let Err(refused) = self.fits(used, needed) {
            return Ok(Err(refused));
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
    /// stays: cursors are never reused. A manifest stays while its object is still stored (its
    /// chunks are deleted in transactions of their own first; see `ExpireObjects`).
    fn expire(&mut self, now_ms: u64) -> rusqlite::Result<u64> {
        let now = sql_int(now_ms);
        self.tx.execute(
            "UPDATE groups SET bytes_used = MAX(0, bytes_used - (
                 SELECT COALESCE(SUM(length(envelope)), 0) FROM blobs
                 WHERE blobs.group_id = groups.group_id AND blobs.expires_at_ms <= ?1
                   AND NOT EXISTS (SELECT 1 FROM objects
                       WHERE objects.group_id = blobs.group_id
                         AND objects.object_id = blobs.blob_id)))
             WHERE group_id IN (SELECT group_id FROM blobs WHERE expires_at_ms <= ?1)",
            [now],
        )?;
        let deleted = self.tx.execute(
            "DELETE FROM blobs WHERE expires_at_ms <= ?1
               AND NOT EXISTS (SELECT 1 FROM objects
                   WHERE objects.group_id = blobs.group_id AND objects.object_id = blobs.blob_id)",
            [now],
        )?;
        Ok(deleted as u64)
    }

    fn load_object(
        &mut self,
        group: &GroupId,
        object_id: &[u8; 16],
    ) -> rusqlite::Result<Option<ObjectState>> {
        self.statements
            .load_object
            .query_row((group, object_id), |row| object_row(row, *object_id))
            .optional()
    }

    /// The outcome of an earlier push of `blob_id` in the group (as a duplicate), if any.
    fn stored_blob(
        &mut self,
        group: &GroupId,
        blob_id: &[u8; 16],
    ) -> rusqlite::Result<Option<PushOutcome>> {
        self.statements
            .find_blob
            .query_row((group, blob_id), |row| {
                Ok(PushOutcome {
                    cursor: get_u64(row, 0)?,
                    duplicate: true,
                    timestamp_ms: get_u64(row, 1)?,
                })
            })
            .optional()
    }

    /// Whether `needed` more bytes fit the group's quota with `used` already taken: the one
    /// rule for blobs, chunks and whole objects.
    fn fits(&self, used: u64, needed: u64) -> Result<(), StorageError> {
        if used.saturating_add(needed) > self.quota {
            return Err(StorageError::QuotaExceeded {
                used,
                quota: self.quota,
                needed,
            });
        }
        Ok(())
    }

    /// The group's `(last_cursor, bytes_used)`, zeros for a group not seen yet.
    fn load_group(&mut self, group: &GroupId) -> rusqlite::Result<(u64, u64)> {
        Ok(self
            .statements
            .load_group
            .query_row([group], |row| Ok((get_u64(row, 0)?, get_u64(row, 1)?)))
            .optional()?
            .unwrap_or_default())
    }

    fn begin_object(
        &mut self,
        group: &GroupId,
        spec: &ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        if spec.chunk_count == 0 {
            return Ok(Err(StorageError::ObjectMismatch));
        }
        let (_, used) = self.load_group(group)?;
        let (missing_bytes, exists) = match self.load_object(group, &spec.object_id)? {
            Some(stored) => {
                let same = |s: &ObjectSpec| (s.chunk_count, s.chunk_bytes, s.last_chunk_bytes);
                if same(&stored.spec) != same(spec) {
                    return Ok(Err(StorageError::ObjectMismatch));
                }
                if stored.committed.is_some() {
                    return Ok(Ok(Done::Begun));
                }
                (spec.total_bytes().saturating_sub(stored.bytes_stored), true)
            }
            None => {
                // The manifest will enter the log under this id; a plain blob holding it
                // already would make the commit a "duplicate" of something else.
                if self.statements.find_blob.exists((group, spec.object_id))? {
                    return Ok(Err(StorageError::ObjectMismatch));
                }
                (spec.total_bytes(), false)
            }
        };
        // Checked, not reserved: the chunks count as they arrive, so an object that fits now
        // may still be refused a chunk later if other pushes fill the quota meanwhile.
        if let Err(refused) = self.fits(used, missing_bytes) {
            return Ok(Err(refused));
        }
        if exists {
            self.tx.execute(
                "UPDATE objects SET expires_at_ms = MAX(expires_at_ms, ?3) \
                 WHERE group_id = ?1 AND object_id = ?2",
                (group, spec.object_id, sql_int(staging_expires_at_ms)),
            )?;
        } else {
            self.tx.execute(
                "INSERT INTO objects (group_id, object_id, origin, chunk_count, chunk_bytes, \
                 last_chunk_bytes, bytes_stored, cursor, expires_at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, NULL, ?7)",
                (
                    group,
                    spec.object_id,
                    spec.origin,
                    sql_int(spec.chunk_count),
                    spec.chunk_bytes,
                    spec.last_chunk_bytes,
                    sql_int(staging_expires_at_ms),
                ),
            )?;
        }
        Ok(Ok(Done::Begun))
    }

    fn put_chunk(
        &mut self,
        group: &GroupId,
        object_id: &[u8; 16],
        index: u64,
        envelope: &[u8],
        staging_expires_at_ms: u64,
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        let Some(stored) = self.load_object(group, object_id)? else {
            return Ok(Err(StorageError::ObjectUnknown));
        };
        let Some(expected) = stored.spec.chunk_len(index) else {
            return Ok(Err(StorageError::ObjectMismatch));
        };
        if envelope.len() as u64 != u64::from(expected) {
            return Ok(Err(StorageError::ObjectMismatch));
        }
        let chunk = index;
        let index = sql_int(index);
        let expires = sql_int(staging_expires_at_ms);
        if self
            .statements
            .find_chunk
            .exists((group, object_id, index))?
        {
            if stored.committed.is_none() {
                self.statements
                    .add_to_object
                    .execute((group, object_id, 0, expires))?;
            }
            return Ok(Ok(Done::ChunkStored { duplicate: true }));
        }
        if stored.committed.is_some() {
            return Ok(Err(StorageError::ObjectMismatch));
        }
        let (last_cursor, used) = self.load_group(group)?;
        let needed = envelope.len() as u64;
        if let Err(refused) = self.fits(used, needed) {
            return Ok(Err(refused));
        }
        if let Err(e) = self
            .files
            .write(group, &stored.spec, chunk, envelope, &mut self.unsynced)
        {
            // This chunk only: no row claims the bytes, so the batch's others go on.
            return Ok(Err(io_failed("writing a chunk file", e)));
        }
        self.statements
            .insert_chunk
            .execute((group, object_id, index))?;
        self.statements
            .add_to_object
            .execute((group, object_id, sql_int(needed), expires))?;
        self.statements.save_group.execute((
            group,
            sql_int(last_cursor),
            sql_int(used + needed),
        ))?;
        Ok(Ok(Done::ChunkStored { duplicate: false }))
    }

    fn commit_object(
        &mut self,
        group: &GroupId,
        object_id: &[u8; 16],
        manifest: &NewBlob,
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        if manifest.blob_id != *object_id {
            return Ok(Err(StorageError::ObjectMismatch));
        }
        let Some(stored) = self.load_object(group, object_id)? else {
            return Ok(Err(StorageError::ObjectUnknown));
        };
        if stored.committed.is_some() {
            // Committed before (an answer was lost): the original outcome, as for a push of a
            // blob_id already stored. The manifest stays until after its object is deleted.
            return Ok(match self.stored_blob(group, object_id)? {
                Some(original) => Ok(Done::Pushed(original)),
                None => Err(backend("a committed object's manifest is missing")),
            });
        }
        // From the unique index alone: the envelopes' pages are not read.
        let present: u64 = self.tx.query_row(
            "SELECT count(*) FROM chunks WHERE group_id = ?1 AND object_id = ?2",
            (group, object_id),
            |row| get_u64(row, 0),
        )?;
        let missing = stored.spec.chunk_count.saturating_sub(present);
        if missing > 0 {
            return Ok(Err(StorageError::ObjectIncomplete { missing }));
        }
        let outcome = match self.push(group, manifest)? {
            Ok(Done::Pushed(outcome)) if !outcome.duplicate => outcome,
            // A plain blob took this id after the object began: its commit cannot be this.
            Ok(_) => return Ok(Err(StorageError::ObjectMismatch)),
            Err(refused) => return Ok(Err(refused)),
        };
        self.tx.execute(
            "UPDATE objects SET cursor = ?3, expires_at_ms = ?4 \
             WHERE group_id = ?1 AND object_id = ?2",
            (
                group,
                object_id,
                sql_int(outcome.cursor),
                sql_int(manifest.expires_at_ms),
            ),
        )?;
        Ok(Ok(Done::Pushed(outcome)))
    }

    fn abort_object(
        &mut self,
        group: &GroupId,
        object_id: &[u8; 16],
    ) -> rusqlite::Result<Result<Done, StorageError>> {
        match self.load_object(group, object_id)? {
            None => {}
            Some(stored) if stored.committed.is_some() => {
                return Ok(Err(StorageError::ObjectMismatch));
            }
            Some(_) => {
                self.tx.execute(
                    "UPDATE objects SET expires_at_ms = 0 WHERE group_id = ?1 AND object_id = ?2",
                    (group, object_id),
                )?;
            }
        }
        Ok(Ok(Done::Aborted))
    }

    /// Deletes up to [`EXPIRE_CHUNK_ROWS`] chunk rows of objects expired at `now_ms`, lowest
    /// index first, taking their bytes off the object and the group as it goes (so a
    /// half-deleted object's row stays true), and deletes each object once it has no chunks
    /// left. Returns the objects deleted and whether the budget ran out (more may remain).
    fn expire_objects(&mut self, now_ms: u64) -> rusqlite::Result<(u64, bool)> {
        let tx = self.tx;
        let mut next_object = tx.prepare(concat!(
            "SELECT ",
            object_columns!(),
            ", group_id, object_id FROM objects WHERE expires_at_ms <= ?1 LIMIT 1"
        ))?;
        let mut first_chunks = tx.prepare(
            "SELECT idx FROM chunks WHERE group_id = ?1 AND object_id = ?2 ORDER BY idx LIMIT ?3",
        )?;
        let mut budget = EXPIRE_CHUNK_ROWS;
        let mut deleted = 0;
        while budget > 0 {
            let Some((group, spec)) = next_object
                .query_row([sql_int(now_ms)], |row| {
                    Ok((
                        row.get::<_, GroupId>(7)?,
                        object_row(row, row.get(8)?)?.spec,
                    ))
                })
                .optional()?
            else {
                return Ok((deleted, false));
            };
            let object_id = spec.object_id;
            let rows = first_chunks
                .query_map((&group, &object_id, budget as i64), |row| get_u64(row, 0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if let Some(&last) = rows.last() {
                // put_chunk stores no index outside the object.
                let freed: u64 = rows
                    .iter()
                    .map(|&i| spec.chunk_len(i).map_or(0, u64::from))
                    .sum();
                let freed = sql_int(freed);
                tx.execute(
                    "DELETE FROM chunks WHERE group_id = ?1 AND object_id = ?2 AND idx <= ?3",
                    (&group, &object_id, sql_int(last)),
                )?;
                tx.execute(
                    "UPDATE objects SET bytes_stored = bytes_stored - ?3 \
                     WHERE group_id = ?1 AND object_id = ?2",
                    (&group, &object_id, freed),
                )?;
                tx.execute(
                    "UPDATE groups SET bytes_used = MAX(0, bytes_used - ?2) WHERE group_id = ?1",
                    (&group, freed),
                )?;
            }
            if rows.len() < budget {
                tx.execute(
                    "DELETE FROM objects WHERE group_id = ?1 AND object_id = ?2",
                    (&group, &object_id),
                )?;
                self.deleted_objects.push((group, object_id));
                deleted += 1;
            }
            // An object without chunks still costs a unit, so the loop is bounded however
            // many empty objects expire at once.
            budget -= rows.len().clamp(1, budget);
        }
        Ok((deleted, true))
    }
}

/// One object of a group, for [`object_row`].
const SELECT_OBJECT: &str = concat!(
    "SELECT ",
    object_columns!(),
    " FROM objects WHERE group_id = ?1 AND object_id = ?2"
);

/// An `objects` row read by [`SELECT_OBJECT`]; `stored` is left empty (only
/// [`object_state`] lists the chunks).
fn object_row(row: &Row<'_>, object_id: [u8; 16]) -> rusqlite::Result<ObjectState> {
    Ok(ObjectState {
        spec: ObjectSpec {
            object_id,
            origin: row.get(0)?,
            chunk_count: get_u64(row, 1)?,
            chunk_bytes: get_u32(row, 2)?,
            last_chunk_bytes: get_u32(row, 3)?,
        },
        stored: Vec::new(),
        bytes_stored: get_u64(row, 4)?,
        committed: row
            .get::<_, Option<i64>>(5)?
            .map(|c| u64::try_from(c).unwrap_or_default()),
        expires_at_ms: get_u64(row, 6)?,
    })
}

fn object_state(
    conn: &Connection,
    group: GroupId,
    object_id: [u8; 16],
) -> rusqlite::Result<Option<ObjectState>> {
    // One snapshot for the row and its chunks.
    let tx = conn.unchecked_transaction()?;
    let state = tx
        .query_row(SELECT_OBJECT, (group, object_id), |row| {
            object_row(row, object_id)
        })
        .optional()?;
    let Some(mut state) = state else {
        return Ok(None);
    };
    let mut stmt =
        tx.prepare("SELECT idx FROM chunks WHERE group_id = ?1 AND object_id = ?2 ORDER BY idx")?;
    let mut rows = stmt.query((group, object_id))?;
    while let Some(row) = rows.next()? {
        let idx = get_u64(row, 0)?;
        match state.stored.last_mut() {
            Some((_, end)) if *end == idx => *end = idx + 1,
            _ => state.stored.push((idx, idx + 1)),
        }
    }
    Ok(Some(state))
}

/// `(index, envelope)` pairs, as [`Storage::chunks`] returns them.
type Chunks = Vec<(u64, Vec<u8>)>;

/// Chunks of a committed object unexpired at `now_ms`; the inner `Err` is the refusal. The
/// rows say which are stored (their bytes were synced before the rows committed); the bytes
/// come from the object's chunk file.
fn chunks(
    conn: &Connection,
    files: &ChunkFiles,
    group: GroupId,
    object_id: [u8; 16],
    from: u64,
    limit: u32,
    now_ms: u64,
) -> rusqlite::Result<Result<Chunks, StorageError>> {
    let tx = conn.unchecked_transaction()?;
    let object = tx
        .query_row(SELECT_OBJECT, (group, object_id), |row| {
            object_row(row, object_id)
        })
        .optional()?;
    let Some(object) = object.filter(|o| o.committed.is_some() && o.expires_at_ms > now_ms) else {
        return Ok(Err(StorageError::ObjectUnknown));
    };
    let mut stmt = tx.prepare(
        "SELECT idx FROM chunks WHERE group_id = ?1 AND object_id = ?2 AND idx >= ?3 \
         ORDER BY idx LIMIT ?4",
    )?;
    let indexes = stmt
        .query_map((group, object_id, sql_int(from), i64::from(limit)), |row| {
            get_u64(row, 0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut chunks = Vec::with_capacity(indexes.len());
    for index in indexes {
        match files.read(&group, &object.spec, index) {
            Ok(envelope) => chunks.push((index, envelope)),
            // Deleted (expired or aborted) since the rows were read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Err(StorageError::ObjectUnknown));
            }
            Err(e) => return Ok(Err(backend(format!("reading a chunk file: {e}")))),
        }
    }
    Ok(Ok(chunks))
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

fn get_u32(row: &Row<'_>, idx: usize) -> rusqlite::Result<u32> {
    let value: i64 = row.get(idx)?;
    u32::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, value))
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
        self, Backend, G, LATER, NEVER, blob, chunk, object_contract_tests, pull_all, spec,
        storage_contract_tests,
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
    object_contract_tests!(SqliteBackend::new());

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

    /// Reads go through a mapping of the file (see [`READER_MMAP_BYTES`]; an SQLite built
    /// without memory-mapped I/O would quietly report 0 and read page by page).
    #[test]
    fn read_connections_map_the_database_file() {
        let dir = TempDir::new().unwrap();
        let s = open(&dir, SqliteConfig::default());
        let mapped = |readers: &Readers| -> i64 {
            readers
                .with(|c| c.pragma_query_value(None, "mmap_size", |row| row.get(0)))
                .unwrap()
        };
        let blobs = mapped(&s.inner.readers);
        assert!(blobs >= 1 << 30, "read connections map {blobs} bytes");
    }

    /// Schema version 1 as relays before large objects created it.
    const SCHEMA_V1: &str = "
        CREATE TABLE groups (
            group_id    BLOB PRIMARY KEY,
            last_cursor INTEGER NOT NULL,
            bytes_used  INTEGER NOT NULL
        );
        CREATE TABLE blobs (
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
        CREATE INDEX blobs_expires_at ON blobs (expires_at_ms);
        PRAGMA user_version = 1;
    ";

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_version_1_file_is_upgraded_in_place() {
        let backend = SqliteBackend::new();
        let path = backend.0.path().join("relay.db");
        let old = blob(1, 50, NEVER);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA_V1).unwrap();
            conn.execute(
                "INSERT INTO blobs VALUES (?1, 1, ?2, ?3, ?4, 123, ?5)",
                (G, old.blob_id, old.origin, &old.envelope, i64::MAX),
            )
            .unwrap();
            conn.execute("INSERT INTO groups VALUES (?1, 1, 50)", [G])
                .unwrap();
        }
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        let version: u32 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        contract_tests::objects_work_in_an_upgraded_store(&backend, &s, old, 123).await;
    }

    /// What version 2 added to version 1: the object tables, chunk envelopes in their rows.
    const SCHEMA_V2_OBJECTS: &str = "
        CREATE TABLE objects (
            group_id BLOB NOT NULL, object_id BLOB NOT NULL, origin BLOB NOT NULL,
            chunk_count INTEGER NOT NULL, chunk_bytes INTEGER NOT NULL,
            last_chunk_bytes INTEGER NOT NULL, bytes_stored INTEGER NOT NULL,
            cursor INTEGER, expires_at_ms INTEGER NOT NULL,
            PRIMARY KEY (group_id, object_id)
        );
        CREATE INDEX objects_expires_at ON objects (expires_at_ms);
        CREATE TABLE chunks (
            group_id BLOB NOT NULL, object_id BLOB NOT NULL, idx INTEGER NOT NULL,
            envelope BLOB NOT NULL,
            UNIQUE (group_id, object_id, idx)
        );
        PRAGMA user_version = 2;
    ";

    /// A version 2 file's chunk envelopes move into chunk files: a committed object reads back
    /// byte for byte, a staging one takes its missing chunk and commits, and the table keeps
    /// no envelope.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_version_2_file_moves_its_chunks_into_files() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        let (done, staging) = (spec(1, 3, 100, 7), spec(2, 2, 100, 5));
        let manifest = blob(1, 30, NEVER);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA_V1).unwrap();
            conn.execute_batch(SCHEMA_V2_OBJECTS).unwrap();
            for (o, cursor, stored) in [(&done, Some(1), 3), (&staging, None, 1)] {
                conn.execute(
                    "INSERT INTO objects VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    (
                        G,
                        o.object_id,
                        o.origin,
                        o.chunk_count as i64,
                        o.chunk_bytes,
                        o.last_chunk_bytes,
                        (0..stored)
                            .map(|i| o.chunk_len(i).unwrap() as i64)
                            .sum::<i64>(),
                        cursor,
                        i64::MAX,
                    ),
                )
                .unwrap();
                for i in 0..stored {
                    conn.execute(
                        "INSERT INTO chunks VALUES (?1, ?2, ?3, ?4)",
                        (G, o.object_id, i as i64, chunk(o, i)),
                    )
                    .unwrap();
                }
            }
            conn.execute(
                "INSERT INTO blobs VALUES (?1, 1, ?2, ?3, ?4, 123, ?5)",
                (
                    G,
                    manifest.blob_id,
                    manifest.origin,
                    &manifest.envelope,
                    i64::MAX,
                ),
            )
            .unwrap();
            conn.execute("INSERT INTO groups VALUES (?1, 1, ?2)", (G, 307 + 100 + 30))
                .unwrap();
        }
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        let got = s.chunks(G, done.object_id, 0, 10).await.unwrap();
        let want: Vec<_> = (0..3).map(|i| (i, chunk(&done, i))).collect();
        assert_eq!(got, want);
        assert_eq!(
            s.put_chunk(G, staging.object_id, 1, chunk(&staging, 1), LATER)
                .await,
            Ok(false)
        );
        s.commit_object(G, staging.object_id, blob(2, 20, NEVER))
            .await
            .unwrap();
        let got = s.chunks(G, staging.object_id, 0, 10).await.unwrap();
        assert_eq!(got, [(0, chunk(&staging, 0)), (1, chunk(&staging, 1))]);
        let conn = Connection::open(&path).unwrap();
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let envelope_column: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('chunks') WHERE name = 'envelope'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(envelope_column, 0);
    }

    /// An object's file goes with the object (here an aborted upload), and a file no object
    /// owns (left by a crash between the two) goes when the database is next opened.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn chunk_files_go_with_their_objects() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        let files = |path: &Path| -> usize {
            std::fs::read_dir(chunk_files::dir_of(path))
                .unwrap()
                .count()
        };
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        let (kept, aborted) = (spec(1, 2, 100, 5), spec(2, 2, 100, 5));
        for o in [&kept, &aborted] {
            s.object_begin(G, *o, LATER).await.unwrap();
            contract_tests::put_all(&s, G, o).await;
        }
        assert_eq!(files(&path), 2);
        s.abort_object(G, aborted.object_id).await.unwrap();
        assert_eq!(files(&path), 1);
        drop(s);

        let stray = chunk_files::dir_of(&path).join(format!(
            "{}-{}",
            hex::encode(G),
            hex::encode(aborted.object_id)
        ));
        std::fs::write(&stray, b"left by a crash").unwrap();
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        assert!(!stray.exists());
        assert_eq!(files(&path), 1);
        let state = s.object_state(G, kept.object_id).await.unwrap().unwrap();
        assert_eq!(state.stored, [(0, 2)]);
    }

    /// Durable writes of 256 MiB as 1 MiB chunks against the same bytes pushed as blobs, one
    /// request at a time and four in flight (an upload's window). Prints MB/s; asserts
    /// nothing about speed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    #[ignore = "measurement: run with --ignored --nocapture"]
    async fn chunk_write_rate() {
        const COUNT: u64 = 256;
        const LEN: u32 = (1 << 20) + 41;
        let template: Vec<u8> = (0..LEN).map(|i| (i * 7) as u8).collect();
        let config = SqliteConfig {
            quota_bytes_per_group: 1 << 32,
            ..SqliteConfig::default()
        };
        let mb = (COUNT * u64::from(LEN)) as f64 / 1e6;
        for round in 0..2 {
            for window in [1u64, 4] {
                let dir = TempDir::new().unwrap();
                let s = open(&dir, config);
                let started = std::time::Instant::now();
                let mut lanes = tokio::task::JoinSet::new();
                for lane in 0..window {
                    let (s, template) = (s.clone(), template.clone());
                    lanes.spawn(async move {
                        for i in (lane..COUNT).step_by(window as usize) {
                            let mut b = blob(i as u16, 0, NEVER);
                            b.envelope = template.clone();
                            s.push(G, b).await.unwrap();
                        }
                    });
                }
                lanes.join_all().await;
                let blobs = mb / started.elapsed().as_secs_f64();
                drop(s);

                let dir = TempDir::new().unwrap();
                let s = open(&dir, config);
                let a = spec(1, COUNT, LEN, LEN);
                let started = std::time::Instant::now();
                s.object_begin(G, a, LATER).await.unwrap();
                let mut lanes = tokio::task::JoinSet::new();
                for lane in 0..window {
                    let (s, template) = (s.clone(), template.clone());
                    lanes.spawn(async move {
                        for i in (lane..COUNT).step_by(window as usize) {
                            let put = s.put_chunk(G, a.object_id, i, template.clone(), LATER);
                            assert!(!put.await.unwrap());
                        }
                    });
                }
                lanes.join_all().await;
                s.commit_object(G, a.object_id, blob(1, 1000, NEVER))
                    .await
                    .unwrap();
                let chunks = mb / started.elapsed().as_secs_f64();

                // Read back a few chunks per call, as a download streams them.
                let started = std::time::Instant::now();
                let mut next = 0;
                while next < COUNT {
                    let page = s.chunks(G, a.object_id, next, 4).await.unwrap();
                    next = page.last().unwrap().0 + 1;
                }
                let read = mb / started.elapsed().as_secs_f64();
                // Deleting it: one transaction per 256 chunks.
                let started = std::time::Instant::now();
                assert_eq!(s.expire(u64::MAX).await.unwrap(), 2);
                let expired = started.elapsed();
                println!(
                    "round {round} window {window}: chunks {chunks:.0} MB/s, blobs {blobs:.0} MB/s, \
                     ratio {:.2}; read {read:.0} MB/s; expire {expired:.0?}",
                    chunks / blobs
                );
            }
        }
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
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
