//! The outbox: sealed blobs kept on the device until a relay has durably stored them.
//!
//! `enqueue` returns once the sealed blob is committed to a SQLite file beside the device
//! state (`<state_path>.outbox`, WAL with `synchronous = FULL`: it survives `kill -9` and a
//! power cut); the sender (`sender.rs`) delivers blobs in enqueue order and removes each once
//! a relay acknowledged it. Without a state path the same store lives in memory and an app
//! restart loses what was not sent yet.
//!
//! # Why SQLite, and why a writer thread
//!
//! SQLite (bundled, as in the relay) gives atomic, checksummed commits and recovery after a
//! crash for free, on every platform a phone or a desktop runs; an append log of our own
//! would need its own torn-write detection and compaction. An fsync per commit dominates an
//! enqueue's cost, so one thread owns the connection and commits everything queued at once
//! (group commit, as the relay does): N concurrent enqueues cost one fsync. Removing a
//! delivered blob needs no fsync: if a crash forgets the removal the blob is sent again
//! under the same id, and the relay answers `duplicate`.
//!
//! # Schema (`PRAGMA user_version = 2`)
//!
//! ```sql
//! CREATE TABLE outbox (
//!     seq            INTEGER PRIMARY KEY AUTOINCREMENT, -- enqueue order
//!     group_id       BLOB NOT NULL,                     -- 32 bytes
//!     blob_id        BLOB NOT NULL UNIQUE,              -- 16 bytes (an object's id)
//!     envelope       BLOB NOT NULL,                     -- sealed: ciphertext only (empty
//!                                                       -- for an upload)
//!     ttl_secs       INTEGER,                           -- NULL: the relay's default
//!     enqueued_at_ms INTEGER NOT NULL,
//!     upload         BLOB                               -- version 2: a file to push as an
//!                                                       -- object (postcard `UploadJob`)
//! );
//! ```
//!
//! An upload holds no ciphertext (its chunks are sealed as they are sent, from the file), so
//! it costs nothing against `outbox_max_bytes`. A version 1 file gains the column on open.

use std::{
    collections::VecDeque,
    path::Path,
    sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc},
    thread::JoinHandle,
    time::{SystemTime, UNIX_EPOCH},
};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use tokio::sync::{oneshot, watch};

use crate::{Error, Result};

const SCHEMA_VERSION: u32 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id       BLOB NOT NULL,
    blob_id        BLOB NOT NULL UNIQUE,
    envelope       BLOB NOT NULL,
    ttl_secs       INTEGER,
    enqueued_at_ms INTEGER NOT NULL,
    upload         BLOB
);
";

/// Brings a file of an earlier schema up to this one.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: u32 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    conn.execute_batch(SCHEMA)?;
    if version == 1 {
        conn.execute_batch("ALTER TABLE outbox ADD COLUMN upload BLOB")?;
    }
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}

/// Most requests committed in one transaction.
const MAX_BATCH: usize = 512;

/// One waiting blob, as the sender needs to know it without its envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub seq: i64,
    pub blob_id: [u8; 16],
    pub size: u64,
}

/// A waiting blob as it goes on the wire, or a waiting upload (`upload`: its job).
pub(crate) struct Stored {
    pub envelope: Vec<u8>,
    pub ttl_secs: Option<u64>,
    pub upload: Option<Vec<u8>>,
}

/// What is waiting, in enqueue order; updated by the writer thread right after each
/// commit, so it always lists committed blobs in `seq` order.
#[derive(Default)]
struct Queue {
    entries: VecDeque<Entry>,
    bytes: u64,
    /// Bytes of enqueues on their way to the writer: counted against the cap already.
    reserved: u64,
}

pub(crate) struct Outbox {
    max_bytes: u64,
    queue: Arc<Mutex<Queue>>,
    /// How many blobs wait; changes after every commit (for `flush` and the sender).
    pending: watch::Sender<u64>,
    requests: Mutex<Option<mpsc::Sender<Request>>>,
    writer: Option<JoinHandle<()>>,
}

/// An outbox snapshot for applications.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    /// Blob ids in enqueue order (the next one to send first).
    pub blob_ids: Vec<[u8; 16]>,
    /// Sealed bytes waiting.
    pub bytes: u64,
}

struct Request {
    op: Op,
    reply: oneshot::Sender<Result<Done>>,
}

enum Op {
    Insert {
        blob_id: [u8; 16],
        envelope: Vec<u8>,
        ttl_secs: Option<u64>,
        upload: Option<Vec<u8>>,
    },
    Load {
        seq: i64,
    },
    Remove {
        seq: i64,
    },
}

enum Done {
    Inserted,
    Loaded(Option<Stored>),
    Removed,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The queue is updated in single statements that a panic cannot leave half done.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::State(format!("outbox: {e}"))
}

impl Outbox {
    /// Opens the outbox at `path` (created if missing), or in memory without a path, and
    /// loads what `group_id` left waiting.
    pub fn open(path: Option<&Path>, group_id: [u8; 32], max_bytes: u64) -> Result<Self> {
        let conn = match path {
            Some(path) => open_file(path)?,
            None => Connection::open_in_memory().map_err(failed)?,
        };
        migrate(&conn).map_err(failed)?;
        let queue = Arc::new(Mutex::new(load(&conn, &group_id).map_err(failed)?));
        let pending = watch::channel(lock(&queue).entries.len() as u64).0;
        let (tx, rx) = mpsc::channel();
        let writer = {
            let (queue, pending) = (queue.clone(), pending.clone());
            std::thread::Builder::new()
                .name("zerok-outbox".into())
                .spawn(move || writer_loop(conn, group_id, rx, &queue, &pending))
                .map_err(|e| failed(format!("cannot start the outbox thread: {e}")))?
        };
        Ok(Self {
            max_bytes,
            queue,
            pending,
            requests: Mutex::new(Some(tx)),
            writer: Some(writer),
        })
    }

    /// Commits a sealed blob (or, with `upload`, an upload's job and no envelope) durably;
    /// fails with `OutboxFull` if it does not fit the cap.
    pub async fn insert(
        &self,
        blob_id: [u8; 16],
        envelope: Vec<u8>,
        ttl_secs: Option<u64>,
        upload: Option<Vec<u8>>,
    ) -> Result<()> {
        let size = envelope.len() as u64;
        {
            let mut queue = lock(&self.queue);
            let used = queue.bytes + queue.reserved;
            if used + size > self.max_bytes {
                return Err(Error::OutboxFull {
                    used,
                    needed: size,
                    max: self.max_bytes,
                });
            }
            queue.reserved += size;
        }
        let result = self
            .request(Op::Insert {
                blob_id,
                envelope,
                ttl_secs,
                upload,
            })
            .await;
        // The writer counted it in `bytes` when it committed.
        lock(&self.queue).reserved -= size;
        result.map(|_| ())
    }

    /// The oldest waiting blob.
    pub fn front(&self) -> Option<Entry> {
        lock(&self.queue).entries.front().copied()
    }

    /// A waiting blob's envelope (`None` if it is no longer there).
    pub async fn load(&self, seq: i64) -> Result<Option<Stored>> {
        match self.request(Op::Load { seq }).await? {
            Done::Loaded(stored) => Ok(stored),
            _ => Err(failed(
                "the outbox thread answered a load with something else",
            )),
        }
    }

    /// Takes a delivered blob out.
    pub async fn remove(&self, seq: i64) -> Result<()> {
        self.request(Op::Remove { seq }).await.map(|_| ())
    }

    pub fn pending(&self) -> Pending {
        let queue = lock(&self.queue);
        Pending {
            blob_ids: queue.entries.iter().map(|e| e.blob_id).collect(),
            bytes: queue.bytes,
        }
    }

    /// Follows the number of waiting blobs.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.pending.subscribe()
    }

    async fn request(&self, op: Op) -> Result<Done> {
        let (reply, answer) = oneshot::channel();
        {
            let requests = lock(&self.requests);
            let sender = requests.as_ref().ok_or(Error::Shutdown)?;
            sender
                .send(Request { op, reply })
                .map_err(|_| failed("the outbox thread stopped"))?;
        }
        answer
            .await
            .map_err(|_| failed("the outbox thread stopped"))?
    }
}

impl Outbox {
    /// Stops taking requests; the writer finishes what is queued and closes the file (and
    /// its lock) soon after, without being waited for.
    pub fn close(&self) {
        lock(&self.requests).take();
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        // The writer finishes what is queued, closes the file and returns.
        lock(&self.requests).take();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// How long opening an outbox waits for another client to close it.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

fn open_file(path: &Path) -> Result<Connection> {
    let context = |e: rusqlite::Error| failed(format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| failed(format!("{}: {e}", dir.display())))?;
    }
    let conn = Connection::open(path).map_err(context)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(context)?;
    // One client per state: a second one would send the same blobs and overwrite the
    // cursors. The lock is taken now and held until the connection closes.
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) => failed(format!(
                "{} is in use by another client of the same state_path",
                path.display()
            )),
            _ => context(e),
        })?;
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(context)?;
    if version > SCHEMA_VERSION {
        return Err(failed(format!(
            "{} was written by a newer version (schema {version}, this one reads {SCHEMA_VERSION})",
            path.display()
        )));
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(context)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(failed(format!(
            "{}: cannot use WAL mode ({mode})",
            path.display()
        )));
    }
    Ok(conn)
}

fn load(conn: &Connection, group_id: &[u8; 32]) -> rusqlite::Result<Queue> {
    let mut statement = conn.prepare(
        "SELECT seq, blob_id, length(envelope) FROM outbox WHERE group_id = ?1 ORDER BY seq",
    )?;
    let mut queue = Queue::default();
    let rows = statement.query_map([group_id], |row| {
        let id: Vec<u8> = row.get(1)?;
        let mut blob_id = [0u8; 16];
        // Written by this code as 16 bytes; anything else is not ours to send.
        if id.len() == 16 {
            blob_id.copy_from_slice(&id);
        }
        Ok(Entry {
            seq: row.get(0)?,
            blob_id,
            size: row.get::<_, i64>(2)? as u64,
        })
    })?;
    for entry in rows {
        let entry = entry?;
        queue.bytes += entry.size;
        queue.entries.push_back(entry);
    }
    Ok(queue)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The writer's statements, prepared once for the thread's lifetime (the workspace builds
/// rusqlite without its statement cache).
struct Statements<'c> {
    insert: rusqlite::Statement<'c>,
    remove: rusqlite::Statement<'c>,
    load: rusqlite::Statement<'c>,
}

impl<'c> Statements<'c> {
    fn prepare(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Self {
            insert: conn.prepare(
                "INSERT INTO outbox (group_id, blob_id, envelope, ttl_secs, enqueued_at_ms, upload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            remove: conn.prepare("DELETE FROM outbox WHERE seq = ?1")?,
            load: conn.prepare("SELECT envelope, ttl_secs, upload FROM outbox WHERE seq = ?1")?,
        })
    }
}

/// Blocks for one request, takes whatever else is queued, and commits the writes of all
/// of them in one transaction (fsync'd when it inserts); replies only after the commit.
fn writer_loop(
    conn: Connection,
    group_id: [u8; 32],
    requests: mpsc::Receiver<Request>,
    queue: &Mutex<Queue>,
    pending: &watch::Sender<u64>,
) {
    let mut statements = match Statements::prepare(&conn) {
        Ok(statements) => statements,
        Err(e) => {
            // Unreachable with the schema `open` created; answer rather than hang if it is.
            while let Ok(request) = requests.recv() {
                let _ = request.reply.send(Err(failed(&e)));
            }
            return;
        }
    };
    let mut durable = None;
    while let Ok(first) = requests.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match requests.try_recv() {
                Ok(request) => batch.push(request),
                Err(_) => break,
            }
        }
        let answers = match commit(&conn, &mut statements, &group_id, &batch, &mut durable) {
            Ok(seqs) => {
                let mut queue = lock(queue);
                let answers = batch
                    .iter()
                    .zip(seqs)
                    .map(|(request, seq)| apply(&mut queue, &mut statements, &request.op, seq))
                    .collect::<Vec<_>>();
                pending.send_replace(queue.entries.len() as u64);
                answers
            }
            Err(e) => {
                // Nothing of the batch was committed; every request in it fails.
                tracing::warn!(error = %e, "outbox commit failed");
                batch.iter().map(|_| Err(failed(&e))).collect()
            }
        };
        for (request, answer) in batch.into_iter().zip(answers) {
            let _ = request.reply.send(answer);
        }
    }
}

/// Writes the batch in one transaction; for each request, the `seq` an insert was given.
fn commit(
    conn: &Connection,
    statements: &mut Statements<'_>,
    group_id: &[u8; 32],
    batch: &[Request],
    durable: &mut Option<bool>,
) -> rusqlite::Result<Vec<Option<i64>>> {
    let inserts = batch.iter().any(|r| matches!(r.op, Op::Insert { .. }));
    let writes = inserts || batch.iter().any(|r| matches!(r.op, Op::Remove { .. }));
    if !writes {
        return Ok(vec![None; batch.len()]);
    }
    // An insert must survive a power cut before enqueue returns; a removal need not.
    if *durable != Some(inserts) {
        let mode = if inserts { "FULL" } else { "NORMAL" };
        conn.execute_batch(&format!("PRAGMA synchronous = {mode}"))?;
        *durable = Some(inserts);
    }
    // Unchecked only in that it takes `&Connection`: this thread is its only user.
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut seqs = Vec::with_capacity(batch.len());
    for request in batch {
        seqs.push(match &request.op {
            Op::Insert {
                blob_id,
                envelope,
                ttl_secs,
                upload,
            } => {
                let ttl = ttl_secs.map(|t| t.min(i64::MAX as u64) as i64);
                statements.insert.execute(params![
                    group_id,
                    blob_id,
                    envelope,
                    ttl,
                    now_ms(),
                    upload
                ])?;
                Some(tx.last_insert_rowid())
            }
            Op::Remove { seq } => {
                statements.remove.execute([seq])?;
                None
            }
            Op::Load { .. } => None,
        });
    }
    tx.commit()?;
    Ok(seqs)
}

/// Mirrors a committed request in the queue (inserts arrive in `seq` order: the writer
/// assigns them), or answers a load.
fn apply(
    queue: &mut Queue,
    statements: &mut Statements<'_>,
    op: &Op,
    seq: Option<i64>,
) -> Result<Done> {
    match op {
        Op::Insert {
            blob_id, envelope, ..
        } => {
            let size = envelope.len() as u64;
            queue.bytes += size;
            queue.entries.push_back(Entry {
                seq: seq.expect("an insert has a seq"),
                blob_id: *blob_id,
                size,
            });
            Ok(Done::Inserted)
        }
        Op::Remove { seq } => {
            if let Some(i) = queue.entries.iter().position(|e| e.seq == *seq) {
                let entry = queue.entries.remove(i).expect("found above");
                queue.bytes -= entry.size;
            }
            Ok(Done::Removed)
        }
        Op::Load { seq } => statements
            .load
            .query_row([seq], |row| {
                Ok(Stored {
                    envelope: row.get(0)?,
                    ttl_secs: row.get::<_, Option<i64>>(1)?.map(|t| t as u64),
                    upload: row.get(2)?,
                })
            })
            .optional()
            .map(Done::Loaded)
            .map_err(failed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: [u8; 32] = [7; 32];

    fn id(n: u8) -> [u8; 16] {
        [n; 16]
    }

    #[tokio::test]
    async fn keeps_enqueue_order_across_a_reopen_and_forgets_removed_blobs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json.outbox");
        {
            let outbox = Arc::new(Outbox::open(Some(&path), GROUP, 1 << 20).unwrap());
            let mut inserts = tokio::task::JoinSet::new();
            for n in 0..20u8 {
                let outbox = outbox.clone();
                inserts
                    .spawn(async move { outbox.insert(id(n), vec![n; 100], Some(60), None).await });
            }
            while let Some(result) = inserts.join_next().await {
                result.unwrap().unwrap();
            }
            let front = outbox.front().unwrap();
            let stored = outbox.load(front.seq).await.unwrap().unwrap();
            assert_eq!(stored.ttl_secs, Some(60));
            assert_eq!(stored.envelope, vec![front.blob_id[0]; 100]);
            outbox.remove(front.seq).await.unwrap();
            assert_eq!(outbox.pending().blob_ids.len(), 19);
        }
        let again = Outbox::open(Some(&path), GROUP, 1 << 20).unwrap();
        let pending = again.pending();
        assert_eq!(pending.blob_ids.len(), 19);
        assert_eq!(pending.bytes, 1900);
        let other_group = Outbox::open(Some(&dir.path().join("other")), [8; 32], 1 << 20).unwrap();
        assert!(other_group.front().is_none());
    }

    #[tokio::test]
    async fn refuses_what_goes_over_the_cap_and_a_duplicate_id() {
        let outbox = Outbox::open(None, GROUP, 250).unwrap();
        outbox
            .insert(id(1), vec![0; 200], None, None)
            .await
            .unwrap();
        assert!(matches!(
            outbox.insert(id(2), vec![0; 100], None, None).await,
            Err(Error::OutboxFull {
                used: 200,
                needed: 100,
                max: 250
            })
        ));
        assert!(matches!(
            outbox.insert(id(1), vec![0; 10], None, None).await,
            Err(Error::State(_))
        ));
        assert_eq!(outbox.pending().blob_ids, [id(1)]);
    }

    #[test]
    fn one_client_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox");
        let first = Outbox::open(Some(&path), GROUP, 1).unwrap();
        assert!(matches!(
            Outbox::open(Some(&path), GROUP, 1),
            Err(Error::State(m)) if m.contains("in use")
        ));
        drop(first);
        Outbox::open(Some(&path), GROUP, 1).unwrap();
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox");
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 3")
            .unwrap();
        assert!(matches!(
            Outbox::open(Some(&path), GROUP, 1),
            Err(Error::State(m)) if m.contains("newer")
        ));
    }

    /// A file written before uploads existed (schema 1) opens with what it held.
    #[tokio::test]
    async fn a_version_1_file_keeps_its_blobs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox");
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, group_id BLOB NOT NULL,
                 blob_id BLOB NOT NULL UNIQUE, envelope BLOB NOT NULL, ttl_secs INTEGER,
                 enqueued_at_ms INTEGER NOT NULL);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO outbox (group_id, blob_id, envelope, ttl_secs, enqueued_at_ms)
             VALUES (?1, ?2, ?3, NULL, 0)",
            params![GROUP, id(7), vec![7u8; 50]],
        )
        .unwrap();
        drop(conn);
        let outbox = Outbox::open(Some(&path), GROUP, 1 << 20).unwrap();
        let entry = outbox.front().unwrap();
        assert_eq!((entry.blob_id, entry.size), (id(7), 50));
        let stored = outbox.load(entry.seq).await.unwrap().unwrap();
        assert_eq!((stored.envelope, stored.upload), (vec![7u8; 50], None));
        outbox
            .insert(id(8), Vec::new(), None, Some(vec![1]))
            .await
            .unwrap();
        assert_eq!(outbox.pending().blob_ids, [id(7), id(8)]);
    }
}
