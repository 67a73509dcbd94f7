//! Read-ahead for pulls.
//!
//! A device pulling a backlog asks for one page at a time, and can ask for the next only once
//! this one has arrived (it needs the page's last cursor). Left alone, the relay idles while a
//! page travels, and the device waits while the relay reads the next one from storage. So
//! after answering a page that has more, the relay reads the next page at once; the device's
//! next `Pull` (after = the last cursor it got, same limit) is answered from it.
//!
//! A page read ahead holds the blobs as storage had them at that moment, which is what an
//! answer read a few milliseconds later would hold too, except for blobs that expired in
//! between (those a device may get once more), as long as the page has more after it: a last
//! page would lack what was committed since, so `session::pull` reads that one again. Memory is bounded: one page per session, and at
//! most [`MAX_PAGES`] across the relay (beyond that, pulls just wait for storage). A page
//! nobody asks for within [`HOLD`] is dropped, so sessions that stop pulling halfway (or never
//! meant to go on) do not keep the budget from the ones that pull.

use std::{
    future::Future,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tokio_util::task::AbortOnDropHandle;

use crate::storage::{Page, StorageError};

/// Pages read ahead across the relay at once, each at most `max_page_bytes`.
pub(crate) const MAX_PAGES: usize = 16;

/// How long a page read ahead waits for the pull that asks for it. That pull comes once the
/// page before has arrived: 30 s covers a page of the default 4 MiB at ≈ 140 KB/s. A slower
/// device just has its pages read when it asks.
const HOLD: Duration = Duration::from_secs(30);

/// The relay-wide budget of pages read ahead.
pub(crate) fn budget() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(MAX_PAGES))
}

/// A read ahead: its page once claimed, `None` if it was held past [`HOLD`] unclaimed.
type Read = AbortOnDropHandle<Option<Result<Page, StorageError>>>;

/// One session's page read ahead, if any. Dropped with the session, which stops the read.
pub(crate) struct ReadAhead {
    slot: Mutex<Option<Pending>>,
    hold: Duration,
}

impl Default for ReadAhead {
    fn default() -> Self {
        Self::holding_for(HOLD)
    }
}

struct Pending {
    after: u64,
    limit: u32,
    read: Read,
    /// Tells the read its page is wanted.
    claim: oneshot::Sender<()>,
    _share: Share,
}

/// A read's share of the relay-wide budget, held by its session's slot and by the read
/// itself, and given back as soon as either lets go: when the session takes, replaces or
/// drops the read (at once, so a session replacing its own read never competes with itself
/// for the budget), or when the read stops holding an unclaimed page.
#[derive(Clone)]
struct Share(Arc<Mutex<Option<OwnedSemaphorePermit>>>);

impl Drop for Share {
    fn drop(&mut self) {
        self.0.lock().expect("read-ahead share lock").take();
    }
}

impl ReadAhead {
    fn holding_for(hold: Duration) -> Self {
        Self {
            slot: Mutex::new(None),
            hold,
        }
    }

    /// The read started for exactly `(after, limit)`, if that is the one waiting. Any other
    /// stays: a concurrent pull of the same session may still ask for it.
    pub fn take(&self, after: u64, limit: u32) -> Option<Read> {
        let mut slot = self.slot.lock().expect("read-ahead lock");
        if slot
            .as_ref()
            .is_some_and(|p| p.after == after && p.limit == limit)
        {
            slot.take().map(|p| {
                // Fails only if the read has given up on being claimed: it then yields `None`.
                let _ = p.claim.send(());
                p.read
            })
        } else {
            None
        }
    }

    /// Starts `read` as the page after `after`, if the relay-wide budget allows; it replaces
    /// (and stops) a read this session was not asked for. The read holds its share of the
    /// budget until it is claimed, stopped, or has waited [`HOLD`] with its page.
    pub fn start<F>(&self, budget: &Arc<Semaphore>, after: u64, limit: u32, read: F)
    where
        F: Future<Output = Result<Page, StorageError>> + Send + 'static,
    {
        let mut slot = self.slot.lock().expect("read-ahead lock");
        slot.take();
        let Ok(permit) = budget.clone().try_acquire_owned() else {
            return;
        };
        let share = Share(Arc::new(Mutex::new(Some(permit))));
        let (claim, claimed) = oneshot::channel();
        let (hold, held) = (self.hold, share.clone());
        let read = AbortOnDropHandle::new(tokio::spawn(async move {
            let _share = held;
            let page = read.await;
            match tokio::time::timeout(hold, claimed).await {
                Ok(Ok(())) => Some(page),
                // Unclaimed in time, or the session went on without it.
                Ok(Err(_)) | Err(_) => None,
            }
        }));
        *slot = Some(Pending {
            after,
            limit,
            read,
            claim,
            _share: share,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page as storage might answer (no blobs needed: only its hand-over is tested).
    async fn page() -> Result<Page, StorageError> {
        Ok(Page {
            blobs: vec![],
            has_more: true,
        })
    }

    #[tokio::test]
    async fn a_claimed_page_is_answered_and_frees_its_budget() {
        let budget = budget();
        let ahead = ReadAhead::default();
        ahead.start(&budget, 7, 10, page());
        assert_eq!(budget.available_permits(), MAX_PAGES - 1);
        assert!(ahead.take(7, 11).is_none(), "another limit is another page");
        assert!(
            ahead.take(8, 10).is_none(),
            "another cursor is another page"
        );
        let read = ahead.take(7, 10).expect("the page read ahead");
        assert!(read.await.unwrap().unwrap().unwrap().has_more);
        assert_eq!(budget.available_permits(), MAX_PAGES);
    }

    #[tokio::test]
    async fn an_unclaimed_page_is_dropped_after_the_hold() {
        let budget = budget();
        let ahead = ReadAhead::holding_for(Duration::from_millis(50));
        ahead.start(&budget, 7, 10, page());
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while budget.available_permits() < MAX_PAGES {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the page was never let go"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // Asked for too late: the pull reads from storage instead.
        let read = ahead.take(7, 10).expect("the slot still names the read");
        assert!(read.await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_replaced_or_dropped_read_gives_its_budget_back_at_once() {
        let budget = budget();
        let ahead = ReadAhead::default();
        ahead.start(&budget, 7, 10, std::future::pending());
        // Another pull of the session replaces it with a read of its own.
        ahead.start(&budget, 9, 10, std::future::pending());
        assert_eq!(budget.available_permits(), MAX_PAGES - 1);
        drop(ahead);
        assert_eq!(budget.available_permits(), MAX_PAGES);
    }
}
