//! Protocol messages, encoded with postcard (compact, varint-based binary serde).

use serde::{Deserialize, Serialize};

/// Every frame is one `Message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// Device → relay, first frame of the control stream.
    Hello {
        versions: Vec<u16>,
        group_id: [u8; 32],
        /// A random id this device keeps; blobs carry it so a device skips its own pushes.
        device_id: [u8; 16],
        device_name: String,
    },
    /// Relay → device: a fresh nonce to sign and the version the session will speak.
    Challenge {
        nonce: [u8; 32],
        version: u16,
    },
    /// Device → relay: Ed25519 signature by the group's auth key over
    /// `crypto::auth_transcript(version, nonce, device endpoint, relay endpoint, group_id)`.
    Auth {
        auth_public: [u8; 32],
        #[serde(with = "serde_sig")]
        signature: [u8; 64],
    },
    /// Relay → device: the session is authenticated. `cluster` names the cluster of relay
    /// nodes this relay belongs to (nodes sharing one store: the same per-group log with the
    /// same cursors on every node), `None` for an independent relay.
    Welcome {
        version: u16,
        limits: Limits,
        cluster: Option<[u8; 16]>,
    },

    Push {
        blob_id: [u8; 16],
        #[serde(with = "serde_bytes")]
        envelope: Vec<u8>,
        /// Requested time to live; the relay caps it to its own maximum.
        ttl_secs: Option<u64>,
    },
    /// Sent only once the blob is durably committed. `duplicate` marks a retried push.
    PushAck {
        blob_id: [u8; 16],
        cursor: u64,
        duplicate: bool,
    },
    /// Blobs with cursor > `after`, oldest first.
    Pull {
        after: u64,
        limit: u32,
    },
    PullPage {
        blobs: Vec<StoredBlob>,
        has_more: bool,
    },
    /// Streams every blob with cursor > `after` as `Notify`: the backlog, then live commits.
    Subscribe {
        after: u64,
    },
    Notify {
        blob: StoredBlob,
    },

    Error {
        code: ErrorCode,
        message: String,
    },
    Bye,

    /// Member → relay, on a request stream: open a pairing mailbox for `ttl_secs` (the relay
    /// caps it). The stream stays open for the pairing: `PairOpened`, then the joining
    /// device's `PairMessage`s.
    PairOpen {
        ttl_secs: u64,
    },
    /// Relay → member: the mailbox's id (20 bits, allocated at random, not reused for an
    /// hour) and when it expires.
    PairOpened {
        mailbox: u32,
        expires_at_ms: u64,
    },
    /// A device that is no member → relay, the first frame of its connection (instead of
    /// `Hello`): join `mailbox`. Only the mailbox's messages travel on this connection.
    PairJoin {
        versions: Vec<u16>,
        mailbox: u32,
    },
    /// Either side of a pairing → relay → the other side: one opaque message (PAKE message,
    /// key confirmation or sealed invite), bounded in size and count.
    PairMessage {
        #[serde(with = "serde_bytes")]
        body: Vec<u8>,
    },

    /// Device → relay: begin (or resume) uploading a large object of `chunk_count` chunk
    /// envelopes, each `chunk_bytes` long but the last (`last_chunk_bytes`). Idempotent:
    /// answered with `ObjectStatus`, which says which chunks the relay already holds.
    ObjectBegin {
        object_id: [u8; 16],
        chunk_count: u64,
        chunk_bytes: u32,
        last_chunk_bytes: u32,
    },
    /// Relay → device: what the relay holds of an object. `stored` lists the stored chunk
    /// indexes as sorted half-open runs; `committed` is the manifest's cursor once committed.
    ObjectStatus {
        object_id: [u8; 16],
        chunk_count: u64,
        stored: Vec<(u64, u64)>,
        committed: Option<u64>,
        expires_at_ms: u64,
    },
    /// Device → relay: chunk `index` of a begun object, answered with `ChunkAck` once durable.
    ChunkPut {
        object_id: [u8; 16],
        index: u64,
        #[serde(with = "serde_bytes")]
        envelope: Vec<u8>,
    },
    /// Sent only once the chunk is durably stored; `duplicate` if it already was.
    ChunkAck {
        object_id: [u8; 16],
        index: u64,
        duplicate: bool,
    },
    /// Device → relay: every chunk is stored; enter `manifest` into the group's log under
    /// `object_id`, as a push would (answered with `PushAck`, or `ObjectIncomplete`).
    ObjectCommit {
        object_id: [u8; 16],
        #[serde(with = "serde_bytes")]
        manifest: Vec<u8>,
        ttl_secs: Option<u64>,
    },
    /// Device → relay: give up an upload; its chunks are deleted and their bytes freed.
    ObjectAbort {
        object_id: [u8; 16],
    },
    /// Relay → device: the object is gone (or never was) on this relay.
    ObjectAborted {
        object_id: [u8; 16],
    },
    /// Device → relay: stream the chunks `from..to` of a committed object, as `Chunk` frames
    /// in index order; the relay then finishes the stream (or ends it with an `Error`).
    ChunkGet {
        object_id: [u8; 16],
        from: u64,
        to: u64,
    },
    Chunk {
        index: u64,
        #[serde(with = "serde_bytes")]
        envelope: Vec<u8>,
    },
}

impl Message {
    /// Name of the variant, for errors about unexpected frames (never the contents).
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Hello { .. } => "Hello",
            Message::Challenge { .. } => "Challenge",
            Message::Auth { .. } => "Auth",
            Message::Welcome { .. } => "Welcome",
            Message::Push { .. } => "Push",
            Message::PushAck { .. } => "PushAck",
            Message::Pull { .. } => "Pull",
            Message::PullPage { .. } => "PullPage",
            Message::Subscribe { .. } => "Subscribe",
            Message::Notify { .. } => "Notify",
            Message::Error { .. } => "Error",
            Message::Bye => "Bye",
            Message::PairOpen { .. } => "PairOpen",
            Message::PairOpened { .. } => "PairOpened",
            Message::PairJoin { .. } => "PairJoin",
            Message::PairMessage { .. } => "PairMessage",
            Message::ObjectBegin { .. } => "ObjectBegin",
            Message::ObjectStatus { .. } => "ObjectStatus",
            Message::ChunkPut { .. } => "ChunkPut",
            Message::ChunkAck { .. } => "ChunkAck",
            Message::ObjectCommit { .. } => "ObjectCommit",
            Message::ObjectAbort { .. } => "ObjectAbort",
            Message::ObjectAborted { .. } => "ObjectAborted",
            Message::ChunkGet { .. } => "ChunkGet",
            Message::Chunk { .. } => "Chunk",
        }
    }
}

/// A blob as the relay stores it: ciphertext plus the metadata the relay needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBlob {
    pub cursor: u64,
    pub blob_id: [u8; 16],
    /// `device_id` of the pusher.
    pub origin: [u8; 16],
    /// Commit time on the relay, milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
    /// Encoded as one byte string, not a sequence of bytes: large blobs copy in bulk.
    #[serde(with = "serde_bytes")]
    pub envelope: Vec<u8>,
}

/// Limits the relay enforces, announced in `Welcome` so clients can fail early.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub max_envelope_bytes: u64,
    pub max_ttl_secs: u64,
    pub max_page_blobs: u32,
}

/// Typed reasons in `Error` frames; the client maps each to a [`crate::Error`] variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// The frame could not be decoded or exceeded the frame limit.
    BadFrame,
    /// A well-formed message that is not allowed at this point of the session.
    UnexpectedMessage,
    /// The relay speaks none of the versions offered; `relay` lists its own.
    VersionMismatch {
        relay: Vec<u16>,
    },
    Unauthorized,
    PayloadTooLarge {
        size: u64,
        max: u64,
    },
    QuotaExceeded,
    RateLimited {
        retry_after_ms: u64,
    },
    UnknownCursor {
        cursor: u64,
        latest: u64,
    },
    /// Too many concurrent sessions.
    Busy,
    HelloTimeout,
    ShuttingDown,
    Internal,
    /// A request stream did not deliver its frame in time.
    RequestTimeout,
    /// The relay's store cannot be reached now (its database is down); nothing was stored.
    /// Transient: the device retries, on this relay or another.
    StorageUnavailable,
    /// A pairing ended without an invite: the other side's key confirmation did not verify
    /// (a wrong code), or it left. The mailbox is gone. Devices send it to the relay too,
    /// which passes it on to the other side.
    PairingFailed,
    /// No open mailbox has this id (never opened, already used, or burned).
    MailboxUnknown,
    /// The mailbox expired before the pairing finished.
    PairingExpired,
    /// No such object on this relay (never begun, aborted or expired), or, for `ChunkGet`,
    /// not committed yet: a device reading it tries another relay.
    ObjectUnknown,
    /// A commit while `missing` chunks are not stored, or a `ChunkGet` that met a chunk
    /// missing from storage.
    ObjectIncomplete {
        missing: u64,
    },
    /// A request that does not fit the object as the relay holds it: other sizes for the same
    /// id, an index or length outside them, a chunk for a committed object.
    ObjectMismatch,
}

/// serde supports arrays up to 32 elements; a signature is 64 bytes.
mod serde_sig {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(sig: &[u8; 64], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(sig)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 64], D::Error> {
        let bytes: &[u8] = Deserialize::deserialize(d)?;
        bytes
            .try_into()
            .map_err(|_| D::Error::invalid_length(bytes.len(), &"64 bytes"))
    }
}
