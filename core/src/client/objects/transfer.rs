//! [`Transfer`]: a running upload or download, as its caller sees it: progress as it
//! happens, the result once it ends, and cancellation.

use tokio::sync::{Mutex, watch};
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::{Error, Result};

/// Where a transfer stands. Bytes are the object's own (`bytes_total` is its size), chunks
/// count the padding chunks too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the object the relay holds (upload) or that are verified and written
    /// (download), including those a resumed transfer found already there.
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Chunk envelope bytes this transfer moved over the network: what a resumed transfer
    /// did not send again is not counted.
    pub bytes_sent: u64,
    pub chunks_done: u64,
    pub chunks_total: u64,
}

/// A transfer running in the background of its client. Its progress reads as a stream of the
/// latest values (a slow reader skips intermediate ones, never falls behind), its result can
/// be awaited any number of times, and dropping it cancels it.
pub struct Transfer<R> {
    object_id: [u8; 16],
    latest: watch::Receiver<Progress>,
    /// What `next_progress` has returned so far (one reader at a time).
    progress: Mutex<watch::Receiver<Progress>>,
    result: watch::Receiver<Option<Result<R>>>,
    cancel: CancellationToken,
    _cancel_on_drop: DropGuard,
}

/// The running side of a [`Transfer`]: reports progress and checks for cancellation.
pub(crate) struct Reporter {
    progress: watch::Sender<Progress>,
    pub cancel: CancellationToken,
}

impl Reporter {
    /// A reporter nobody watches (a transfer the outbox runs); its progress goes to the
    /// receiver returned with it.
    pub fn detached() -> (watch::Receiver<Progress>, Self) {
        let (progress, watching) = watch::channel(Progress::default());
        let reporter = Self {
            progress,
            cancel: CancellationToken::new(),
        };
        (watching, reporter)
    }

    pub fn update(&self, change: impl FnOnce(&mut Progress)) {
        self.progress.send_modify(change);
    }

    /// `Cancelled` once the transfer was cancelled.
    pub fn check(&self) -> Result<()> {
        match self.cancel.is_cancelled() {
            true => Err(Error::Cancelled),
            false => Ok(()),
        }
    }
}

impl<R: Clone + Send + Sync + 'static> Transfer<R> {
    /// Runs `work` as a task of its own, reporting through the [`Reporter`] it is given,
    /// until it ends or its client shuts down (`stopped`): then it ends with `Shutdown`, as
    /// every call does, even while it waits on a stream the application stopped writing.
    pub(crate) fn spawn<F>(
        object_id: [u8; 16],
        start: Progress,
        mut stopped: watch::Receiver<bool>,
        work: impl FnOnce(Reporter) -> F,
    ) -> Self
    where
        F: Future<Output = Result<R>> + Send + 'static,
    {
        let (progress_tx, progress) = watch::channel(start);
        let (result_tx, result) = watch::channel(None);
        let cancel = CancellationToken::new();
        let reporter = Reporter {
            progress: progress_tx,
            cancel: cancel.clone(),
        };
        let work = work(reporter);
        tokio::spawn(async move {
            let result = tokio::select! {
                biased;
                done = work => done,
                _ = stopped.wait_for(|stopped| *stopped) => Err(Error::Shutdown),
            };
            result_tx.send_replace(Some(result));
        });
        Self {
            object_id,
            latest: progress.clone(),
            progress: Mutex::new(progress),
            result,
            _cancel_on_drop: cancel.clone().drop_guard(),
            cancel,
        }
    }

    pub fn object_id(&self) -> [u8; 16] {
        self.object_id
    }

    /// The latest progress.
    pub fn progress(&self) -> Progress {
        *self.latest.borrow()
    }

    /// The next progress not yet returned (waiting for one), or `None` once the transfer
    /// ended and its last progress was returned.
    pub async fn next_progress(&self) -> Option<Progress> {
        let mut progress = self.progress.lock().await;
        progress.changed().await.ok()?;
        Some(*progress.borrow_and_update())
    }

    /// The transfer's result, once it ended.
    pub async fn wait(&self) -> Result<R> {
        let mut result = self.result.clone();
        match result.wait_for(Option::is_some).await {
            Ok(done) => done.clone().expect("waited for a result"),
            Err(_) => Err(Error::Shutdown),
        }
    }

    /// Stops the transfer: it ends with `Cancelled` (unless it ended first).
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}
