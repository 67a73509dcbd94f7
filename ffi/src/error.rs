//! The one error enum every language sees. Flat: a variant name for `catch`/`errors.Is`,
//! and the core error's message (never key material).

use zerok_core::Error as Core;

/// As JSON (the daemon's and the Tauri plugin's errors): `{"code": "<Variant>", "message": …}`.
#[derive(Debug, thiserror::Error, serde::Serialize)]
#[serde(tag = "code", content = "message")]
pub enum SyncError {
    #[error("{0}")]
    NotConnected(String),
    #[error("{0}")]
    ConnectionFailed(String),
    #[error("{0}")]
    AllRelaysFailed(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    VersionMismatch(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    QuotaExceeded(String),
    #[error("{0}")]
    RateLimited(String),
    #[error("{0}")]
    OutboxFull(String),
    #[error("{0}")]
    InviteExpired(String),
    #[error("{0}")]
    InvalidInvite(String),
    #[error("{0}")]
    UnsupportedInviteVersion(String),
    #[error("{0}")]
    Tampered(String),
    #[error("{0}")]
    InvalidConfig(String),
    #[error("{0}")]
    UnknownCursor(String),
    #[error("{0}")]
    Protocol(String),
    #[error("{0}")]
    Transport(String),
    #[error("{0}")]
    Timeout(String),
    #[error("{0}")]
    Relay(String),
    #[error("{0}")]
    State(String),
    #[error("{0}")]
    Shutdown(String),
    #[error("{0}")]
    InvalidPairingCode(String),
    #[error("{0}")]
    PairingFailed(String),
    #[error("{0}")]
    PairingExpired(String),
    /// Reading or writing a transfer's file or stream failed, or it changed while read.
    #[error("{0}")]
    Io(String),
    /// The transfer was cancelled: nothing half-done is left as complete.
    #[error("{0}")]
    Cancelled(String),
    /// No relay holds the object (expired, or not copied where it was asked for yet).
    #[error("{0}")]
    ObjectUnavailable(String),
    /// A bug in the library (a panic or a lost task); the process keeps running.
    #[error("{0}")]
    Internal(String),
}

impl From<Core> for SyncError {
    fn from(e: Core) -> Self {
        let message = e.to_string();
        match e {
            Core::NotConnected => Self::NotConnected(message),
            Core::ConnectionFailed { .. } => Self::ConnectionFailed(message),
            Core::AllRelaysFailed { .. } => Self::AllRelaysFailed(message),
            Core::Unauthorized(_) => Self::Unauthorized(message),
            Core::VersionMismatch { .. } => Self::VersionMismatch(message),
            Core::PayloadTooLarge { .. } => Self::PayloadTooLarge(message),
            Core::QuotaExceeded(_) => Self::QuotaExceeded(message),
            Core::RateLimited { .. } => Self::RateLimited(message),
            Core::OutboxFull { .. } => Self::OutboxFull(message),
            Core::InviteExpired { .. } => Self::InviteExpired(message),
            Core::UnsupportedInviteVersion { .. } => Self::UnsupportedInviteVersion(message),
            Core::InvalidInvite(_) => Self::InvalidInvite(message),
            Core::Tampered { .. } => Self::Tampered(message),
            Core::InvalidConfig(_) => Self::InvalidConfig(message),
            Core::UnknownCursor { .. } => Self::UnknownCursor(message),
            Core::Protocol(_) => Self::Protocol(message),
            Core::Transport(_) => Self::Transport(message),
            Core::Timeout(_) => Self::Timeout(message),
            Core::Relay(_) => Self::Relay(message),
            Core::State(_) => Self::State(message),
            Core::Shutdown => Self::Shutdown(message),
            Core::InvalidPairingCode(_) => Self::InvalidPairingCode(message),
            Core::PairingFailed(_) => Self::PairingFailed(message),
            Core::PairingExpired(_) => Self::PairingExpired(message),
            Core::Io(_) => Self::Io(message),
            Core::Cancelled => Self::Cancelled(message),
            Core::ObjectUnavailable { .. } => Self::ObjectUnavailable(message),
        }
    }
}
