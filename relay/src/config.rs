//! Operator-facing settings of a relay, with defaults fit for a small self-hosted one.

use std::{net::SocketAddr, time::Duration};

pub use crate::pairing::PairingLimits;

#[derive(Clone, Debug)]
pub struct RelayConfig {
    pub listen: SocketAddr,
    /// The relay's persistent identity (iroh secret key). `None`: a fresh one per start,
    /// which changes the address clients must dial.
    pub secret_key: Option<[u8; 32]>,
    pub max_envelope_bytes: u64,
    /// TTL of a blob whose push names none.
    pub default_ttl: Duration,
    /// Longest TTL a push may ask for.
    pub max_ttl: Duration,
    pub max_sessions: usize,
    /// A connection must complete Hello within this time.
    pub hello_timeout: Duration,
    /// A request stream must deliver its whole frame within this time.
    pub request_timeout: Duration,
    /// Requests per second one connection may make (token bucket) …
    pub rate_per_sec: u32,
    /// … with bursts up to this many.
    pub rate_burst: u32,
    pub max_page_blobs: u32,
    /// Envelope bytes per pull page (a single larger blob still gets a page of its own).
    pub max_page_bytes: usize,
    /// How often expired blobs are deleted.
    pub expiry_interval: Duration,
    /// An upload of a large object left this long without a new chunk is deleted, and its
    /// chunks no longer count against the group's quota.
    pub upload_ttl: Duration,
    /// Bytes of large request frames (pushes, chunks) all sessions together may hold in memory
    /// at once; a frame over 64 KiB waits for its share before it is read, which slows its
    /// sender through QUIC's flow control. Bounds the relay's memory whatever the number of
    /// uploads in flight.
    pub frame_bytes_in_flight: usize,
    /// Fault injection for tests, never set in service: the process exits right after its
    /// N-th new commit, before acknowledging it, as a crash between commit and
    /// acknowledgement would.
    pub crash_after_commits: Option<u64>,
    /// Where to serve the operator HTTP endpoints (`/healthz`, `/readyz`, `/metrics`);
    /// `None`: not served. Installs the process's Prometheus recorder
    /// (`metrics::prometheus`) when set.
    pub http_listen: Option<SocketAddr>,
    /// Pairing mailboxes: longest life, how many at once, joins per minute per source.
    pub pairing: PairingLimits,
}

impl Default for RelayConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            secret_key: None,
            max_envelope_bytes: 8 * 1024 * 1024,
            default_ttl: Duration::from_secs(7 * 24 * 3600),
            max_ttl: Duration::from_secs(30 * 24 * 3600),
            max_sessions: 1024,
            hello_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            rate_per_sec: 2000,
            rate_burst: 4000,
            max_page_blobs: 512,
            max_page_bytes: 4 * 1024 * 1024,
            expiry_interval: Duration::from_secs(60),
            upload_ttl: Duration::from_secs(24 * 3600),
            frame_bytes_in_flight: 32 * 1024 * 1024,
            crash_after_commits: None,
            http_listen: None,
            pairing: PairingLimits::default(),
        }
    }
}
