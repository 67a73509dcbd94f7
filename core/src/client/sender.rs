//! Delivers the outbox: one blob at a time, oldest first, so the relay commits a device's
//! enqueued blobs in enqueue order. A blob leaves the outbox only once a relay has
//! acknowledged it (or refused it for good); until then every retry carries the same blob
//! id, so a retry after a lost acknowledgement or a relay crash between commit and
//! acknowledgement is answered `duplicate` and stored once.

use std::{
    sync::{Arc, Weak},
    time::Duration,
};

use super::{Inner, SyncEvent, backoff, connection::jittered, replicator::Replica};
use crate::{Error, protocol::Message, transport::Transport};

/// How long a blob the relay refused for its group's quota waits before the next try
/// (expiring blobs free quota only slowly).
const QUOTA_RETRY: Duration = Duration::from_secs(30);

/// Runs until the client shuts down or is dropped.
pub(super) async fn run<T: Transport>(client: Weak<Inner<T>>) {
    let Some(inner) = client.upgrade() else {
        return;
    };
    let (mut pending, mut wanted, mut stopped) = (
        inner.outbox.watch(),
        inner.wanted.subscribe(),
        inner.stopped.subscribe(),
    );
    drop(inner);
    let mut failures = 0u32;
    loop {
        // Something to send, and a client that is asked to be connected.
        tokio::select! {
            ready = async {
                pending.wait_for(|n| *n > 0).await.is_ok() && wanted.wait_for(|w| *w).await.is_ok()
            } => if !ready { return },
            _ = stopped.wait_for(|s| *s) => return,
        }
        let Some(inner) = client.upgrade() else {
            return;
        };
        let wait = match send_oldest(&inner).await {
            Ok(()) => {
                failures = 0;
                continue;
            }
            Err(Error::Shutdown) => return,
            // Disconnected meanwhile: waits above for `connect`.
            Err(Error::NotConnected) => continue,
            Err(Error::QuotaExceeded(_)) => QUOTA_RETRY,
            Err(e) => {
                tracing::warn!(error = %e, "outbox delivery failed, retrying");
                failures += 1;
                jittered(backoff(failures))
            }
        };
        drop(inner);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stopped.wait_for(|s| *s) => return,
        }
    }
}

/// Delivers the oldest blob of the outbox, or takes it out if a relay refuses it for good.
async fn send_oldest<T: Transport>(inner: &Arc<Inner<T>>) -> Result<(), Error> {
    let Some(entry) = inner.outbox.front() else {
        return Ok(());
    };
    let Some(stored) = inner.outbox.load(entry.seq).await? else {
        return Ok(()); // taken out meanwhile
    };
    let push = Arc::new(Message::Push {
        blob_id: entry.blob_id,
        envelope: stored.envelope,
        ttl_secs: stored.ttl_secs,
    });
    let sent = match &stored.upload {
        // The upload copies itself to the other relays once committed.
        Some(job) => inner
            .send_queued_object(entry.blob_id, job)
            .await
            .map(|c| (None, c)),
        None => inner
            .push_message(&push, entry.size, None)
            .await
            .map(|(relay, cursor)| (Some(relay), cursor)),
    };
    match sent {
        Ok((relay_index, cursor)) => {
            // Announced before the outbox shrinks, so `flush` returns after the event.
            let pending = inner.outbox.pending().blob_ids.len().saturating_sub(1) as u64;
            inner.events.emit(SyncEvent::OutboxSent {
                blob_id: entry.blob_id,
                cursor,
                pending,
            });
            inner.outbox.remove(entry.seq).await?;
            if let Some(relay_index) = relay_index {
                inner.replicate(relay_index, Replica::Push(push));
            }
            Ok(())
        }
        // No relay will ever take it (nor a file that changed): reported, and the blobs
        // after it go on.
        Err(e @ (Error::PayloadTooLarge { .. } | Error::Protocol(_) | Error::Io(_))) => {
            tracing::warn!(error = %e, "outbox blob refused for good");
            inner.outbox.remove(entry.seq).await?;
            inner.events.emit(SyncEvent::OutboxRejected {
                blob_id: entry.blob_id,
                error: e,
            });
            Ok(())
        }
        Err(e) => Err(e),
    }
}
