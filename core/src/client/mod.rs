//! [`SyncClient`]: push, pull and subscribe to a group's blobs through its relays.
//!
//! Every method takes `&self` and may run concurrently with any other on the same client
//! (clone it freely: clones share one state). Connection state, cursors and the session
//! cache live behind short-lived locks that are never held across network I/O, except the
//! per-relay connect lock, which serialises dialing one relay.

mod replicator;
mod session;
mod state;
mod subscription;

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::sync::watch;

pub use subscription::Subscription;

use self::{
    replicator::Replicator,
    session::{Identity, Session, unexpected},
    state::State,
};
use crate::{
    Error, GroupSecret, Invite, KdfParams, RelayAddr, Result, Salt,
    crypto::{ENVELOPE_OVERHEAD, GroupKeys, new_blob_id, padded_len, seal},
    protocol::{Limits, MAX_FRAME, Message, StoredBlob},
    transport::Transport,
};

/// Everything a client needs. Build with [`ClientConfig::new`] or
/// [`ClientConfig::from_invite`], then adjust the public fields.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub secret: GroupSecret,
    /// Salt and parameters the secret was derived with, if it came from a passphrase;
    /// carried into invites so a joiner can re-derive it from the passphrase too.
    pub kdf: Option<(Salt, KdfParams)>,
    /// Relays in order of preference; pushes are replicated to all of them.
    pub relays: Vec<RelayAddr>,
    pub device_name: String,
    /// Requested time to live of pushed blobs (the relay caps it); `None` = relay default.
    pub ttl: Option<Duration>,
    /// Where cursors and the device id persist; `None` keeps them in memory only.
    pub state_path: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

impl ClientConfig {
    pub fn new(secret: GroupSecret, relays: Vec<RelayAddr>) -> Self {
        Self {
            secret,
            kdf: None,
            relays,
            device_name: "device".into(),
            ttl: None,
            state_path: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
        }
    }

    pub fn from_invite(invite: &Invite) -> Self {
        Self {
            kdf: invite.kdf,
            ..Self::new(invite.secret.clone(), invite.relays.clone())
        }
    }

    fn validate(&self) -> Result<()> {
        let bad = |why: &str| Err(Error::InvalidConfig(why.into()));
        if self.relays.is_empty() {
            return bad("at least one relay address is required");
        }
        if self.relays.iter().any(|r| r.addrs.is_empty()) {
            return bad("every relay needs at least one socket address");
        }
        if self.connect_timeout.is_zero() || self.request_timeout.is_zero() {
            return bad("timeouts must be positive");
        }
        if self.ttl.is_some_and(|t| t.as_secs() == 0) {
            return bad("ttl must be at least one second");
        }
        if self.device_name.len() > 256 {
            return bad("device name is longer than 256 bytes");
        }
        Ok(())
    }
}

/// A decrypted blob as an application sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncBlob {
    pub blob_id: [u8; 16],
    pub payload: Vec<u8>,
    /// Position in the relay's log of the group (per relay).
    pub cursor: u64,
    /// When the relay committed it, milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
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
    /// Live session per relay index (the active one and those used for replication).
    sessions: Mutex<Vec<SessionSlot<T::Conn>>>,
    /// One dial at a time per relay; holds when and how the last dial failed, so callers
    /// that queued behind a failing dial share its error instead of dialing again one by
    /// one (200 concurrent calls must not wait 200 connect timeouts).
    connect_locks: Vec<tokio::sync::Mutex<Option<(Instant, Error)>>>,
    active: Mutex<Option<usize>>,
    /// The application asked to be connected (connect called, disconnect not since).
    wanted: AtomicBool,
    stopped: watch::Sender<bool>,
    replicator: Replicator,
}

type SessionSlot<C> = Option<Arc<Session<C>>>;

enum Opened {
    Blob(SyncBlob),
    /// The device's own push: never handed back to it.
    Own,
}

impl<T: Transport> SyncClient<T> {
    /// Creates a client; no network traffic until [`connect`](Self::connect).
    pub fn new(transport: T, config: ClientConfig) -> Result<Self> {
        config.validate()?;
        let keys = GroupKeys::derive(&config.secret);
        let state = State::load(config.state_path.as_deref(), keys.group_id())?;
        let relays = config.relays.len();
        Ok(Self {
            inner: Arc::new(Inner {
                transport,
                keys,
                device_id: state.device_id,
                state: Mutex::new(state),
                sessions: Mutex::new(vec![None; relays]),
                connect_locks: (0..relays).map(|_| tokio::sync::Mutex::new(None)).collect(),
                active: Mutex::new(None),
                wanted: AtomicBool::new(false),
                stopped: watch::channel(false).0,
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
    pub async fn connect(&self) -> Result<()> {
        self.inner.ensure_running()?;
        self.inner.wanted.store(true, Ordering::Release);
        self.inner.active_session().await.map(|_| ())
    }

    /// Closes every session. Calls then fail with `NotConnected` until `connect`.
    pub async fn disconnect(&self) {
        self.inner.wanted.store(false, Ordering::Release);
        self.inner.close_sessions().await;
    }

    /// Stops everything (sessions, subscriptions, replication, sockets). Idempotent.
    pub async fn shutdown(&self) {
        if self.inner.stopped.send_replace(true) {
            return;
        }
        self.inner.wanted.store(false, Ordering::Release);
        self.inner.close_sessions().await;
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
    /// Other relays receive a copy in the background.
    pub async fn push(&self, payload: &[u8]) -> Result<PushResult> {
        self.inner.ensure_running()?;
        if payload.len() > MAX_PAYLOAD {
            return Err(Error::PayloadTooLarge {
                size: payload.len() as u64,
                max: MAX_PAYLOAD as u64,
            });
        }
        let blob_id = new_blob_id();
        let push = Arc::new(Message::Push {
            blob_id,
            envelope: seal(&self.inner.keys, &blob_id, payload),
            ttl_secs: self.inner.config.ttl.map(|t| t.as_secs()),
        });
        let (relay_index, cursor) = self
            .inner
            .with_session(|s| {
                let push = push.clone();
                async move {
                    let Message::Push { envelope, .. } = &*push else {
                        unreachable!("built above")
                    };
                    if envelope.len() as u64 > s.limits.max_envelope_bytes {
                        return Err(Error::PayloadTooLarge {
                            size: payload.len() as u64,
                            max: max_payload_for(&s.limits),
                        });
                    }
                    match s.request(&push).await? {
                        Message::PushAck { cursor, .. } => Ok((s.relay_index, cursor)),
                        other => Err(unexpected(&other, "PushAck")),
                    }
                }
            })
            .await?;
        self.inner.replicate(relay_index, push);
        Ok(PushResult { blob_id, cursor })
    }

    /// Everything this device has not received yet from the active relay, oldest first.
    /// Advances the cursor.
    pub async fn pull(&self) -> Result<Vec<SyncBlob>> {
        self.inner.pull(None).await
    }

    /// Every blob after `cursor` on the active relay (including ones received before).
    /// Fails with `UnknownCursor` if the relay never assigned `cursor`.
    pub async fn pull_after(&self, cursor: u64) -> Result<Vec<SyncBlob>> {
        self.inner.pull(Some(cursor)).await
    }

    /// A stream of decrypted blobs in cursor order: first everything after the current
    /// cursor, then live ones as they are committed, across reconnects and failovers.
    pub async fn subscribe(&self) -> Result<Subscription> {
        self.inner.ensure_running()?;
        if !self.inner.wanted.load(Ordering::Acquire) {
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

/// The largest plaintext whose envelope fits `limits` (padding is monotonic: bisect).
fn max_payload_for(limits: &Limits) -> u64 {
    let fits = |n: usize| (ENVELOPE_OVERHEAD + padded_len(n)) as u64 <= limits.max_envelope_bytes;
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
        if *self.stopped.borrow() {
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

    fn cached(&self, index: usize) -> Option<Arc<Session<T::Conn>>> {
        let sessions = self.sessions.lock().expect("sessions lock");
        sessions[index].as_ref().filter(|s| s.is_alive()).cloned()
    }

    fn active_live(&self) -> Option<Arc<Session<T::Conn>>> {
        let index = (*self.active.lock().expect("active lock"))?;
        self.cached(index)
    }

    /// A live session with relay `index`, dialing it if needed.
    async fn session_for(&self, index: usize) -> Result<Arc<Session<T::Conn>>> {
        if let Some(s) = self.cached(index) {
            return Ok(s);
        }
        let queued_at = Instant::now();
        let mut last_failure = self.connect_locks[index].lock().await;
        if let Some(s) = self.cached(index) {
            return Ok(s);
        }
        if let Some((failed_at, e)) = &*last_failure
            && *failed_at >= queued_at
        {
            return Err(e.clone());
        }
        self.ensure_running()?;
        let established = Session::establish(
            &self.transport,
            index,
            &self.config.relays[index],
            &self.identity(),
            self.config.connect_timeout,
            self.config.request_timeout,
        )
        .await;
        match established {
            Ok(session) => {
                *last_failure = None;
                self.sessions.lock().expect("sessions lock")[index] = Some(session.clone());
                Ok(session)
            }
            Err(e) => {
                *last_failure = Some((Instant::now(), e.clone()));
                Err(e)
            }
        }
    }

    /// The active session, or a new one with the first relay that accepts us.
    async fn active_session(&self) -> Result<Arc<Session<T::Conn>>> {
        self.ensure_running()?;
        if !self.wanted.load(Ordering::Acquire) {
            return Err(Error::NotConnected);
        }
        if let Some(s) = self.active_live() {
            return Ok(s);
        }
        let mut failures = Vec::new();
        for index in 0..self.config.relays.len() {
            match self.session_for(index).await {
                Ok(s) => {
                    *self.active.lock().expect("active lock") = Some(index);
                    tracing::info!(relay = %s.relay.short_id(), "connected");
                    return Ok(s);
                }
                Err(e) => {
                    tracing::warn!(relay = %self.config.relays[index].short_id(), error = %e, "relay failed");
                    failures.push(e);
                }
            }
        }
        Err(if failures.len() == 1 {
            failures.remove(0)
        } else {
            Error::AllRelaysFailed {
                reasons: failures.iter().map(ToString::to_string).collect(),
            }
        })
    }

    /// Runs `op` on the active session; on a transport failure, drops that session and
    /// tries again (the next connect walks the relays in preference order), with backoff.
    async fn with_session<R, F, Fut>(&self, op: F) -> Result<R>
    where
        F: Fn(Arc<Session<T::Conn>>) -> Fut,
        Fut: Future<Output = Result<R>>,
    {
        let attempts = self.config.relays.len() as u32 + 1;
        let mut attempt = 0;
        loop {
            let session = self.active_session().await?;
            match op(session.clone()).await {
                Err(e) if e.is_transient() && attempt + 1 < attempts => {
                    tracing::warn!(relay = %session.relay.short_id(), error = %e, "retrying");
                    session.close();
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                }
                result => return result,
            }
        }
    }

    async fn close_sessions(&self) {
        // Swapped under one lock: a concurrent `cached(index)` always sees one slot per relay.
        let sessions = {
            let mut slots = self.sessions.lock().expect("sessions lock");
            let empty = vec![None; slots.len()];
            std::mem::replace(&mut *slots, empty)
        };
        *self.active.lock().expect("active lock") = None;
        for s in sessions.into_iter().flatten() {
            s.goodbye().await;
        }
    }

    /// Decrypts a stored blob; the device's own pushes are recognised and not decrypted.
    fn open_blob(&self, stored: StoredBlob) -> Result<Opened> {
        if stored.origin == self.device_id {
            return Ok(Opened::Own);
        }
        let payload = crate::crypto::open(&self.keys, &stored.blob_id, stored.envelope)?;
        Ok(Opened::Blob(SyncBlob {
            blob_id: stored.blob_id,
            payload,
            cursor: stored.cursor,
            timestamp_ms: stored.timestamp_ms,
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

    async fn pull(&self, from: Option<u64>) -> Result<Vec<SyncBlob>> {
        self.with_session(|s| async move {
            let start =
                from.unwrap_or_else(|| self.state.lock().expect("state lock").cursor(&s.relay));
            // Explicit re-reads (pull_after) return blobs seen before; plain pulls do not.
            let seen = from
                .is_none()
                .then(|| self.state.lock().expect("state lock").seen.clone());
            let mut after = start;
            let mut out = Vec::new();
            let mut tampered = None;
            let limit = s.limits.max_page_blobs;
            let mut pending = Some(s.send(&Message::Pull { after, limit }).await?);
            'pages: while let Some(request) = pending.take() {
                let (blobs, has_more) = match request.reply().await? {
                    Message::PullPage { blobs, has_more } => (blobs, has_more),
                    other => return Err(unexpected(&other, "PullPage")),
                };
                for stored in &blobs {
                    if stored.cursor <= after {
                        return Err(Error::Protocol(format!(
                            "relay sent cursor {} after asking for > {after}",
                            stored.cursor
                        )));
                    }
                }
                let Some(last) = blobs.last().map(|b| b.cursor) else {
                    break;
                };
                // Ask for the next page before decrypting this one: the relay reads it from
                // storage and sends it meanwhile. Dropped unread if this page ends the pull.
                if has_more {
                    pending = Some(s.send(&Message::Pull { after: last, limit }).await?);
                }
                for stored in blobs {
                    let cursor = stored.cursor;
                    if seen
                        .as_ref()
                        .is_some_and(|seen| seen.contains(&stored.blob_id))
                    {
                        after = cursor;
                        continue;
                    }
                    match self.open_blob(stored) {
                        Ok(Opened::Blob(blob)) => out.push(blob),
                        Ok(Opened::Own) => {}
                        Err(e) => {
                            // Report each tampered blob once: the good blobs before it are
                            // returned now, the error on the next pull (which steps past it).
                            if out.is_empty() {
                                after = cursor;
                                tampered = Some(e);
                            }
                            break 'pages;
                        }
                    }
                    after = cursor;
                }
            }
            let ids: Vec<_> = out.iter().map(|b| b.blob_id).collect();
            self.commit_received(&s.relay, after, &ids)?;
            match tampered {
                Some(e) => Err(e),
                None => Ok(out),
            }
        })
        .await
    }

    fn replicate(self: &Arc<Self>, acked_by: usize, push: Arc<Message>) {
        for target in (0..self.config.relays.len()).filter(|&i| i != acked_by) {
            self.replicator.enqueue(self, target, push.clone());
        }
    }
}

/// 100 ms, 200 ms, 400 ms … capped at 5 s.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(5))
}
