//! [`SyncClient`]: push, enqueue, pull and subscribe to a group's blobs through its relays.
//!
//! Every method takes `&self` and may run concurrently with any other on the same client
//! (clone it freely: clones share one state). Connection state, cursors and the session
//! cache live behind short-lived locks that are never held across network I/O, except the
//! per-relay connect lock, which serialises dialing one relay.
//!
//! The library owns delivery: calls retry transport failures and honour a relay's rate
//! limit within their timeout (a retried push keeps its blob id, so the relay stores it
//! once); once `connect` was called the client stays connected by itself
//! (`connection.rs`); the outbox (`outbox.rs`, `sender.rs`) delivers enqueued blobs across
//! disconnects and restarts; subscriptions are at least once by acknowledgement
//! (`subscription.rs`).

mod config;
mod connection;
mod events;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod objects;
mod outbox;
mod pairing;
mod pull;
mod replicator;
mod sender;
mod session;
mod state;
mod subscription;

use std::{
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex, Once,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::sync::watch;

pub use config::{
    ClientConfig, DEFAULT_OUTBOX_MAX_BYTES, Liveness, MAX_IDLE_TIMEOUT, MAX_KEEP_ALIVE,
};
pub use events::{EventStream, SyncEvent};
pub use objects::{INLINE_MAX, ObjectInfo, ObjectPushed, ObjectSaved, Progress, Transfer};
pub use outbox::Pending;
pub use pairing::Pairing;
pub use pull::{PullResult, TamperedBlob};
pub(crate) use session::frame_err;
pub use subscription::Subscription;

use self::{
    events::Events,
    outbox::Outbox,
    replicator::{Replica, Replicator},
    session::{Identity, Session, unexpected},
    state::State,
};
use crate::{
    Error, Invite, RelayAddr, Result,
    crypto::{
        ENVELOPE_OVERHEAD, EnvelopeKind, GroupKeys, new_blob_id, open_manifest, padded_len, seal,
    },
    protocol::{Limits, MAX_FRAME, Message, StoredBlob},
    transport::Transport,
};

/// A decrypted blob as an application sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncBlob {
    pub blob_id: [u8; 16],
    pub payload: Vec<u8>,
    /// Position in the relay's log of the group: per relay, or per cluster when the relay
    /// is a node of one (every node of a cluster assigns the same cursors).
    pub cursor: u64,
    /// When the relay committed it, milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
    /// Set when the blob is an object (a file pushed with `push_file` or `push_stream`): what
    /// [`SyncClient::download`] needs. `payload` is then empty.
    pub object: Option<ObjectInfo>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PushResult {
    pub blob_id: [u8; 16],
    pub cursor: u64,
}

/// Largest payload any relay could accept: a maximal frame minus envelope and metadata.
const MAX_PAYLOAD: usize = MAX_FRAME - 64 * 1024;

pub struct SyncClient<T: Transport> {
    inner: Arc<Inner<T>>,
}

impl<T: Transport> Clone for SyncClient<T> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

pub(crate) struct Inner<T: Transport> {
    transport: T,
    config: ClientConfig,
    keys: GroupKeys,
    device_id: [u8; 16],
    state: Mutex<State>,
    outbox: Outbox,
    events: Events,
    /// Live session per relay index (the active one and those used for replication).
    sessions: Mutex<Vec<SessionSlot<T::Conn>>>,
    /// One dial at a time per relay; holds when and how the last dial failed, so callers
    /// that queued behind a failing dial share its error instead of dialing again one by
    /// one (200 concurrent calls must not wait 200 connect timeouts).
    connect_locks: Vec<tokio::sync::Mutex<Option<(Instant, Error)>>>,
    active: Mutex<Option<usize>>,
    /// The relay that served last, to tell a failover from a reconnect.
    last_active: Mutex<Option<usize>>,
    /// The application asked to be connected (connect called, disconnect not since).
    wanted: watch::Sender<bool>,
    /// `shutdown` was called (it ends sessions before `stopped` ends everything else).
    shutting_down: AtomicBool,
    stopped: watch::Sender<bool>,
    /// Starts the tasks that keep the client connected and send the outbox, once.
    background: Once,
    replicator: Replicator,
}

type SessionSlot<C> = Option<Arc<Session<C>>>;

enum Opened {
    Blob(SyncBlob),
    /// The device's own push: never handed back to it.
    Own,
}

/// Where the outbox of a device whose state is at `state_path` lives.
fn outbox_path(state_path: &Path) -> PathBuf {
    let mut path = state_path.as_os_str().to_owned();
    path.push(".outbox");
    path.into()
}

impl<T: Transport> SyncClient<T> {
    /// Creates a client and opens its outbox; no network traffic until
    /// [`connect`](Self::connect).
    pub fn new(transport: T, config: ClientConfig) -> Result<Self> {
        config.validate()?;
        let keys = GroupKeys::derive(&config.secret);
        let state = State::load(config.state_path.as_deref(), keys.group_id())?;
        let outbox = Outbox::open(
            config.state_path.as_deref().map(outbox_path).as_deref(),
            *keys.group_id(),
            config.outbox_max_bytes,
        )?;
        let relays = config.relays.len();
        Ok(Self {
            inner: Arc::new(Inner {
                transport,
                keys,
                device_id: state.device_id,
                state: Mutex::new(state),
                outbox,
                events: Events::default(),
                sessions: Mutex::new(vec![None; relays]),
                connect_locks: (0..relays).map(|_| tokio::sync::Mutex::new(None)).collect(),
                active: Mutex::new(None),
                last_active: Mutex::new(None),
                wanted: watch::channel(false).0,
                shutting_down: AtomicBool::new(false),
                stopped: watch::channel(false).0,
                background: Once::new(),
                replicator: Replicator::default(),
                config,
            }),
        })
    }

    /// The group's public id (hex), the same on every device of the group.
    pub fn group_id(&self) -> String {
        hex::encode(self.inner.keys.group_id())
    }

    /// Connects to the first relay (in preference order) that accepts our membership proof.
    /// From then on, until [`disconnect`](Self::disconnect), the client stays connected by
    /// itself: it reconnects with backoff after any failure (this call failing included),
    /// and sends the outbox.
    pub async fn connect(&self) -> Result<()> {
        self.inner.ensure_running()?;
        self.inner.wanted.send_replace(true);
        self.inner.start_background();
        self.inner.active_session().await.map(|_| ())
    }

    /// Closes every session. Calls then fail with `NotConnected` until `connect`; the
    /// outbox keeps what is enqueued meanwhile.
    pub async fn disconnect(&self) {
        self.inner.wanted.send_replace(false);
        self.inner.close_sessions("disconnected by the app").await;
    }

    /// Stops everything (sessions, subscriptions, replication, sockets). Idempotent. Event
    /// streams get the `Disconnected` of the active session, then end.
    pub async fn shutdown(&self) {
        if self.inner.shutting_down.swap(true, Ordering::AcqRel) {
            return;
        }
        self.inner.wanted.send_replace(false);
        self.inner.outbox.close();
        self.inner.close_sessions("the client shut down").await;
        self.inner.stopped.send_replace(true);
        self.inner.transport.close().await;
    }

    pub fn is_connected(&self) -> bool {
        self.inner.active_live().is_some()
    }

    /// The relay currently serving this client's calls.
    pub fn active_relay(&self) -> Option<RelayAddr> {
        self.inner.active_live().map(|s| s.relay.clone())
    }

    /// This device's cursor on the active relay (or the preferred one when disconnected):
    /// everything up to it has been received.
    pub fn current_cursor(&self) -> u64 {
        let relay = self
            .inner
            .active_live()
            .map_or_else(|| self.inner.config.relays[0].clone(), |s| s.relay.clone());
        self.inner.state.lock().expect("state lock").cursor(&relay)
    }

    /// Encrypts and pushes `payload`; returns once the active relay has durably stored it.
    /// Transport failures, a lost acknowledgement and the relay's rate limit are retried
    /// within `request_timeout`, always under the same blob id (the relay stores it once).
    /// Other relays receive a copy in the background.
    pub async fn push(&self, payload: &[u8]) -> Result<PushResult> {
        self.inner.ensure_running()?;
        let limit = self.inner.known_envelope_limit();
        check_size(payload.len(), limit)?;
        let blob_id = new_blob_id();
        let push = Arc::new(Message::Push {
            blob_id,
            envelope: seal(&self.inner.keys, &blob_id, payload),
            ttl_secs: self.inner.config.ttl.map(|t| t.as_secs()),
        });
        let deadline = Instant::now() + self.inner.config.request_timeout;
        let size = payload.len() as u64;
        let (relay_index, cursor) = self.inner.push_message(&push, size, Some(deadline)).await?;
        self.inner.replicate(relay_index, Replica::Push(push));
        Ok(PushResult { blob_id, cursor })
    }

    /// Seals `payload` and commits it to the outbox, without network; returns its blob id.
    /// The client delivers the outbox in enqueue order once connected, across disconnects,
    /// relay restarts and app restarts (the outbox is durable beside `state_path`), each blob
    /// once: [`SyncEvent::OutboxSent`] reports each delivery. Fails at once, enqueueing
    /// nothing, with `PayloadTooLarge` (over the relay's limit, as last announced) or
    /// `OutboxFull`.
    pub async fn enqueue(&self, payload: &[u8]) -> Result<[u8; 16]> {
        self.inner.ensure_running()?;
        check_size(payload.len(), self.inner.known_envelope_limit())?;
        let blob_id = new_blob_id();
        let envelope = seal(&self.inner.keys, &blob_id, payload);
        let ttl = self.inner.config.ttl.map(|t| t.as_secs());
        self.inner
            .outbox
            .insert(blob_id, envelope, ttl, None)
            .await?;
        self.inner.start_background();
        Ok(blob_id)
    }

    /// What the outbox holds, in enqueue order.
    pub fn pending(&self) -> Pending {
        self.inner.outbox.pending()
    }

    /// Waits until the outbox is empty. Fails with `Timeout` after `timeout` (if given) and
    /// with `NotConnected` while blobs wait and the client is not asked to be connected.
    pub async fn flush(&self, timeout: Option<Duration>) -> Result<()> {
        self.inner.ensure_running()?;
        let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
        let mut pending = self.inner.outbox.watch();
        let mut wanted = self.inner.wanted.subscribe();
        let mut stopped = self.inner.stopped.subscribe();
        loop {
            let left = *pending.borrow_and_update();
            if left == 0 {
                return Ok(());
            }
            if !*wanted.borrow_and_update() {
                return Err(Error::NotConnected);
            }
            let expired = async {
                match deadline {
                    Some(deadline) => tokio::time::sleep_until(deadline).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = pending.changed() => {}
                _ = wanted.changed() => {}
                _ = stopped.wait_for(|s| *s) => return Err(Error::Shutdown),
                _ = expired => {
                    return Err(Error::Timeout(format!("{left} blobs still in the outbox")));
                }
            }
        }
    }

    /// The client's events (connection, failover, outbox progress) from now on.
    pub fn events(&self) -> EventStream {
        self.inner.events.stream(self.inner.stopped.subscribe())
    }

    /// Everything this device has not received yet from the active relay, oldest first,
    /// and every blob among them that failed authentication. Advances the cursor past all.
    pub async fn pull(&self) -> Result<PullResult> {
        self.inner.pull(None).await
    }

    /// Every blob after `cursor` on the active relay (including ones received before), and
    /// every blob among them that failed authentication. Fails with `UnknownCursor` if the
    /// relay never assigned `cursor`.
    pub async fn pull_after(&self, cursor: u64) -> Result<PullResult> {
        self.inner.pull(Some(cursor)).await
    }

    /// A stream of decrypted blobs in cursor order: first everything after the current
    /// cursor, then live ones as they are committed, across reconnects and failovers.
    pub async fn subscribe(&self) -> Result<Subscription> {
        self.inner.ensure_running()?;
        if !*self.inner.wanted.borrow() {
            return Err(Error::NotConnected);
        }
        Ok(Subscription::start(self.inner.clone()))
    }

    /// An invite for another device, valid for `ttl`.
    pub fn create_invite(&self, ttl: Duration) -> Result<Invite> {
        let c = &self.inner.config;
        Invite::new(c.relays.clone(), c.secret.clone(), c.kdf, ttl)
    }

    /// Resolves once every background replication started so far has finished (succeeded
    /// or given up).
    pub async fn replication_idle(&self) {
        self.inner.replicator.idle().await;
    }
}

/// Refuses a payload whose envelope could not be accepted: above the protocol's largest, or
/// above `limit` (the relay's, when known).
fn check_size(len: usize, limit: Option<u64>) -> Result<()> {
    let max = limit.map_or(MAX_PAYLOAD as u64, |max_envelope_bytes| {
        max_payload_for(max_envelope_bytes)
    });
    if len as u64 > max {
        return Err(Error::PayloadTooLarge {
            size: len as u64,
            max,
        });
    }
    Ok(())
}

/// The largest plaintext whose envelope fits `max_envelope_bytes` (padding is monotonic:
/// bisect).
fn max_payload_for(max_envelope_bytes: u64) -> u64 {
    let fits = |n: usize| (ENVELOPE_OVERHEAD + padded_len(n)) as u64 <= max_envelope_bytes;
    let (mut lo, mut hi) = (0usize, MAX_PAYLOAD);
    if !fits(lo) {
        return 0;
    }
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    lo as u64
}

impl<T: Transport> Inner<T> {
    fn ensure_running(&self) -> Result<()> {
        if self.shutting_down.load(Ordering::Acquire) {
            Err(Error::Shutdown)
        } else {
            Ok(())
        }
    }

    fn identity(&self) -> Identity<'_> {
        Identity {
            keys: &self.keys,
            device_id: self.device_id,
            device_name: &self.config.device_name,
        }
    }

    /// The envelope limit of the relay connected to last (remembered across restarts).
    fn known_envelope_limit(&self) -> Option<u64> {
        self.state.lock().expect("state lock").max_envelope_bytes
    }

    /// Remembers the limits the active relay announced.
    fn learned_limits(&self, limits: &Limits) -> Result<()> {
        let mut state = self.state.lock().expect("state lock");
        if state.max_envelope_bytes != Some(limits.max_envelope_bytes) {
            state.max_envelope_bytes = Some(limits.max_envelope_bytes);
            state.save()?;
        }
        Ok(())
    }

    /// Pushes a sealed blob (of a `size`-byte payload, for errors) to the active relay,
    /// retrying until `deadline` (or, without one, until it succeeds or fails for good);
    /// returns the relay's index and the cursor.
    async fn push_message(
        &self,
        push: &Arc<Message>,
        size: u64,
        deadline: Option<Instant>,
    ) -> Result<(usize, u64)> {
        let Message::Push { envelope, .. } = &**push else {
            unreachable!("push_message takes a Push")
        };
        let envelope_size = envelope.len() as u64;
        self.call(deadline, |s| async move {
            if envelope_size > s.limits.max_envelope_bytes {
                return Err(Error::PayloadTooLarge {
                    size,
                    max: max_payload_for(s.limits.max_envelope_bytes),
                });
            }
            match s.request(push).await? {
                Message::PushAck { cursor, .. } => Ok((s.relay_index, cursor)),
                other => Err(unexpected(&other, "PushAck")),
            }
        })
        .await
    }

    /// Decrypts a stored blob, or an object's manifest (told by the envelope's first byte);
    /// the device's own pushes are recognised and not decrypted.
    fn open_blob(&self, stored: StoredBlob) -> Result<Opened> {
        if stored.origin == self.device_id {
            return Ok(Opened::Own);
        }
        let (id, keys) = (stored.blob_id, &self.keys);
        let (payload, object) = match EnvelopeKind::of(&stored.envelope) {
            Some(EnvelopeKind::Manifest) => {
                let manifest = open_manifest(keys, &id, stored.envelope)?;
                (Vec::new(), Some(ObjectInfo::from_manifest(id, manifest)))
            }
            _ => (crate::crypto::open(keys, &id, stored.envelope)?, None),
        };
        Ok(Opened::Blob(SyncBlob {
            blob_id: id,
            payload,
            cursor: stored.cursor,
            timestamp_ms: stored.timestamp_ms,
            object,
        }))
    }

    /// Records that blobs up to `cursor` from `relay` were received, and persists it.
    pub(crate) fn commit_received(
        &self,
        relay: &RelayAddr,
        cursor: u64,
        ids: &[[u8; 16]],
    ) -> Result<()> {
        let mut state = self.state.lock().expect("state lock");
        state.advance(relay, cursor);
        for id in ids {
            state.seen.insert(*id);
        }
        state.save()
    }

    /// Remembers the cluster a relay announced (in the state, so it is known offline too).
    fn learned_cluster(&self, session: &Session<T::Conn>) -> Result<()> {
        let mut state = self.state.lock().expect("state lock");
        if state.learn_cluster(&session.relay, session.cluster) {
            state.save()?;
        }
        Ok(())
    }

    /// Copies an acknowledged push or object to the other relays, except the nodes of the
    /// cluster that acknowledged it (they serve the same store: it is there already).
    fn replicate(self: &Arc<Self>, acked_by: usize, replica: Replica) {
        let relays = &self.config.relays;
        let (source, targets): (Option<[u8; 16]>, Vec<usize>) = {
            let state = self.state.lock().expect("state lock");
            let source = state.cluster_of(&relays[acked_by]);
            let targets = (0..relays.len())
                .filter(|&i| i != acked_by)
                .filter(|&i| source.is_none() || state.cluster_of(&relays[i]) != source)
                .collect();
            (source, targets)
        };
        for target in targets {
            self.replicator
                .enqueue(self, target, replica.clone(), source);
        }
    }
}

/// 100 ms, 200 ms, 400 ms … capped at 5 s.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(5))
}
