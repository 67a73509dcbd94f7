//! Checkpoints of the SQLite WAL, off the writer thread.
//!
//! In WAL mode a commit appends the pages it changed to the WAL; a checkpoint copies them into
//! the database file and syncs it, so the WAL can start over. By default SQLite checkpoints
//! inside the commit that takes the WAL past 1000 frames: the writer thread, and every push
//! waiting for it, stalls for the copy. Measured here with 64 KiB pushes, checkpoints were
//! about two thirds of the writer's busy time. So the writer only reports the WAL's size after
//! each commit, and a thread with a connection of its own checkpoints while the writer goes on
//! committing (a passive checkpoint takes no lock a writer or a reader waits for). Should that
//! thread fall far behind, the writer checkpoints itself, which bounds the WAL.
//!
//! Measured here, 16 writers (half 64 KiB, half 1 KiB pushes) for 8 s straight into one file:
//! ≈ 1.45× the pushes of checkpointing inside commits, for a WAL that peaked at ≈ 70 MiB
//! instead of 8 MiB.

use std::{
    path::Path,
    sync::mpsc::{self, Receiver, SyncSender},
    thread::JoinHandle,
    time::Duration,
};

use rusqlite::{Connection, hooks::Wal, wal::CheckpointMode};

use super::StorageError;

/// WAL frames after which the checkpoint thread is asked to run.
const BACKGROUND_FRAMES: i32 = 1000;
/// WAL frames after which the writer checkpoints after its commit, as SQLite would have. The
/// WAL starts over only once a checkpoint has caught up with it, which the checkpoint thread
/// may not manage while commits keep coming; the writer's does, nothing is appended meanwhile,
/// and it copies only what the thread has not.
const WRITER_FRAMES: i32 = 4 * BACKGROUND_FRAMES;

/// The checkpoint thread. It ends once the writer connection it serves is closed (the wake-up
/// channel's sender lives in that connection's WAL hook); dropping this waits for that.
pub(super) struct Checkpointer {
    thread: Option<JoinHandle<()>>,
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Hands checkpoints of `writer`'s WAL to a new thread with its own connection to `path`.
/// `writer` must be in WAL mode and must not set `wal_autocheckpoint` afterwards (it would
/// replace the hook installed here).
pub(super) fn start(writer: &mut Connection, path: &Path) -> Result<Checkpointer, StorageError> {
    let context = |e: rusqlite::Error| StorageError::Backend(format!("{}: {e}", path.display()));
    let conn = Connection::open(path).map_err(context)?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(context)?;
    // A checkpoint syncs the WAL before copying and the database file after.
    conn.execute_batch("PRAGMA synchronous = FULL")
        .map_err(context)?;
    // One pending wake-up is enough: the checkpoint it starts covers every commit before it.
    let (wake, woken) = mpsc::sync_channel(1);
    let thread = std::thread::Builder::new()
        .name("zerok-sqlite-checkpoint".into())
        .spawn(move || run(&conn, &woken))
        .map_err(|e| StorageError::Backend(format!("cannot start checkpoint thread: {e}")))?;
    writer
        .wal_hook(Some(move |wal: &mut Wal, frames| {
            after_commit(wal, frames, &wake)
        }))
        .map_err(context)?;
    Ok(Checkpointer {
        thread: Some(thread),
    })
}

/// Runs after each commit. Never fails: an error here would make SQLite report a commit that
/// did happen as failed.
fn after_commit(wal: &mut Wal, frames: i32, wake: &SyncSender<()>) -> rusqlite::Result<()> {
    if frames >= WRITER_FRAMES {
        // Busy while the checkpoint thread finishes a run; the next commit tries again, and
        // the thread is not woken meanwhile.
        let _ = wal.checkpoint_v2(CheckpointMode::PASSIVE);
    } else if frames >= BACKGROUND_FRAMES {
        let _ = wake.try_send(());
    }
    Ok(())
}

fn run(conn: &Connection, woken: &Receiver<()>) {
    while woken.recv().is_ok() {
        if let Err(e) = conn.wal_checkpoint_v2(None::<&str>, CheckpointMode::PASSIVE) {
            // The writer's own checkpoints still bound the WAL; the next commit wakes us again.
            tracing::warn!(error = %e, "background checkpoint failed");
        }
    }
}
