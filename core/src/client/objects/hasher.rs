//! The BLAKE3 hash a download checks, computed on a thread of its own: it is the one pass over
//! every byte that cannot be spread over chunks, and beside the loop that receives, decrypts
//! and writes chunks it runs on the core that loop leaves idle. Chunks go to it in order, at
//! most [`QUEUED`] at a time (a bounded memory cost).

use tokio::{sync::mpsc, task::JoinHandle};

use crate::crypto::ChunkData;

/// Chunks waiting to be hashed.
const QUEUED: usize = 4;

pub(super) struct Hasher {
    chunks: Option<mpsc::Sender<ChunkData>>,
    worker: Option<JoinHandle<blake3::Hasher>>,
}

impl Hasher {
    /// Goes on from `state` (the bytes a resumed download found are hashed already).
    pub fn new(state: blake3::Hasher) -> Self {
        let (chunks, mut queue) = mpsc::channel::<ChunkData>(QUEUED);
        let worker = tokio::task::spawn_blocking(move || {
            let mut state = state;
            while let Some(chunk) = queue.blocking_recv() {
                state.update(&chunk);
            }
            state
        });
        Self {
            chunks: Some(chunks),
            worker: Some(worker),
        }
    }

    /// Hashes `bytes` after everything given before.
    pub async fn update(&mut self, bytes: ChunkData) {
        if let Some(chunks) = &self.chunks {
            // Sending fails only if the worker ended, which `digest` then reports.
            let _ = chunks.send(bytes).await;
        }
    }

    /// The digest of everything given; `None` if the worker failed (it cannot, short of a
    /// panic in blake3).
    pub async fn digest(&mut self) -> Option<[u8; 32]> {
        self.chunks.take();
        let state = self.worker.take()?.await.ok()?;
        Some(state.finalize().into())
    }
}
