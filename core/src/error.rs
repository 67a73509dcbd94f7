//! The one error type of the client core. Every variant is something an application can act
//! on; the FFI layer maps it one to one. Messages never contain key material.

use crate::protocol::ErrorCode;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Exhaustive on purpose: the FFI layer maps every variant, and a new one must be mapped
/// there (and in every language's error types) before it compiles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The client is not connected (never connected, or `disconnect` was called).
    #[error("not connected: call connect() first")]
    NotConnected,
    /// One relay could not be reached or refused the connection.
    #[error("connection to relay {relay} failed: {reason}")]
    ConnectionFailed { relay: String, reason: String },
    /// Every configured relay failed; `reasons` has one entry per relay tried.
    #[error("all {} relays failed: {}", reasons.len(), reasons.join("; "))]
    AllRelaysFailed { reasons: Vec<String> },
    /// The relay rejected our proof of group membership.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// Client and relay share no wire protocol version.
    #[error("protocol version mismatch: client supports {client:?}, relay supports {relay:?}")]
    VersionMismatch { client: Vec<u16>, relay: Vec<u16> },
    #[error("payload too large: {size} bytes, limit is {max}")]
    PayloadTooLarge { size: u64, max: u64 },
    #[error("group storage quota exceeded on the relay: {0}")]
    QuotaExceeded(String),
    /// The relay kept refusing for its request rate until the call's timeout passed (the
    /// client waits as the relay asks and retries within the timeout).
    #[error("rate limited by the relay, retry after {retry_after_ms} ms")]
    RateLimited { retry_after_ms: u64 },
    /// The outbox holds as many sealed bytes as it may (`outbox_max_bytes`); nothing was
    /// enqueued. It empties as relays acknowledge what it holds.
    #[error("outbox full: {used} of {max} bytes waiting, the blob needs {needed}")]
    OutboxFull { used: u64, needed: u64, max: u64 },
    #[error("invite expired at unix time {expired_at}")]
    InviteExpired { expired_at: u64 },
    /// The invite is well-formed but written by a newer (or unknown) invite format.
    #[error("unsupported invite version {found}: this build reads version {supported}")]
    UnsupportedInviteVersion { found: u8, supported: u8 },
    /// The invite string is corrupt: bad encoding, checksum or contents.
    #[error("invalid invite: {0}")]
    InvalidInvite(String),
    /// A blob failed authentication: altered, swapped, replayed under another id, or
    /// encrypted for another group.
    #[error("blob {blob_id} failed to decrypt or authenticate")]
    Tampered { blob_id: String },
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// The relay does not know the cursor we asked to continue from.
    #[error("unknown cursor {cursor}: the relay's latest is {latest}")]
    UnknownCursor { cursor: u64, latest: u64 },
    /// The peer violated the wire protocol (malformed or unexpected frame).
    #[error("protocol error: {0}")]
    Protocol(String),
    /// A network-level failure on an established connection.
    #[error("transport error: {0}")]
    Transport(String),
    /// The operation did not finish in time.
    #[error("timed out: {0}")]
    Timeout(String),
    /// The relay failed internally (its storage, most likely); nothing was acknowledged.
    #[error("relay error: {0}")]
    Relay(String),
    /// Reading or writing local state (the state file) failed.
    #[error("local state: {0}")]
    State(String),
    /// A typed pairing code is malformed: wrong length, a character outside the code's
    /// alphabet, or a check character that does not match (a typo). Nothing was sent.
    #[error("invalid pairing code: {0}")]
    InvalidPairingCode(String),
    /// A pairing ended without an invite: the codes did not match (each wrong code burns
    /// its mailbox), no mailbox has that code on the relay (already used, burned or never
    /// shown), or the other device left. Both devices are told.
    #[error("pairing failed: {0}")]
    PairingFailed(String),
    /// The pairing code expired before the other device finished pairing.
    #[error("pairing code expired: {0}")]
    PairingExpired(String),
    /// The client was shut down; create a new one.
    #[error("client is shut down")]
    Shutdown,
    /// Reading or writing a file or stream of a transfer failed, or it changed while read.
    #[error("i/o: {0}")]
    Io(String),
    /// The transfer was cancelled; an upload's partial object was removed from the relay,
    /// a download left no file at its destination.
    #[error("transfer cancelled")]
    Cancelled,
    /// No relay holds this object (it expired, or was never committed where it is asked).
    #[error("object {object_id} is not available on the relay")]
    ObjectUnavailable { object_id: String },
}

impl Error {
    /// True for failures that another attempt (on this or another relay) may cure.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::ConnectionFailed { .. } | Error::Transport(_) | Error::Timeout(_)
        )
    }

    /// Maps an Error frame sent by the relay to the typed error the application sees.
    pub fn from_wire(code: ErrorCode, message: String) -> Self {
        match code {
            ErrorCode::Unauthorized => Error::Unauthorized(message),
            ErrorCode::VersionMismatch { relay } => Error::VersionMismatch {
                client: crate::protocol::SUPPORTED_VERSIONS.to_vec(),
                relay,
            },
            ErrorCode::PayloadTooLarge { size, max } => Error::PayloadTooLarge { size, max },
            ErrorCode::QuotaExceeded => Error::QuotaExceeded(message),
            ErrorCode::RateLimited { retry_after_ms } => Error::RateLimited { retry_after_ms },
            ErrorCode::UnknownCursor { cursor, latest } => Error::UnknownCursor { cursor, latest },
            ErrorCode::BadFrame | ErrorCode::UnexpectedMessage => {
                Error::Protocol(format!("relay rejected our frame: {message}"))
            }
            ErrorCode::Busy
            | ErrorCode::ShuttingDown
            | ErrorCode::HelloTimeout
            | ErrorCode::StorageUnavailable => {
                Error::Transport(format!("relay closed the session: {message}"))
            }
            ErrorCode::Internal => Error::Relay(message),
            ErrorCode::RequestTimeout => Error::Timeout(message),
            ErrorCode::PairingFailed => Error::PairingFailed(message),
            ErrorCode::MailboxUnknown => Error::PairingFailed(format!(
                "{message}: the code is mistyped, used up or was shown for another relay"
            )),
            ErrorCode::PairingExpired => Error::PairingExpired(message),
            // Object transfers act on these codes themselves; one that reaches a caller
            // means the relay and this device disagree about the object.
            ErrorCode::ObjectUnknown
            | ErrorCode::ObjectIncomplete { .. }
            | ErrorCode::ObjectMismatch => {
                Error::Protocol(format!("relay refused the object request: {message}"))
            }
        }
    }
}
