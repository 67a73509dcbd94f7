//! Live stream of a group's blobs: the backlog after the device's cursor, then every new
//! commit as the relay announces it, resumed after reconnects and failovers without gaps
//! (per-relay positions) or duplicates (blob ids already delivered are dropped).

use std::{collections::HashMap, sync::Arc};

use tokio::sync::{Mutex, mpsc, watch};

use super::{
    Inner, Opened, SyncBlob, backoff,
    session::{Session, frame_err, unexpected},
    state::SeenIds,
};
use crate::{
    Error, Result,
    protocol::{Message, read_message},
    transport::Transport,
};

/// How many decrypted blobs may wait for the application before the relay is slowed down
/// (QUIC flow control carries the back-pressure to it).
const BUFFER: usize = 64;

/// One received item and where it came from; the device's cursor moves only when the
/// application takes the item, so nothing buffered is lost if the app stops.
struct Delivery {
    relay_index: usize,
    cursor: u64,
    item: Result<SyncBlob>,
}

/// Where a subscription records what the application has taken: the client's state,
/// behind a trait object so `Subscription` needs no transport type parameter.
trait Receipts: Send + Sync {
    fn received(&self, relay_index: usize, cursor: u64, blob_id: Option<[u8; 16]>) -> Result<()>;
}

impl<T: Transport> Receipts for Inner<T> {
    fn received(&self, relay_index: usize, cursor: u64, blob_id: Option<[u8; 16]>) -> Result<()> {
        let relay = &self.config.relays[relay_index];
        self.commit_received(relay, cursor, blob_id.as_slice())
    }
}

pub struct Subscription {
    rx: Mutex<mpsc::Receiver<Delivery>>,
    closed: watch::Sender<bool>,
    receipts: Arc<dyn Receipts>,
}

impl Subscription {
    pub(crate) fn start<T: Transport>(client: Arc<Inner<T>>) -> Self {
        let (tx, rx) = mpsc::channel(BUFFER);
        let closed = watch::channel(false).0;
        let seen = client.state.lock().expect("state lock").seen.clone();
        let mut closed_rx = closed.subscribe();
        let mut stopped = client.stopped.subscribe();
        let receipts = client.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = pump(client, tx, seen) => {}
                _ = closed_rx.wait_for(|c| *c) => {}
                _ = stopped.wait_for(|s| *s) => {}
            }
        });
        Self {
            rx: Mutex::new(rx),
            closed,
            receipts,
        }
    }

    /// The next blob (or a typed error, e.g. `Tampered`, after which the stream goes on).
    /// `None` once the subscription is closed or the client shut down.
    pub async fn next(&self) -> Option<Result<SyncBlob>> {
        let mut closed = self.closed.subscribe();
        let mut rx = self.rx.lock().await;
        let delivery = tokio::select! {
            d = rx.recv() => d?,
            _ = closed.wait_for(|c| *c) => return None,
        };
        let id = delivery.item.as_ref().ok().map(|b| b.blob_id);
        if let Err(e) = self
            .receipts
            .received(delivery.relay_index, delivery.cursor, id)
        {
            return Some(Err(e));
        }
        Some(delivery.item)
    }

    /// Stops the stream; a pending and every later `next` returns `None`. Idempotent.
    pub fn close(&self) {
        self.closed.send_replace(true);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.close();
    }
}

async fn pump<T: Transport>(client: Arc<Inner<T>>, tx: mpsc::Sender<Delivery>, mut seen: SeenIds) {
    let mut positions: HashMap<usize, u64> = HashMap::new();
    let mut failures = 0u32;
    loop {
        let session = match client.active_session().await {
            Ok(s) => s,
            Err(Error::Shutdown) => return,
            Err(e @ (Error::Unauthorized(_) | Error::VersionMismatch { .. })) => {
                let _ = tx
                    .send(Delivery {
                        relay_index: 0,
                        cursor: 0,
                        item: Err(e),
                    })
                    .await;
                return;
            }
            Err(e) => {
                // Relays down, or the app disconnected: wait and try again.
                failures += 1;
                tracing::debug!(error = %e, "subscription waiting for a relay");
                tokio::time::sleep(backoff(failures)).await;
                continue;
            }
        };
        let after = *positions.entry(session.relay_index).or_insert_with(|| {
            client
                .state
                .lock()
                .expect("state lock")
                .cursor(&session.relay)
        });
        match stream(&client, &session, after, &tx, &mut seen, &mut positions).await {
            Ok(()) => return, // the Subscription was dropped
            Err(e) if e.is_transient() => {
                tracing::info!(relay = %session.relay.short_id(), error = %e, "subscription stream lost");
                session.close();
                failures = 1;
                tokio::time::sleep(backoff(failures)).await;
            }
            Err(e) => {
                let _ = tx
                    .send(Delivery {
                        relay_index: session.relay_index,
                        cursor: after,
                        item: Err(e),
                    })
                    .await;
                return;
            }
        }
    }
}

/// Reads `Notify` frames from one session until it fails or the receiver goes away.
async fn stream<T: Transport>(
    client: &Inner<T>,
    session: &Session<T::Conn>,
    after: u64,
    tx: &mpsc::Sender<Delivery>,
    seen: &mut SeenIds,
    positions: &mut HashMap<usize, u64>,
) -> Result<()> {
    let (_send, mut recv) = session.open(&Message::Subscribe { after }).await?;
    let index = session.relay_index;
    loop {
        let stored = match read_message(&mut recv).await.map_err(frame_err)? {
            Message::Notify { blob } => blob,
            other => return Err(unexpected(&other, "Notify")),
        };
        let position = positions.entry(index).or_default();
        if stored.cursor <= *position {
            return Err(Error::Protocol(format!(
                "relay notified cursor {} after {}",
                stored.cursor, *position
            )));
        }
        *position = stored.cursor;
        let cursor = stored.cursor;
        if !seen.insert(stored.blob_id) {
            continue;
        }
        let item = match client.open_blob(stored) {
            Ok(Opened::Own) => continue,
            Ok(Opened::Blob(blob)) => Ok(blob),
            Err(e) => Err(e),
        };
        let delivery = Delivery {
            relay_index: index,
            cursor,
            item,
        };
        if tx.send(delivery).await.is_err() {
            return Ok(());
        }
    }
}
