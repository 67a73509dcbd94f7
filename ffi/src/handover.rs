//! Reads of a subscription that a foreign caller abandons are never lost.
//!
//! Once the core hands a blob to a read, this device's cursor is past it: if the read's
//! result were dropped with the cancelled foreign future (a Go context, a Kotlin coroutine,
//! a Swift task), the blob would be gone for good. So a read runs as its own task, and the
//! future awaiting it, when dropped unfinished, puts the task's receiver back into the
//! client's handover queue: the next read of any subscription of that client first finishes
//! and returns abandoned reads, oldest first, and only then reads anew.
//!
//! A subscription opened while an abandoned read was still running starts from the cursor
//! before that read's blob and delivers it again: blobs delivered through the handover are
//! remembered (the last few) and skipped when a fresh read brings them once more.

use std::{
    collections::VecDeque,
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex, MutexGuard},
    task::{Context, Poll},
};

use tokio::sync::oneshot;

use crate::{SyncBlob, SyncError, runtime::spawn_detached};

type Item = Result<Option<SyncBlob>, SyncError>;

/// How many handed-over blob ids are remembered for deduplication.
const REMEMBERED: usize = 64;

/// Abandoned reads of one client's subscriptions, and what they delivered.
#[derive(Clone, Default)]
pub(crate) struct Handover(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    /// Oldest first.
    abandoned: VecDeque<oneshot::Receiver<Item>>,
    /// Ids of blobs delivered through the handover, newest last.
    handed_over: VecDeque<String>,
}

impl Handover {
    /// The result of the oldest abandoned read that still has one, else of a fresh `read()`.
    pub(crate) async fn read<F, Fut>(&self, read: F) -> Item
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Item> + Send + 'static,
    {
        while let Some(abandoned) = self.take_oldest() {
            match self.claim(abandoned).await {
                // Its stream was closed, or its task died: nothing was delivered to anyone.
                Err(_) | Ok(Ok(None)) => continue,
                Ok(Ok(Some(blob))) => {
                    let mut state = self.state();
                    if state.handed_over.len() == REMEMBERED {
                        state.handed_over.pop_front();
                    }
                    state.handed_over.push_back(blob.blob_id.clone());
                    return Ok(Some(blob));
                }
                Ok(error) => return error,
            }
        }
        loop {
            let (tx, rx) = oneshot::channel();
            let fresh = read();
            spawn_detached(async move {
                // Fails only when nobody can receive it any more (the client is gone).
                let _ = tx.send(fresh.await);
            });
            let item = self
                .claim(rx)
                .await
                .unwrap_or_else(|_| Err(SyncError::Internal("a library task panicked".into())));
            if let Ok(Some(blob)) = &item
                && self.forget(&blob.blob_id)
            {
                continue; // delivered already, through the handover
            }
            return item;
        }
    }

    /// Whether `blob_id` was delivered through the handover (and no longer remembered).
    fn forget(&self, blob_id: &str) -> bool {
        let mut state = self.state();
        let found = state.handed_over.iter().position(|id| id == blob_id);
        found.map(|i| state.handed_over.remove(i)).is_some()
    }

    fn take_oldest(&self) -> Option<oneshot::Receiver<Item>> {
        self.state().abandoned.pop_front()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
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
            self.handover.state().abandoned.push_front(rx);
        }
    }
}
