//! What a relay counts for its operator, through the `metrics` facade, and the Prometheus
//! recorder whose rendering the operator HTTP listener serves on `/metrics`.
//!
//! The facade's global macros let any file record (a storage backend records its own commit
//! figures) without plumbing. The session path uses handles registered once per relay
//! ([`Metrics`]) rather than the macros: a labelled macro call with run-time label values
//! builds its key on every call, a registered handle only bumps an atomic.
//!
//! Names follow Prometheus conventions: `zerok_` prefix, the unit in the name (`_seconds`,
//! `_bytes`), `_total` on counters.

use std::{sync::OnceLock, time::Duration};

use metrics::{Counter, Gauge, Histogram, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use zerok_core::protocol::ErrorCode;

use crate::storage::StorageError;

pub const SESSIONS_OPEN: &str = "zerok_sessions_open";
pub const SESSIONS_ACCEPTED: &str = "zerok_sessions_accepted_total";
pub const SESSIONS_REFUSED: &str = "zerok_sessions_refused_total";
pub const REQUESTS: &str = "zerok_requests_total";
pub const PUSH_BYTES: &str = "zerok_push_envelope_bytes_total";
pub const PULL_BYTES: &str = "zerok_pull_envelope_bytes_total";
pub const NOTIFY_BYTES: &str = "zerok_notify_envelope_bytes_total";
/// Chunk envelopes of large objects stored (`dir="in"`) and sent to devices (`dir="out"`).
pub const CHUNK_BYTES: &str = "zerok_chunk_envelope_bytes_total";
pub const NOTIFY_FANOUT_SECONDS: &str = "zerok_notify_fanout_seconds";
pub const RATE_LIMITED: &str = "zerok_rate_limited_total";
/// Recorded by each storage backend: requests committed per write transaction.
pub const COMMIT_BATCH_SIZE: &str = "zerok_storage_commit_batch_size";
/// Recorded by each storage backend: one write transaction, begin to durable commit.
pub const COMMIT_SECONDS: &str = "zerok_storage_commit_seconds";
/// Recorded by each storage backend (label `kind`: unavailable, backend, closed).
pub const STORAGE_ERRORS: &str = "zerok_storage_errors_total";

/// Label values of a request's kind.
const KINDS: [&str; 7] = [
    "push",
    "pull",
    "subscribe",
    "object",
    "chunk_put",
    "chunk_get",
    "other",
];

/// Label values of a request's outcome and of a refused session's reason: `ok`, one per
/// error code, and `disconnected` (the peer went away before an answer was due).
const OUTCOMES: [&str; 22] = [
    "ok",
    "bad_frame",
    "unexpected_message",
    "version_mismatch",
    "unauthorized",
    "payload_too_large",
    "quota_exceeded",
    "rate_limited",
    "unknown_cursor",
    "busy",
    "hello_timeout",
    "shutting_down",
    "internal",
    "request_timeout",
    "storage_unavailable",
    "pairing_failed",
    "mailbox_unknown",
    "pairing_expired",
    "object_unknown",
    "object_incomplete",
    "object_mismatch",
    "disconnected",
];

/// A request's kind, as counted.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Push = 0,
    Pull = 1,
    Subscribe = 2,
    /// `ObjectBegin`, `ObjectCommit`, `ObjectAbort`.
    Object = 3,
    ChunkPut = 4,
    ChunkGet = 5,
    Other = 6,
}

/// Index of a request's outcome in [`OUTCOMES`]: `Ok`, an error code, or `None` for a peer
/// that went away.
fn outcome(code: Option<&ErrorCode>) -> usize {
    match code {
        None => OUTCOMES.len() - 1,
        Some(code) => match code {
            ErrorCode::BadFrame => 1,
            ErrorCode::UnexpectedMessage => 2,
            ErrorCode::VersionMismatch { .. } => 3,
            ErrorCode::Unauthorized => 4,
            ErrorCode::PayloadTooLarge { .. } => 5,
            ErrorCode::QuotaExceeded => 6,
            ErrorCode::RateLimited { .. } => 7,
            ErrorCode::UnknownCursor { .. } => 8,
            ErrorCode::Busy => 9,
            ErrorCode::HelloTimeout => 10,
            ErrorCode::ShuttingDown => 11,
            ErrorCode::Internal => 12,
            ErrorCode::RequestTimeout => 13,
            ErrorCode::StorageUnavailable => 14,
            ErrorCode::PairingFailed => 15,
            ErrorCode::MailboxUnknown => 16,
            ErrorCode::PairingExpired => 17,
            ErrorCode::ObjectUnknown => 18,
            ErrorCode::ObjectIncomplete { .. } => 19,
            ErrorCode::ObjectMismatch => 20,
        },
    }
}

/// The handles a relay's sessions record through, registered once when the relay starts.
pub(crate) struct Metrics {
    pub sessions_open: Gauge,
    pub sessions_accepted: Counter,
    sessions_refused: [Counter; OUTCOMES.len()],
    requests: [[Counter; OUTCOMES.len()]; KINDS.len()],
    pub push_bytes: Counter,
    pub pull_bytes: Counter,
    pub notify_bytes: Counter,
    pub chunk_in_bytes: Counter,
    pub chunk_out_bytes: Counter,
    pub notify_fanout: Histogram,
    pub rate_limited: Counter,
}

impl Metrics {
    pub fn register() -> Self {
        Self {
            sessions_open: metrics::gauge!(SESSIONS_OPEN),
            sessions_accepted: metrics::counter!(SESSIONS_ACCEPTED),
            // A session is never refused with "ok": no series for it.
            sessions_refused: std::array::from_fn(|o| match o {
                0 => Counter::noop(),
                _ => metrics::counter!(SESSIONS_REFUSED, "reason" => OUTCOMES[o]),
            }),
            requests: std::array::from_fn(|k| {
                std::array::from_fn(
                    |o| metrics::counter!(REQUESTS, "kind" => KINDS[k], "outcome" => OUTCOMES[o]),
                )
            }),
            push_bytes: metrics::counter!(PUSH_BYTES),
            pull_bytes: metrics::counter!(PULL_BYTES),
            notify_bytes: metrics::counter!(NOTIFY_BYTES),
            chunk_in_bytes: metrics::counter!(CHUNK_BYTES, "dir" => "in"),
            chunk_out_bytes: metrics::counter!(CHUNK_BYTES, "dir" => "out"),
            notify_fanout: metrics::histogram!(NOTIFY_FANOUT_SECONDS),
            rate_limited: metrics::counter!(RATE_LIMITED),
        }
    }

    /// A session refused before it was established (`None`: the peer went away).
    pub fn session_refused(&self, code: Option<&ErrorCode>) {
        self.sessions_refused[outcome(code)].increment(1);
    }

    /// One request answered: `Ok`, or the error code sent (`None`: the peer went away).
    pub fn request(&self, kind: Kind, code: Option<Option<&ErrorCode>>) {
        let outcome = code.map_or(0, outcome);
        self.requests[kind as usize][outcome].increment(1);
    }

    /// An established session, counted open until the guard drops.
    pub fn session_open(&self) -> OpenSession {
        self.sessions_accepted.increment(1);
        self.sessions_open.increment(1.0);
        OpenSession(self.sessions_open.clone())
    }
}

/// Counts a session as open while it lives.
pub(crate) struct OpenSession(Gauge);

impl Drop for OpenSession {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

/// Counts a storage error by kind (for storage backends; quota refusals are not errors).
pub fn storage_error(e: &StorageError) {
    storage_event(match e {
        // Refusals of a request, not failures of the store.
        StorageError::QuotaExceeded { .. }
        | StorageError::ObjectUnknown
        | StorageError::ObjectIncomplete { .. }
        | StorageError::ObjectMismatch => return,
        StorageError::Closed => "closed",
        StorageError::Unavailable(_) => "unavailable",
        StorageError::Full(_) => "full",
        StorageError::Backend(_) => "backend",
    });
}

/// Counts a storage failure no request saw (a lost notice listener, a transaction run again)
/// under `kind` in the same metric.
pub fn storage_event(kind: &'static str) {
    metrics::counter!(STORAGE_ERRORS, "kind" => kind).increment(1);
}

/// Records one durable write transaction of `batch` requests that took `took`.
pub fn commit(batch: usize, took: Duration) {
    metrics::histogram!(COMMIT_BATCH_SIZE).record(batch as f64);
    metrics::histogram!(COMMIT_SECONDS).record(took.as_secs_f64());
}

/// Latency buckets (seconds) of every `_seconds` histogram: a commit is an fsync (about a
/// millisecond here, tens on slow disks); a fan-out adds a network write.
const SECONDS_BUCKETS: [f64; 14] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];
/// Group-commit batch sizes, up to the SQLite writer's default cap of 512.
const BATCH_BUCKETS: [f64; 10] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];

/// The process's Prometheus recorder, installed as the global `metrics` recorder on first
/// call (once per process, shared by every relay in it). Histograms are rendered with
/// buckets rather than quantiles, so the figures of several relay nodes can be summed.
///
/// If the embedding program installed a recorder of its own first, that one keeps
/// receiving everything and the handle returned here renders nothing.
pub fn prometheus() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &SECONDS_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(COMMIT_BATCH_SIZE.into()),
                        &BATCH_BUCKETS,
                    )
                })
                .expect("bucket lists are not empty")
                .build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed; /metrics stays empty");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_gauge!(
        SESSIONS_OPEN,
        "Device sessions established and not yet ended."
    );
    describe_counter!(SESSIONS_ACCEPTED, "Sessions that completed the handshake.");
    describe_counter!(
        SESSIONS_REFUSED,
        "Connections refused before a session was established, by reason."
    );
    describe_counter!(REQUESTS, "Requests answered, by kind and outcome.");
    describe_counter!(
        PUSH_BYTES,
        Unit::Bytes,
        "Envelope bytes of acknowledged pushes."
    );
    describe_counter!(
        PULL_BYTES,
        Unit::Bytes,
        "Envelope bytes sent in pull pages."
    );
    describe_counter!(
        NOTIFY_BYTES,
        Unit::Bytes,
        "Envelope bytes sent to subscribers (backlog and live)."
    );
    describe_counter!(
        CHUNK_BYTES,
        Unit::Bytes,
        "Chunk envelope bytes of large objects: newly stored (in), sent to devices (out)."
    );
    describe_histogram!(
        NOTIFY_FANOUT_SECONDS,
        Unit::Seconds,
        "From a commit to its write to one live subscriber."
    );
    describe_counter!(
        RATE_LIMITED,
        "Requests refused by the per-connection rate limit."
    );
    describe_histogram!(
        COMMIT_BATCH_SIZE,
        Unit::Count,
        "Requests committed per storage write transaction."
    );
    describe_histogram!(
        COMMIT_SECONDS,
        Unit::Seconds,
        "One storage write transaction, begin to durable commit."
    );
    describe_counter!(STORAGE_ERRORS, "Storage failures, by kind.");
}
