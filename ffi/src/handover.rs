//! Reads of a subscription that a foreign caller abandons are never lost.
//!
//! Once the core hands a blob to a read, this device's cursor is past it: if the read's
//! result were dropped with the cancelled foreign future (a Go context, a Kotlin coroutine,
//! a Swift task), the blob would be gone for good. So a read runs as its own task, and the
//! future awaiting it, when dropped unfinished, puts the task's receiver back into the
//! client's handover queue: the next read of any subscription of that client first finishes
//! and returns abandoned reads, oldest first, and only then reads anew.

use std::{
    collections::VecDeque,
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
};

use tokio::sync::oneshot;

use crate::{SyncBlob, SyncError, runtime::spawn_detached};

type Item = Result<Option<SyncBlob>, SyncError>;

/// Abandoned reads of one client's subscriptions, oldest first.
#[derive(Clone, Default)]
pub(crate) struct Handover(Arc<Mutex<VecDeque<oneshot::Receiver<Item>>>>);

impl Handover {
    /// The result of the oldest abandoned read that still has one, else of `read`.
    pub(crate) async fn read(&self, read: impl Future<Output = Item> + Send + 'static) -> Item {
        while let Some(abandoned) = self.take_oldest() {
            match self.claim(abandoned).await {
                // Its stream was closed, or its task died: nothing was delivered to anyone.
                Err(_) | Ok(Ok(None)) => continue,
                Ok(item) => return item,
            }
        }
        let (tx, rx) = oneshot::channel();
        spawn_detached(async move {
            // Fails only when nobody can receive it any more (the client is gone).
            let _ = tx.send(read.await);
        });
        self.claim(rx)
            .await
            .unwrap_or_else(|_| Err(SyncError::Internal("a library task panicked".into())))
    }

    fn take_oldest(&self) -> Option<oneshot::Receiver<Item>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
    }

    fn claim(&self, rx: oneshot::Receiver<Item>) -> Claim {
        Claim {
            rx: Some(rx),
            handover: self.clone(),
        }
    }
}

/// Awaits a read's task; dropped before it has the result, it hands the read over.
struct Claim {
    rx: Option<oneshot::Receiver<Item>>,
    handover: Handover,
}

impl Future for Claim {
    type Output = Result<Item, oneshot::error::RecvError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let rx = self
            .rx
            .as_mut()
            .expect("a Claim is not polled after completion");
        let result = std::task::ready!(Pin::new(rx).poll(cx));
        self.rx = None;
        Poll::Ready(result)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(rx) = self.rx.take() {
            // The oldest: it was taken (or started) before anything now in the queue.
            self.handover
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push_front(rx);
        }
    }
}
