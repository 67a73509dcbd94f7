//! Where a relay keeps ciphertext. The relay server talks to a [`Storage`]; SQLite is the
//! default (embedded, one file, one relay process). PostgreSQL ([`PostgresStorage`]) lets any
//! number of relay processes serve the same groups from one database. Both keep the same
//! contract (`contract_tests` runs the same tests against each).

mod checkpoint;
mod postgres;
mod sqlite;
mod transfer;

#[cfg(test)]
mod contract_tests;

use std::future::Future;

pub use postgres::{Importer, PostgresConfig, PostgresStorage, create_database};
pub use sqlite::{SqliteConfig, SqliteExport, SqliteStorage};
pub use transfer::{BlobRecord, ChunkRecord, Counts, GroupRecord, ObjectRecord};
pub use zerok_core::protocol::StoredBlob;

/// Group identifier as used on the wire (`zerok_core::crypto::GroupId`).
pub type GroupId = [u8; 32];

/// A blob to store, as received in a Push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBlob {
    pub blob_id: [u8; 16],
    pub origin: [u8; 16],
    pub envelope: Vec<u8>,
    /// Absolute expiry, milliseconds since the Unix epoch.
    pub expires_at_ms: u64,
}

/// Result of a durable push.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PushOutcome {
    pub cursor: u64,
    /// The group already held this blob_id (a retried push): nothing new was stored.
    pub duplicate: bool,
    /// Commit time (of the original push, for a duplicate), ms since the Unix epoch.
    pub timestamp_ms: u64,
}

/// One page of a pull.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub blobs: Vec<StoredBlob>,
    /// More unexpired blobs exist after the last one returned.
    pub has_more: bool,
}

/// What a device declares when it begins a large object: how many chunk envelopes it will
/// send and how long each is, so the relay can refuse an object that cannot fit before any
/// chunk travels, and refuse a chunk of the wrong length (a truncated or padded envelope)
/// without opening it. The relay never decrypts: the sizes are all it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObjectSpec {
    /// The object's id; its manifest enters the log under this `blob_id`.
    pub object_id: [u8; 16],
    /// The device that began it (the manifest's origin).
    pub origin: [u8; 16],
    /// At least 1: an object small enough for no chunks travels inline, as a plain push.
    pub chunk_count: u64,
    /// Envelope bytes of every chunk but the last.
    pub chunk_bytes: u32,
    /// Envelope bytes of the last chunk (of the only one when `chunk_count` is 1).
    pub last_chunk_bytes: u32,
}

impl ObjectSpec {
    /// Envelope bytes of all its chunks: what the object will count against the quota.
    /// Saturates, so an absurd spec is refused by the quota check instead of overflowing.
    pub fn total_bytes(&self) -> u64 {
        self.chunk_count
            .saturating_sub(1)
            .saturating_mul(u64::from(self.chunk_bytes))
            .saturating_add(u64::from(self.last_chunk_bytes))
    }

    /// The exact envelope length of chunk `index`, `None` past the last chunk.
    pub fn chunk_len(&self, index: u64) -> Option<u32> {
        match index.checked_add(1)? {
            n if n < self.chunk_count => Some(self.chunk_bytes),
            n if n == self.chunk_count => Some(self.last_chunk_bytes),
            _ => None,
        }
    }
}

/// What the relay holds of one object: a resumed upload sends only the chunks missing here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectState {
    pub spec: ObjectSpec,
    /// Stored chunk indexes as sorted, disjoint half-open runs `(start, end)`.
    pub stored: Vec<(u64, u64)>,
    /// Envelope bytes of the stored chunks (what the object counts against the quota now).
    pub bytes_stored: u64,
    /// The manifest's cursor once committed; `None` while staging.
    pub committed: Option<u64>,
    /// Staging: when an upload left idle is deleted. Committed: the manifest's expiry.
    pub expires_at_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("group quota exceeded: {used} of {quota} bytes used, blob needs {needed}")]
    QuotaExceeded { used: u64, quota: u64, needed: u64 },
    #[error("storage is closed")]
    Closed,
    /// The store cannot be reached now (a database server down or restarting); nothing
    /// was stored, and a retry may succeed once it is back.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The disk under the store has no space left (SQLite's `SQLITE_FULL`, a chunk file's
    /// `ENOSPC`, PostgreSQL's `disk_full`); nothing was stored, and a retry may succeed once
    /// the operator frees space.
    #[error("storage full: {0}")]
    Full(String),
    #[error("storage backend failed: {0}")]
    Backend(String),
    /// No such object in the group (never begun, aborted or expired), or, for a read of its
    /// chunks, not committed yet.
    #[error("unknown object")]
    ObjectUnknown,
    /// A commit of an object that still misses `missing` chunks; nothing was committed.
    #[error("object incomplete: {missing} chunks missing")]
    ObjectIncomplete { missing: u64 },
    /// The request does not fit the object as stored: another chunk count or sizes for the
    /// same id, a chunk index or length outside its spec, a new chunk for or an abort of a
    /// committed object, or an id the group already holds as a plain blob.
    #[error("request does not match the stored object")]
    ObjectMismatch,
}

/// Durable, per-group, append-only log of blobs with strictly increasing cursors.
///
/// Contract every backend keeps:
/// - `push` returns only after the blob is durably committed; cursors of a group are
///   assigned in the same transaction as the insert, start at 1, are strictly increasing and
///   gap-free in assignment, and become visible to `pull` in commit (= cursor) order.
/// - `push` of a `blob_id` the group already holds stores nothing and returns the original
///   cursor with `duplicate: true`.
/// - A blob never counts against quota twice; expiry frees its bytes.
///
/// Large objects are stored beside the log: chunks (opaque envelopes, never opened here) in
/// a staging object, then one manifest committed into the log under the object's id, which is
/// all other devices see in `pull`. Contract for objects:
/// - `put_chunk` returns only after the chunk is durably committed; a chunk counts against
///   the group's quota when it arrives (the same `used + needed > quota` rule as a push), so
///   the quota is never exceeded, even by uploads in flight. `object_begin` checks the whole
///   object against the remaining quota up front but reserves nothing.
/// - Every write on an object is idempotent: a repeated begin returns the stored state, a
///   repeated chunk stores nothing (`true`), a repeated commit returns the original outcome
///   with `duplicate: true`, a repeated abort is `Ok`; so a device may retry any of them after
///   a lost answer.
/// - `commit_object` is one transaction: either every chunk is present, the manifest gets
///   its cursor exactly as a push would and the object is committed with the manifest's
///   expiry, or nothing changes.
/// - Chunks are read (`chunks`) only from committed, unexpired objects.
/// - `expire` deletes staging objects past their staging expiry and committed objects with
///   their manifest, freeing their bytes; a manifest leaves the log only after its chunks.
///   The work is split into short transactions, so a huge object never holds up pushes.
pub trait Storage: Send + Sync + 'static {
    fn push(
        &self,
        group: GroupId,
        blob: NewBlob,
    ) -> impl Future<Output = Result<PushOutcome, StorageError>> + Send;

    /// Unexpired blobs (at `now_ms`) with cursor > `after`, oldest first: at most `limit`
    /// blobs and at most `max_bytes` of envelopes, but always at least one blob if any
    /// exists.
    fn pull(
        &self,
        group: GroupId,
        after: u64,
        limit: u32,
        max_bytes: usize,
        now_ms: u64,
    ) -> impl Future<Output = Result<Page, StorageError>> + Send;

    /// The highest cursor ever assigned in `group` (0 if none), expired blobs included.
    fn latest_cursor(
        &self,
        group: GroupId,
    ) -> impl Future<Output = Result<u64, StorageError>> + Send;

    /// Deletes every blob and object that expired at or before `now_ms`; returns how many.
    fn expire(&self, now_ms: u64) -> impl Future<Output = Result<u64, StorageError>> + Send;

    /// Creates a staging object from `spec`, or returns the group's existing object of that
    /// id (a resumed upload learns what is stored; a committed one reports its cursor).
    /// Refuses with `QuotaExceeded` a staging object whose missing chunks do not fit the
    /// group's remaining quota, and with `ObjectMismatch` a spec that differs from the stored
    /// one, has no chunks, or names a plain blob of the group. Extends a staging object's
    /// expiry to `staging_expires_at_ms` (never shortens it).
    fn object_begin(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> impl Future<Output = Result<ObjectState, StorageError>> + Send;

    /// Stores chunk `index` of a staging object, durably before returning; `true` if it was
    /// already stored, also in a committed object (then nothing is stored or counted).
    /// `ObjectUnknown` for no such object;
    /// `ObjectMismatch` for an index past the last, an envelope not of the spec's exact length,
    /// or a committed object; `QuotaExceeded` if the chunk does not fit. Extends the staging
    /// expiry to `staging_expires_at_ms`.
    fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    ) -> impl Future<Output = Result<bool, StorageError>> + Send;

    /// Commits a staging object whose chunks are all stored: `manifest` (whose `blob_id`
    /// must be `object_id`, else `ObjectMismatch`) enters the log exactly as a push would,
    /// and the object takes its cursor and expiry. `ObjectIncomplete` with the number of
    /// missing chunks otherwise, `ObjectUnknown` for no such object. A repeat after success
    /// returns the original outcome with `duplicate: true`.
    fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    ) -> impl Future<Output = Result<PushOutcome, StorageError>> + Send;

    /// Deletes a staging object and its chunks and frees their bytes before returning. `Ok`
    /// for an unknown object (already aborted or expired); `ObjectMismatch` for a committed
    /// one (it leaves with its manifest).
    fn abort_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// The object's spec, stored chunks, bytes, commit cursor and expiry; `None` if the group
    /// holds no such object.
    fn object_state(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> impl Future<Output = Result<Option<ObjectState>, StorageError>> + Send;

    /// Up to `limit` stored chunks `(index, envelope)` of a committed, unexpired object,
    /// from index `from` on, in index order. `ObjectUnknown` for an unknown, staging or
    /// expired object. Read a few at a time: each envelope is about a chunk in memory.
    fn chunks(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        from: u64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(u64, Vec<u8>)>, StorageError>> + Send;

    /// Finishes in-flight pushes (they are committed and answered), then refuses new ones.
    fn close(&self) -> impl Future<Output = ()> + Send;

    /// Whether the store answers now (the relay's `/readyz`).
    fn ping(&self) -> impl Future<Output = Result<(), StorageError>> + Send {
        async { Ok(()) }
    }

    /// The id of the cluster of relay processes sharing this store, when several may (a
    /// database server); `None` for a store only this process writes (a SQLite file).
    /// Announced to devices, which then keep one cursor for the whole cluster.
    fn cluster_id(&self) -> Option<[u8; 16]> {
        None
    }

    /// Commits made through other processes sharing this store, as hints: subscribers
    /// read the blobs back by cursor, so a lost or late notice never loses a blob. Taken
    /// once, by the relay at start; `None` for a store only this process writes.
    fn commit_notices(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<CommitNotice>> {
        None
    }
}

/// A commit made through another process sharing the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitNotice {
    /// `cursor` of `group` is committed (and every cursor before it).
    Committed { group: GroupId, cursor: u64 },
    /// Notices may have been missed (the listener reconnected): every subscriber re-reads
    /// its group from its own cursor.
    Resync,
}
