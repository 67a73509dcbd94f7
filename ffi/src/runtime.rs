//! The library's tokio runtime. Foreign callers poll our futures from their own executors;
//! the work itself always runs here.

use std::{future::Future, sync::LazyLock};

use tokio::runtime::Runtime;

use crate::SyncError;

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .thread_name("zerok-sync")
        .enable_all()
        .build()
        .expect("the zerok-sync runtime starts")
});

/// Aborts the task when the foreign caller drops (cancels) the future awaiting it.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `work` on the runtime. Cancelling the returned future cancels the work; a panic in
/// it becomes `SyncError::Internal` instead of crossing the FFI.
pub(crate) async fn run<T, F>(work: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, SyncError>> + Send + 'static,
{
    let mut task = AbortOnDrop(RUNTIME.spawn(work));
    match (&mut task.0).await {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(SyncError::Internal("a library task panicked".into())),
        Err(_) => Err(SyncError::Internal("a library task was cancelled".into())),
    }
}

/// Starts `work` on the runtime without waiting for it (cleanup from `Drop`).
pub(crate) fn spawn_detached(work: impl Future<Output = ()> + Send + 'static) {
    RUNTIME.spawn(work);
}

/// Runs CPU-heavy `work` on the runtime's blocking pool.
pub(crate) async fn run_blocking<T, F>(work: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SyncError> + Send + 'static,
{
    run(async move {
        tokio::task::spawn_blocking(work)
            .await
            .unwrap_or_else(|_| Err(SyncError::Internal("a blocking task panicked".into())))
    })
    .await
}
