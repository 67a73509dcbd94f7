//! The 0k-sync relay: stores a group's ciphertext and serves it to devices that prove
//! membership. It never holds a key: it checks a signature against the group id and keeps
//! opaque envelopes in a [`storage::Storage`].
//!
//! ```no_run
//! # async fn run() -> Result<(), zerok_relay::RelayError> {
//! use zerok_relay::{Relay, RelayConfig, storage::{SqliteConfig, SqliteStorage}};
//! let storage = SqliteStorage::open("relay.db".as_ref(), SqliteConfig::default())?;
//! let relay = Relay::start(storage, RelayConfig::default()).await?;
//! println!("dial me at {}", relay.addr());
//! relay.shutdown().await;
//! # Ok(()) }
//! ```

mod config;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod metrics;
mod notifier;
mod objects;
mod ops_http;
mod pairing;
mod rate_limit;
mod read_ahead;
mod server;
mod session;
pub mod storage;
mod streams;

pub use config::{PairingLimits, RelayConfig};
pub use server::{Relay, RelayError};
