//! Background copies of acknowledged pushes to the other configured relays, so a failover
//! finds the same blobs there. Same blob_id everywhere: a retry or a second copy is a
//! no-op on the relay, and readers dedupe by blob_id.
//!
//! An object is copied as the relay that acknowledged it stores it: its chunks streamed from
//! there (each authenticated before it goes on, so a relay that altered one cannot spread
//! it), put into the target where it lacks them, then the same manifest committed. The copy
//! needs no file, and resumes from what the target holds.
//!
//! One queue and one worker per target relay, copying in push order: every relay ends up
//! with one device's sequential pushes in the same order.
//!
//! Nodes of one cluster share their store, so a push is never copied between them: the
//! client skips targets it knows to be in the acknowledging relay's cluster, and a worker
//! that learns on connecting that its target is one drops the copy.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, Weak,
        atomic::{AtomicUsize, Ordering},
    },
};

use tokio::sync::{Notify, mpsc};

use super::{Inner, backoff, objects::ObjectCopy, session::unexpected};
use crate::{Error, protocol::Message, transport::Transport};

/// Attempts per copy before giving up on a relay (≈ 25 s of backoff in all).
const MAX_ATTEMPTS: u32 = 8;

/// What to copy, and the cluster of the relay that acknowledged it (if any).
type Copy = (Replica, Option<[u8; 16]>);

/// One acknowledged write to copy to another relay.
#[derive(Clone)]
pub(crate) enum Replica {
    /// A push, sent again as it was.
    Push(Arc<Message>),
    /// An object, copied from the relay that acknowledged it.
    Object(Arc<ObjectCopy>),
}

#[derive(Default)]
pub(crate) struct Replicator {
    queues: Mutex<HashMap<usize, mpsc::UnboundedSender<Copy>>>,
    pending: Arc<AtomicUsize>,
    idle: Arc<Notify>,
}

impl Replicator {
    /// Queues a copy of `push` (acknowledged by a node of `source`, if a cluster's) for
    /// relay `target`, starting its worker on first use. The worker holds the client weakly:
    /// dropping the last client handle ends it.
    pub fn enqueue<T: Transport>(
        &self,
        client: &Arc<Inner<T>>,
        target: usize,
        replica: Replica,
        source: Option<[u8; 16]>,
    ) {
        self.pending.fetch_add(1, Ordering::AcqRel);
        let mut queues = self.queues.lock().expect("replicator lock");
        let queue = queues.entry(target).or_insert_with(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            let (pending, idle) = (self.pending.clone(), self.idle.clone());
            tokio::spawn(worker(Arc::downgrade(client), target, rx, pending, idle));
            tx
        });
        if queue.send((replica, source)).is_err() {
            self.done();
        }
    }

    fn done(&self) {
        finish_one(&self.pending, &self.idle);
    }

    pub async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            if self.pending.load(Ordering::Acquire) == 0 {
                return;
            }
            notified.await;
        }
    }
}

fn finish_one(pending: &AtomicUsize, idle: &Notify) {
    if pending.fetch_sub(1, Ordering::AcqRel) == 1 {
        idle.notify_waiters();
    }
}

async fn worker<T: Transport>(
    client: Weak<Inner<T>>,
    target: usize,
    mut queue: mpsc::UnboundedReceiver<Copy>,
    pending: Arc<AtomicUsize>,
    idle: Arc<Notify>,
) {
    while let Some((replica, source)) = queue.recv().await {
        if let Some(client) = client.upgrade() {
            let mut stopped = client.stopped.subscribe();
            tokio::select! {
                _ = copy(&client, target, &replica, source) => {}
                _ = stopped.wait_for(|s| *s) => {}
            }
        }
        finish_one(&pending, &idle);
    }
}

async fn copy<T: Transport>(
    client: &Inner<T>,
    target: usize,
    replica: &Replica,
    source: Option<[u8; 16]>,
) {
    let relay = client.config.relays[target].short_id();
    for attempt in 0..MAX_ATTEMPTS {
        let result = async {
            let session = client.session_for(target).await?;
            if source.is_some() && session.cluster == source {
                tracing::debug!(%relay, "same cluster as the acknowledging relay: no copy");
                return Ok(());
            }
            let copied = match replica {
                Replica::Push(push) => match session.request(push).await {
                    Ok(Message::PushAck { .. }) => Ok(()),
                    Ok(other) => Err(unexpected(&other, "PushAck")),
                    Err(e) => Err(e),
                },
                Replica::Object(object) => client.copy_object(object, &session).await,
            };
            match copied {
                Ok(()) => Ok(()),
                Err(e) => {
                    if e.is_transient() {
                        session.close(&e.to_string());
                    }
                    Err(e)
                }
            }
        }
        .await;
        match result {
            Ok(()) => return,
            Err(
                e @ (Error::Shutdown
                | Error::PayloadTooLarge { .. }
                | Error::QuotaExceeded(_)
                | Error::Unauthorized(_)),
            ) => {
                tracing::warn!(%relay, error = %e, "replication refused, not retrying");
                return;
            }
            Err(e) => {
                tracing::debug!(%relay, attempt, error = %e, "replication failed, will retry");
                tokio::time::sleep(backoff(attempt + 1)).await;
            }
        }
    }
    tracing::warn!(%relay, "replication gave up after {MAX_ATTEMPTS} attempts");
}
