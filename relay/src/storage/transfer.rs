//! A relay's stored state as plain records, for copying it between backends (`zerok migrate`:
//! a SQLite file into PostgreSQL) with every cursor, expiry and quota figure preserved, and
//! large objects with every chunk.

use super::{GroupId, ObjectSpec};

/// A group's counter: `last_cursor` is the highest cursor ever assigned (expired blobs
/// included, so cursors are never reused); `bytes_used` the envelope bytes counted against
/// its quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupRecord {
    pub group_id: GroupId,
    pub last_cursor: u64,
    pub bytes_used: u64,
}

/// One stored blob, as the store holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobRecord {
    pub group_id: GroupId,
    pub cursor: u64,
    pub blob_id: [u8; 16],
    pub origin: [u8; 16],
    pub timestamp_ms: u64,
    pub expires_at_ms: u64,
    pub envelope: Vec<u8>,
}

/// One large object, as the store holds it: staging (`cursor` `None`) or committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObjectRecord {
    pub group_id: GroupId,
    pub spec: ObjectSpec,
    /// Envelope bytes of its stored chunks (counted in its group's `bytes_used`).
    pub bytes_stored: u64,
    /// The manifest's cursor once committed.
    pub cursor: Option<u64>,
    pub expires_at_ms: u64,
}

/// One stored chunk of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkRecord {
    pub group_id: GroupId,
    pub object_id: [u8; 16],
    pub index: u64,
    pub envelope: Vec<u8>,
}

/// How much a store holds: a copy is checked against its source with it before it commits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub groups: u64,
    pub blobs: u64,
    pub objects: u64,
    pub chunks: u64,
    /// Envelope bytes of the blobs and chunks.
    pub bytes: u64,
}
