//! Large objects: files and streams of any size sent as chunks ([`upload`]) and saved back
//! into files ([`download`]), each a [`Transfer`] with progress and cancellation, resumed
//! from what the relay (upload) or the partial file (download) already holds. Format:
//! `core/PROTOCOL.md`, "Large objects".

mod download;
mod hasher;
mod page_cache;
mod replica;
mod transfer;
mod upload;

use std::{path::Path, path::PathBuf};

use tokio::io::AsyncRead;

pub(crate) use replica::ObjectCopy;
pub use transfer::{Progress, Transfer};
pub use upload::INLINE_MAX;

use super::SyncClient;
use crate::{
    Error, Result,
    crypto::{Manifest, new_blob_id},
    transport::Transport,
};
use upload::Source;

/// An object as other devices see it in pull and subscribe: a [`SyncBlob`](super::SyncBlob)
/// with `object` set,
/// whose bytes arrive through [`SyncClient::download`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectInfo {
    pub object_id: [u8; 16],
    /// The object's bytes.
    pub size: u64,
    /// BLAKE3 hash of the object's bytes (checked by `download` before the file appears).
    pub blake3: [u8; 32],
    /// Chunk size and count; both 0 for an object small enough to travel in its manifest.
    pub chunk_size: u32,
    pub chunk_count: u64,
    /// The base name of the file it was pushed from, if any.
    pub name: Option<String>,
    /// The bytes of an object that travelled in its manifest; empty otherwise.
    pub inline: Vec<u8>,
}

impl ObjectInfo {
    pub(crate) fn from_manifest(object_id: [u8; 16], manifest: Manifest) -> Self {
        Self {
            object_id,
            size: manifest.size,
            blake3: manifest.blake3,
            chunk_size: manifest.chunk_size,
            chunk_count: manifest.chunk_count,
            name: manifest.name,
            inline: manifest.inline,
        }
    }
}

/// A pushed object: the relay committed its manifest at `cursor`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectPushed {
    pub object_id: [u8; 16],
    pub cursor: u64,
    pub size: u64,
    pub blake3: [u8; 32],
}

/// A downloaded object, complete and verified at `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectSaved {
    pub object_id: [u8; 16],
    pub path: PathBuf,
    pub size: u64,
    pub blake3: [u8; 32],
}

impl<T: Transport> SyncClient<T> {
    /// Pushes the file at `path` as an object and returns its running transfer. Other devices
    /// see one blob whose `object` names it (with the file's base name), and download it. A
    /// file up to 256 KiB travels in that blob; a larger one in 1 MiB chunks, a few in flight
    /// (memory stays a few chunks whatever the size), each retried and resumed on a relay
    /// restart or a failover. The file must not change while it is pushed (`Io` otherwise).
    pub async fn push_file(&self, path: &Path) -> Result<Transfer<ObjectPushed>> {
        self.inner.ensure_running()?;
        let (file, size) = open_sized(path).await?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(self.upload(Source::File(file.into()), size, name))
    }

    /// Queues the file at `path` for pushing as an object, in this device's durable outbox
    /// (no network; its id at once): the client sends it in enqueue order with the outbox's
    /// blobs once connected, across disconnects and app restarts, resuming from the chunks
    /// the relay holds. [`SyncEvent::OutboxSent`](super::SyncEvent::OutboxSent) reports it
    /// (under its object id); a file that changed or vanished before it was sent is reported
    /// by `OutboxRejected` with an `Io` error.
    pub async fn enqueue_file(&self, path: &Path) -> Result<[u8; 16]> {
        self.inner.ensure_running()?;
        let path = std::path::absolute(path).map_err(|e| io(path, e))?;
        let size = tokio::fs::metadata(&path)
            .await
            .map_err(|e| io(&path, e))?
            .len();
        let job = UploadJob {
            name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            path: path.to_string_lossy().into_owned(),
            size,
        };
        let object_id = new_blob_id();
        let job = postcard::to_allocvec(&job).expect("an upload job serializes");
        let ttl = self.inner.config.ttl.map(|t| t.as_secs());
        self.inner
            .outbox
            .insert(object_id, Vec::new(), ttl, Some(job))
            .await?;
        self.inner.start_background();
        Ok(object_id)
    }

    /// Pushes exactly `size` bytes read from `reader` as an object, as [`push_file`] does
    /// (`Io` if the reader ends early or has more). A stream is read once: an upload that
    /// moves to a relay that lost its earlier chunks fails instead of resuming.
    ///
    /// [`push_file`]: Self::push_file
    pub fn push_stream(
        &self,
        reader: impl AsyncRead + Send + Unpin + 'static,
        size: u64,
        name: Option<String>,
    ) -> Result<Transfer<ObjectPushed>> {
        self.inner.ensure_running()?;
        Ok(self.upload(Source::stream(Box::new(reader)), size, name))
    }

    fn upload(&self, source: Source, size: u64, name: Option<String>) -> Transfer<ObjectPushed> {
        let object_id = new_blob_id();
        let start = Progress {
            bytes_total: size,
            ..Progress::default()
        };
        let (inner, stopped) = (self.inner.clone(), self.inner.stopped.subscribe());
        Transfer::spawn(object_id, start, stopped, move |report| {
            inner.upload(object_id, size, name, source, report)
        })
    }

    /// Downloads `object` into the file `dest`, which appears only once complete and
    /// verified (every chunk authenticated, then the BLAKE3 hash of the whole). Meanwhile the
    /// verified part waits beside it (`<dest>.<object id>.zerok-part`); a download of the same
    /// object to the same place, after a failure, a cancellation or an app restart, resumes
    /// from it.
    pub fn download(&self, object: &ObjectInfo, dest: &Path) -> Result<Transfer<ObjectSaved>> {
        self.inner.ensure_running()?;
        let start = Progress {
            bytes_total: object.size,
            chunks_total: object.chunk_count,
            ..Progress::default()
        };
        let (inner, object, dest) = (self.inner.clone(), object.clone(), dest.to_owned());
        let stopped = self.inner.stopped.subscribe();
        Ok(Transfer::spawn(
            object.object_id,
            start,
            stopped,
            move |report| inner.download(object, dest, report),
        ))
    }
}

/// A file waiting in the outbox to be pushed as an object.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct UploadJob {
    pub path: String,
    /// Its size when queued: a file of another size changed meanwhile.
    pub size: u64,
    pub name: Option<String>,
}

impl<T: Transport> super::Inner<T> {
    /// Sends a queued upload (`job`, under `object_id`) to the active relay, resuming from
    /// the chunks it holds; the relay's index and the cursor. Refusals for good (`Io`,
    /// `PayloadTooLarge`, `Protocol`) abort the staged object on the relay; the rest (a relay
    /// out of reach, the quota) keep it for the next attempt.
    pub(crate) async fn send_queued_object(
        self: &std::sync::Arc<Self>,
        object_id: [u8; 16],
        job: &[u8],
    ) -> Result<u64> {
        let job: UploadJob = postcard::from_bytes(job)
            .map_err(|e| Error::State(format!("outbox: unreadable upload: {e}")))?;
        let path = Path::new(&job.path);
        let sent = async {
            let (file, size) = open_sized(path).await?;
            if size != job.size {
                return Err(Error::Io(format!(
                    "{}: {size} bytes now, {} when queued",
                    path.display(),
                    job.size
                )));
            }
            let (_, report) = transfer::Reporter::detached();
            let mut source = Source::File(file.into());
            self.send_object(object_id, size, job.name, &mut source, &report)
                .await
                .map(|pushed| pushed.cursor)
        }
        .await;
        if let Err(Error::Io(_) | Error::PayloadTooLarge { .. } | Error::Protocol(_)) = &sent {
            self.abort_object(object_id).await;
        }
        sent
    }
}

/// The file at `path`, opened for reading, and its size.
async fn open_sized(path: &Path) -> Result<(std::fs::File, u64)> {
    let file = tokio::fs::File::open(path).await.map_err(|e| io(path, e))?;
    let size = file.metadata().await.map_err(|e| io(path, e))?.len();
    Ok((file.into_std().await, size))
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("{}: {e}", path.display()))
}
