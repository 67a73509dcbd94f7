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
//! between; those a device may get once more. Memory is bounded: one page per session, and at
//! most [`MAX_PAGES`] across the relay (beyond that, pulls just wait for storage).

use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::task::AbortOnDropHandle;

use crate::storage::{Page, StorageError};

/// Pages read ahead across the relay at once, each at most `max_page_bytes`.
pub(crate) const MAX_PAGES: usize = 16;

/// The relay-wide budget of pages read ahead.
pub(crate) fn budget() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(MAX_PAGES))
}

type Read = AbortOnDropHandle<Result<Page, StorageError>>;

/// One session's page read ahead, if any. Dropped with the session, which stops the read.
#[derive(Default)]
pub(crate) struct ReadAhead {
    slot: Mutex<Option<Pending>>,
}

struct Pending {
    after: u64,
    limit: u32,
    read: Read,
    _budget: OwnedSemaphorePermit,
}

impl ReadAhead {
    /// The read started for exactly `(after, limit)`, if that is the one waiting. Any other
    /// stays: a concurrent pull of the same session may still ask for it.
    pub fn take(&self, after: u64, limit: u32) -> Option<Read> {
        let mut slot = self.slot.lock().expect("read-ahead lock");
        if slot
            .as_ref()
            .is_some_and(|p| p.after == after && p.limit == limit)
        {
            slot.take().map(|p| p.read)
        } else {
            None
        }
    }

    /// Starts `read` as the page after `after`, if the relay-wide budget allows; it replaces
    /// (and stops) a read this session was not asked for.
    pub fn start(
        &self,
        budget: &Arc<Semaphore>,
        after: u64,
        limit: u32,
        read: impl FnOnce() -> Read,
    ) {
        let mut slot = self.slot.lock().expect("read-ahead lock");
        // The old read's permit is released before asking for one, so a session replacing its
        // own read-ahead never competes with itself.
        slot.take();
        if let Ok(permit) = budget.clone().try_acquire_owned() {
            *slot = Some(Pending {
                after,
                limit,
                read: read(),
                _budget: permit,
            });
        }
    }
}
