//! The FFI surface of 0k-sync: one concrete client over `SyncClient<IrohTransport>`, flat
//! records and one error enum, as declared in `udl/zerok_sync.udl`. No protocol logic lives
//! here, only conversion; every future runs on the library's own tokio runtime, so callers
//! on any thread or foreign event loop work.

mod client;
mod error;
pub mod json;
mod objects;
mod pairing;
mod records;
mod runtime;

pub use client::{EventStream, Subscription, SyncClient, create_client};
pub use error::SyncError;
pub use objects::{RemoteObject, Transfer, TransferProgress, TransferResult, Upload};
pub use pairing::{PairedInvite, Pairing, join_with_code};
pub use records::{
    DerivedSecret, Invite, KdfParams, Pending, PullResult, PushResult, SyncBlob, SyncConfig,
    SyncEvent, TamperedBlob, VersionInfo, derive_secret, invite_from_qr, invite_to_qr,
};

/// Versions of the loaded library: core crate, wire protocol, FFI crate.
pub fn version() -> VersionInfo {
    VersionInfo {
        core: zerok_core::CORE_VERSION.to_owned(),
        wire: zerok_core::protocol::PROTOCOL_VERSION,
        ffi: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

uniffi::include_scaffolding!("zerok_sync");
