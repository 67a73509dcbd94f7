//! Client side of 0k-sync: everything a device needs to push, pull and stream
//! end-to-end encrypted blobs through untrusted relays.
//!
//! Layers, bottom up:
//! - [`crypto`]: group secret, derived keys, the blob envelope. Keys never leave this crate.
//! - [`protocol`]: the wire messages and their framing, shared with the relay crate.
//! - [`transport`]: the [`Transport`] trait and its one production implementation over iroh.
//! - [`client`]: [`SyncClient`], the API applications use.
//! - [`invite`]: the string a device hands to another so it can join the group.
//! - [`pairing`]: the short code a device types instead, run as a PAKE through a relay.
//!
//! See `PROTOCOL.md` beside this crate for the scheme in prose.

pub mod client;
pub mod crypto;
mod error;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod invite;
pub mod pairing;
pub mod protocol;
mod relay_addr;
pub mod transport;

pub use client::{
    ClientConfig, EventStream, INLINE_MAX, Liveness, ObjectInfo, ObjectPushed, ObjectSaved,
    Pairing, Pending, Progress, PullResult, PushResult, Subscription, SyncBlob, SyncClient,
    SyncEvent, TamperedBlob, Transfer,
};
pub use crypto::{GroupSecret, KdfParams, Salt};
pub use error::{Error, Result};
pub use invite::Invite;
pub use relay_addr::RelayAddr;
pub use transport::{Transport, iroh::IrohTransport};

/// Version of this crate, reported through the FFI `version()` call.
pub const CORE_VERSION: &str = env!("CARGO_PKG_VERSION");
