//! A relay's stored state as plain records, for copying it between backends (`zerok migrate`:
//! a SQLite file into PostgreSQL) with every cursor, expiry and quota figure preserved.

use super::GroupId;

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
