//! The wire protocol between a device and a relay. Shared with the relay crate, which is
//! why it lives here as plain types and framing, with no client or server logic.
//!
//! One QUIC connection per device and relay (ALPN [`ALPN`]). The first bidirectional stream
//! is the control stream and carries the handshake:
//! `Hello → Challenge → Auth → Welcome` (or `Error`). After `Welcome`, every request gets a
//! stream of its own: `Push → PushAck`, `Pull → PullPage`, `Subscribe → Notify…`, and for large objects
//! `ObjectBegin → ObjectStatus`, `ChunkPut → ChunkAck`, `ObjectCommit → PushAck`,
//! `ObjectAbort → ObjectAborted`, `ChunkGet → Chunk…`. Any of
//! them may be answered with `Error` instead. A device ends a `Push` or `Pull` stream right
//! after its message and the relay ends it right after the reply; a `Subscribe` stream stays
//! open on the device's side, whose end tells the relay the subscriber left. `Bye` on the
//! control stream ends the session.

mod frame;
mod messages;

pub use frame::{
    FrameBatch, FrameError, MAX_FRAME, chunk_frame_head, read_frame_len, read_message,
    read_message_body, take_end_if_arrived, write_message, write_notify,
};
pub use messages::{ErrorCode, Limits, Message, StoredBlob};

/// ALPN of the protocol family; versions within it are negotiated in Hello/Challenge.
pub const ALPN: &[u8] = b"0k-sync/1";
/// Wire protocol version this build speaks best.
pub const PROTOCOL_VERSION: u16 = 1;
/// Every wire protocol version this build can speak, newest last.
pub const SUPPORTED_VERSIONS: &[u16] = &[1];
