//! What happens to a client in the background, as typed events: its connection (connected,
//! disconnected, failover) and its outbox's progress. Apps show them (a sync indicator, a
//! pending count) and never need them for correctness: the library retries on its own.

use tokio::sync::{Mutex, broadcast, watch};

use crate::{Error, RelayAddr};

/// Events an unread stream may fall behind by before it misses some (and is told so).
const CAPACITY: usize = 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncEvent {
    /// A session with `relay` is open and authenticated; calls go there.
    Connected { relay: RelayAddr },
    /// The session with `relay` ended; the client reconnects by itself unless `disconnect`
    /// or `shutdown` ended it.
    Disconnected { relay: RelayAddr, reason: String },
    /// Calls moved from `from` (failed, or unreachable) to `to`.
    Failover { from: RelayAddr, to: RelayAddr },
    /// The relay durably stored a blob of the outbox; `pending` blobs remain.
    OutboxSent {
        blob_id: [u8; 16],
        cursor: u64,
        pending: u64,
    },
    /// The relay refused an outbox blob for good (e.g. its size limit is now below the
    /// blob's); it was taken out of the outbox, and the ones after it go on.
    OutboxRejected { blob_id: [u8; 16], error: Error },
    /// This stream fell behind and `missed` events were dropped.
    Lagged { missed: u64 },
}

/// The sending side, one per client.
pub(crate) struct Events {
    tx: broadcast::Sender<SyncEvent>,
}

impl Default for Events {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(CAPACITY).0,
        }
    }
}

impl Events {
    pub fn emit(&self, event: SyncEvent) {
        tracing::debug!(?event, "event");
        // Err only when nobody listens, which is fine.
        let _ = self.tx.send(event);
    }

    pub fn stream(&self, stopped: watch::Receiver<bool>) -> EventStream {
        EventStream {
            rx: Mutex::new(self.tx.subscribe()),
            closed: watch::channel(false).0,
            stopped,
        }
    }
}

/// A client's events from the moment it was opened, oldest first.
pub struct EventStream {
    rx: Mutex<broadcast::Receiver<SyncEvent>>,
    closed: watch::Sender<bool>,
    stopped: watch::Receiver<bool>,
}

impl EventStream {
    /// The next event; `None` once the stream is closed, or the client shut down and every
    /// event before that was read.
    pub async fn next(&self) -> Option<SyncEvent> {
        let (mut closed, mut stopped) = (self.closed.subscribe(), self.stopped.clone());
        if *closed.borrow() {
            return None;
        }
        let mut rx = self.rx.lock().await;
        tokio::select! {
            biased;
            _ = closed.wait_for(|c| *c) => None,
            received = rx.recv() => match received {
                Ok(event) => Some(event),
                Err(broadcast::error::RecvError::Lagged(missed)) => Some(SyncEvent::Lagged { missed }),
                Err(broadcast::error::RecvError::Closed) => None,
            },
            _ = stopped.wait_for(|s| *s) => None,
        }
    }

    /// Ends the stream; a pending and every later `next` returns `None`. Idempotent.
    pub fn close(&self) {
        self.closed.send_replace(true);
    }
}
