//! Live stream of a group's blobs: the backlog after the device's cursor, then every new
//! commit as the relay announces it, resumed after reconnects and failovers without gaps
//! (a position per log: per independent relay, or per cluster, whose nodes all serve the
//! same log, so moving between them re-reads nothing) or duplicates (blob ids already
//! delivered are dropped).
//!
//! Delivery is at least once, by acknowledgement: the device's cursor moves past a blob only
//! once the application has *taken* it. In Rust, `next` takes what it returns. Across an
//! FFI a returned value can still be dropped by the foreign side (a cancelled coroutine,
//! task or context discards a result Rust already produced), so there a read is two steps:
//! `receive` hands out a ticket, and `take` exchanges it for the blob. A ticket nobody takes
//! (its reader was cancelled) is handed out again by the next `receive`, and a ticket taken
//! once is never taken again, so concurrent readers of one subscription each get a blob
//! exactly once between them.

use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    sync::{Arc, Mutex as StdMutex},
};

use tokio::sync::{Mutex, mpsc, watch};

use super::{
    Inner, Opened, SyncBlob, backoff,
    session::{Session, frame_err, unexpected},
    state::{Log, SeenIds},
};
use crate::{
    Error, Result,
    protocol::{ErrorCode, Message, read_message},
    transport::Transport,
};

/// How many decrypted blobs may wait for the application before the relay is slowed down
/// (QUIC flow control carries the back-pressure to it).
const BUFFER: usize = 64;

/// One received item and where it came from.
struct Delivery {
    relay_index: usize,
    cursor: u64,
    item: Result<SyncBlob>,
}

/// Where a subscription records what the application has taken: the client's state,
/// behind a trait object so `Subscription` needs no transport type parameter.
trait Receipts: Send + Sync {
    fn received(&self, relay_index: usize, cursor: u64, blob_ids: &[[u8; 16]]) -> Result<()>;
}

impl<T: Transport> Receipts for Inner<T> {
    fn received(&self, relay_index: usize, cursor: u64, blob_ids: &[[u8; 16]]) -> Result<()> {
        let relay = &self.config.relays[relay_index];
        self.commit_received(relay, cursor, blob_ids)
    }
}

/// Deliveries handed out and not yet committed.
#[derive(Default)]
struct Book {
    next_ticket: u64,
    /// Handed out, not taken: by ticket, i.e. in delivery order.
    untaken: BTreeMap<u64, Delivery>,
    /// Every handed-out delivery whose cursor is not committed yet, in delivery order: the
    /// cursor moves only over a run of taken ones.
    order: VecDeque<Receipt>,
}

impl Book {
    fn mark(&mut self, ticket: u64, taken: bool) {
        let receipt = self.order.iter_mut().find(|r| r.ticket == ticket);
        receipt.expect("every untaken ticket is in order").taken = taken;
    }
}

/// Where a handed-out delivery came from, and whether it was taken.
struct Receipt {
    ticket: u64,
    relay_index: usize,
    cursor: u64,
    blob_id: Option<[u8; 16]>,
    taken: bool,
}

pub struct Subscription {
    rx: Mutex<mpsc::Receiver<Delivery>>,
    book: StdMutex<Book>,
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
            book: StdMutex::new(Book::default()),
            closed,
            receipts,
        }
    }

    /// The next blob (or a typed error, e.g. `Tampered`, after which the stream goes on),
    /// taken: the device's cursor moves past it. `None` once the subscription is closed or
    /// the client shut down. Cancel-safe: a `next` dropped before it returns takes nothing.
    pub async fn next(&self) -> Option<Result<SyncBlob>> {
        loop {
            let ticket = self.receive().await?;
            if let Some(item) = self.take(ticket) {
                return Some(item);
            }
        }
    }

    /// Waits for the next delivery and returns its ticket, without taking it: first a
    /// delivery handed out before and never taken, else a new one. `None` once closed.
    pub async fn receive(&self) -> Option<u64> {
        let mut closed = self.closed.subscribe();
        if *closed.borrow() {
            return None;
        }
        if let Some(ticket) = self.book().untaken.keys().next() {
            return Some(*ticket);
        }
        let mut rx = self.rx.lock().await;
        // A reader that went before may have left one meanwhile.
        if let Some(ticket) = self.book().untaken.keys().next() {
            return Some(*ticket);
        }
        let delivery = tokio::select! {
            biased;
            _ = closed.wait_for(|c| *c) => return None,
            d = rx.recv() => d?,
        };
        let mut book = self.book();
        let ticket = book.next_ticket;
        book.next_ticket += 1;
        book.order.push_back(Receipt {
            ticket,
            relay_index: delivery.relay_index,
            cursor: delivery.cursor,
            blob_id: delivery.item.as_ref().ok().map(|b| b.blob_id),
            taken: false,
        });
        book.untaken.insert(ticket, delivery);
        Some(ticket)
    }

    /// The blob (or error) of a ticket from `receive`, which this takes: the device's cursor
    /// moves past it once everything delivered before it was taken too. `None` if the ticket
    /// was taken already (by a concurrent reader) or is unknown. If the cursor cannot be
    /// saved, this fails with `State` and the ticket stays untaken.
    pub fn take(&self, ticket: u64) -> Option<Result<SyncBlob>> {
        let mut book = self.book();
        let delivery = book.untaken.remove(&ticket)?;
        book.mark(ticket, true);
        if let Err(e) = self.commit_taken(&mut book) {
            // Not taken after all: handed out again, and the cursor is tried again then.
            book.mark(ticket, false);
            book.untaken.insert(ticket, delivery);
            return Some(Err(e));
        }
        Some(delivery.item)
    }

    /// Commits the run of taken deliveries at the front of `order`, per relay.
    fn commit_taken(&self, book: &mut Book) -> Result<()> {
        let run = book.order.iter().take_while(|r| r.taken).count();
        if run == 0 {
            return Ok(());
        }
        let mut per_relay: Vec<(usize, u64, Vec<[u8; 16]>)> = Vec::new();
        for r in book.order.iter().take(run) {
            match per_relay
                .iter_mut()
                .find(|(index, ..)| *index == r.relay_index)
            {
                Some((_, max, ids)) => {
                    *max = (*max).max(r.cursor);
                    ids.extend(r.blob_id);
                }
                None => per_relay.push((r.relay_index, r.cursor, r.blob_id.into_iter().collect())),
            }
        }
        for (relay, cursor, ids) in per_relay {
            self.receipts.received(relay, cursor, &ids)?;
        }
        book.order.drain(..run);
        Ok(())
    }

    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        self.book
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stops the stream; a pending and every later `next`/`receive` returns `None`.
    /// Deliveries never taken are not committed: a later subscription delivers them again.
    /// Idempotent.
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
    let mut positions: HashMap<Log, u64> = HashMap::new();
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
        let (log, after) = {
            let state = client.state.lock().expect("state lock");
            let log = state.log(&session.relay);
            (
                log,
                *positions.entry(log).or_insert_with(|| state.cursor_in(log)),
            )
        };
        let position = positions.entry(log).or_default();
        match stream(&client, &session, after, &tx, &mut seen, position).await {
            Ok(()) => return, // the Subscription was dropped
            Err(e) if e.is_transient() => {
                tracing::info!(relay = %session.relay.short_id(), error = %e, "subscription stream lost");
                session.close(&e.to_string());
                // A relay that drains sent its devices away: the next one is there now.
                failures = 1;
                if !session.drained() {
                    tokio::time::sleep(backoff(failures)).await;
                }
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

/// Reads `Notify` frames from one session until it fails or the receiver goes away,
/// advancing `position` (in the session's log) past each.
async fn stream<T: Transport>(
    client: &Inner<T>,
    session: &Session<T::Conn>,
    after: u64,
    tx: &mpsc::Sender<Delivery>,
    seen: &mut SeenIds,
    position: &mut u64,
) -> Result<()> {
    let (_send, mut recv) = session.open(&Message::Subscribe { after }).await?;
    let index = session.relay_index;
    loop {
        let stored = match read_message(&mut recv).await.map_err(frame_err)? {
            Message::Notify { blob } => blob,
            other => {
                if let Message::Error {
                    code: ErrorCode::ShuttingDown,
                    ..
                } = other
                {
                    session.mark_drained();
                }
                return Err(unexpected(&other, "Notify"));
            }
        };
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
