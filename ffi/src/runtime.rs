//! The library's tokio runtime. Foreign callers poll our futures from their own executors;
//! work that has to wait runs here.

use std::{
    future::{Future, poll_fn},
    panic::{AssertUnwindSafe, catch_unwind},
    pin::Pin,
    sync::LazyLock,
    task::{Context, Poll, Waker},
};

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

/// Runs `work`: its first step on the caller's thread (inside the runtime's context), the rest,
/// once it has to wait, as a task on the runtime. Work that never waits (a call on a
/// disconnected client, a local answer) thus costs no thread hop, which is most of what a
/// trivial call would cost; this is also how UniFFI's own tokio support runs futures.
/// Cancelling the returned future cancels the work; a panic in it becomes
/// `SyncError::Internal` instead of crossing the FFI.
///
/// The first step is polled with a waker of its own, not the caller's: whatever `work` waits
/// on (a QUIC connection, a lock, a channel) may wake a waker it holds from a runtime thread
/// while holding its own locks, and a foreign waker may block that thread until the caller's
/// event loop runs (koffi hands a call from another thread to Node's main thread and waits
/// for it). Had the first step registered the caller's waker, that main thread, polling the
/// next call into the same connection, would wait for the lock the blocked thread holds: a
/// deadlock seen in the Node tests. The only foreign waker is thus the task's join handle's,
/// woken by tokio when the task ends, with no lock of ours held.
pub(crate) async fn run<T, F>(work: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, SyncError>> + Send + 'static,
{
    let panicked = || SyncError::Internal("a library task panicked".into());
    let mut first: Option<Pin<Box<F>>> = Some(Box::pin(work));
    let mut task: Option<AbortOnDrop<Result<T, SyncError>>> = None;
    poll_fn(move |cx| {
        if let Some(mut work) = first.take() {
            let polled = {
                let _context = RUNTIME.enter();
                let mut own = Context::from_waker(Waker::noop());
                catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(&mut own)))
            };
            match polled {
                Ok(Poll::Ready(result)) => return Poll::Ready(result),
                Err(_) => return Poll::Ready(Err(panicked())),
                // Nothing can wake the no-op waker: the task polls `work` again at once, which
                // registers the task's waker wherever `work` waits.
                Ok(Poll::Pending) => task = Some(AbortOnDrop(RUNTIME.spawn(work))),
            }
        }
        let task = task
            .as_mut()
            .expect("a future is not polled after it is ready");
        Pin::new(&mut task.0).poll(cx).map(|joined| match joined {
            Ok(result) => result,
            Err(e) if e.is_panic() => Err(panicked()),
            Err(_) => Err(SyncError::Internal("a library task was cancelled".into())),
        })
    })
    .await
}

/// Starts `work` on the runtime without waiting for it (cleanup from `Drop`).
pub(crate) fn spawn_detached(work: impl Future<Output = ()> + Send + 'static) {
    RUNTIME.spawn(work);
}

/// Runs CPU-heavy `work` on the runtime's blocking pool (awaited directly: a runtime task in
/// between would only wait for it). Like any blocking work, it runs to its end even when the
/// caller stops waiting.
pub(crate) async fn run_blocking<T, F>(work: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SyncError> + Send + 'static,
{
    RUNTIME
        .spawn_blocking(work)
        .await
        .unwrap_or_else(|_| Err(SyncError::Internal("a blocking task panicked".into())))
}

#[cfg(test)]
mod tests {
    use std::{
        sync::{
            Arc,
            atomic::{AtomicBool, Ordering},
        },
        thread,
        time::Duration,
    };

    use tokio::sync::oneshot;

    use super::*;

    /// A foreign caller: a plain thread polling on its own executor, outside any runtime.
    fn foreign<T: Send + 'static>(fut: impl Future<Output = T> + Send + 'static) -> T {
        thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(fut)
        })
        .join()
        .unwrap()
    }

    fn thread_name() -> String {
        thread::current().name().unwrap_or("").to_owned()
    }

    #[test]
    fn work_that_never_waits_runs_on_the_callers_thread_in_the_runtimes_context() {
        let (caller, worker) = foreign(async {
            let caller = thread::current().id();
            let worker = run(async {
                let _ = tokio::runtime::Handle::current(); // panics outside a runtime context
                Ok(thread::current().id())
            })
            .await
            .unwrap();
            (caller, worker)
        });
        assert_eq!(caller, worker);
    }

    #[test]
    fn work_that_waits_goes_on_as_a_runtime_task() {
        let after_wait = foreign(run(async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok(thread_name())
        }))
        .unwrap();
        assert_eq!(after_wait, "zerok-sync");
    }

    /// A readiness source that keeps every waker it was polled with and wakes them all, from
    /// its own thread, as noq's connection driver does for streams.
    #[derive(Default)]
    struct Source {
        ready: AtomicBool,
        wakers: std::sync::Mutex<Vec<Waker>>,
    }

    impl Source {
        fn fire(&self) {
            self.ready.store(true, Ordering::SeqCst);
            let wakers = std::mem::take(&mut *self.wakers.lock().unwrap());
            wakers.into_iter().for_each(Waker::wake);
        }
    }

    /// The caller's waker, recording the threads that woke it.
    struct Caller {
        woken_on: std::sync::Mutex<Vec<thread::ThreadId>>,
        thread: thread::Thread,
    }

    impl std::task::Wake for Caller {
        fn wake(self: Arc<Self>) {
            self.woken_on.lock().unwrap().push(thread::current().id());
            self.thread.unpark();
        }
    }

    #[test]
    fn only_the_tasks_end_wakes_the_caller_never_what_the_work_waits_on() {
        let source = Arc::new(Source::default());
        let waits = source.clone();
        let mut call = Box::pin(run(poll_fn(move |cx| {
            if waits.ready.load(Ordering::SeqCst) {
                return Poll::Ready(Ok(()));
            }
            waits.wakers.lock().unwrap().push(cx.waker().clone());
            Poll::Pending
        })));
        let caller = Arc::new(Caller {
            woken_on: Default::default(),
            thread: thread::current(),
        });
        let waker = Waker::from(caller.clone());
        assert!(
            call.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        // Once the task holds the work, the source holds the task's waker.
        while source.wakers.lock().unwrap().len() < 2 {
            thread::yield_now();
        }
        let firing = thread::spawn(move || source.fire());
        let firing_id = firing.thread().id();
        firing.join().unwrap();
        while call
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending()
        {
            thread::park();
        }
        let woken_on = caller.woken_on.lock().unwrap();
        assert!(!woken_on.is_empty(), "the task's end woke the caller");
        assert!(
            !woken_on.contains(&firing_id),
            "the source woke the caller's waker directly: {woken_on:?}"
        );
    }

    #[test]
    fn panics_before_and_after_waiting_become_internal_errors() {
        let before = foreign(run::<(), _>(async { panic!("in the first step") }));
        let after = foreign(run::<(), _>(async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            panic!("on the runtime")
        }));
        for result in [before, after] {
            assert!(matches!(result, Err(SyncError::Internal(m)) if m.contains("panicked")));
        }
    }

    #[test]
    fn dropping_the_call_cancels_work_that_went_to_the_runtime() {
        struct Flag(Arc<AtomicBool>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(AtomicBool::new(false));
        let (_never, waits) = oneshot::channel::<()>();
        let flag = Flag(dropped.clone());
        foreign(async move {
            let call = run(async move {
                let _flag = flag;
                let _ = waits.await;
                Ok(())
            });
            // Polled until it waits, then abandoned, as a cancelled foreign caller does.
            assert!(
                tokio::time::timeout(Duration::from_millis(20), call)
                    .await
                    .is_err()
            );
        });
        for _ in 0..100 {
            if dropped.load(Ordering::SeqCst) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("the abandoned work was not cancelled");
    }
}
