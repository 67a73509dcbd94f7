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
pub use transfer::{BlobRecord, GroupRecord};
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
    #[error("storage backend failed: {0}")]
    Backend(String),
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

    /// Deletes every blob that expired at or before `now_ms`; returns how many.
    fn expire(&self, now_ms: u64) -> impl Future<Output = Result<u64, StorageError>> + Send;

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
