//! Keeps a download from filling the page cache with the bytes it writes. A file of many GiB
//! that nobody reads back at once would otherwise evict other programs' pages, and each new
//! page of it costs a reclaim once memory is full (on this project's 2-core VM that made the
//! kernel's copy into new pages half of a 1 GiB download's CPU). So every [`STEP`] written,
//! a blocking task makes those bytes durable and drops them from the cache, while the download
//! goes on; later writes reuse the pages freed. Linux and Android only (`posix_fadvise`);
//! elsewhere the operating system's cache policy stands.

use std::sync::Arc;

use tokio::{fs::File, task::JoinHandle};

/// Bytes written between two releases.
const STEP: u64 = 8 << 20;

pub(super) struct Release {
    /// A second handle to the part file, for the blocking task (the download keeps writing
    /// through its own).
    file: Option<Arc<std::fs::File>>,
    /// Every byte before this offset was handed to a release.
    released: u64,
    running: Option<JoinHandle<()>>,
}

impl Release {
    /// Releases of `file`, whose bytes before `from` are there already.
    pub async fn new(file: &File, from: u64) -> Self {
        let supported = cfg!(any(target_os = "linux", target_os = "android"));
        let file = match supported {
            true => file
                .try_clone()
                .await
                .ok()
                .and_then(|f| f.try_into_std().ok()),
            false => None,
        };
        Self {
            file: file.map(Arc::new),
            released: from,
            running: None,
        }
    }

    /// Notes that the bytes up to `written` were handed to `file`; releases them once a
    /// [`STEP`] gathered (after the previous release finished: one at a time).
    pub async fn written(&mut self, file: &mut File, written: u64) {
        let Some(handle) = &self.file else { return };
        if written < self.released + STEP {
            return;
        }
        if let Some(running) = self.running.take() {
            let _ = running.await;
        }
        // The last write reaches the file before the range is synced.
        if tokio::io::AsyncWriteExt::flush(file).await.is_err() {
            return;
        }
        let (handle, from) = (handle.clone(), self.released);
        self.released = written;
        self.running = Some(tokio::task::spawn_blocking(move || {
            release(&handle, from, written - from)
        }));
    }

    /// Waits for the release under way, if any.
    pub async fn finish(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.await;
        }
    }
}

/// Durable first (dirty pages are not dropped), then out of the cache. Failures only leave the
/// pages cached: the download's final `sync_all` reports a disk that fails.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn release(file: &std::fs::File, offset: u64, len: u64) {
    use std::num::NonZeroU64;
    if file.sync_data().is_ok() {
        let advice = rustix::fs::Advice::DontNeed;
        let _ = rustix::fs::fadvise(file, offset, NonZeroU64::new(len), advice);
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn release(_: &std::fs::File, _: u64, _: u64) {}
