//! Large objects: files and streams of any size sent as chunks ([`upload`]) and saved back
//! into files ([`download`]), each a [`Transfer`] with progress and cancellation, resumed
//! from what the relay (upload) or the partial file (download) already holds. Format:
//! `core/PROTOCOL.md`, "Large objects".

mod download;
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
    /// SHA-256 of the object's bytes (checked by `download` before the file appears).
    pub sha256: [u8; 32],
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
            sha256: manifest.sha256,
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
    pub sha256: [u8; 32],
}

/// A downloaded object, complete and verified at `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectSaved {
    pub object_id: [u8; 16],
    pub path: PathBuf,
    pub size: u64,
    pub sha256: [u8; 32],
}

impl<T: Transport> SyncClient<T> {
    /// Pushes the file at `path` as an object and returns its running transfer. Other devices
    /// see one blob whose `object` names it (with the file's base name), and download it. A
    /// file up to 256 KiB travels in that blob; a larger one in 1 MiB chunks, a few in flight
    /// (memory stays a few chunks whatever the size), each retried and resumed on a relay
    /// restart or a failover. The file must not change while it is pushed (`Io` otherwise).
    pub async fn push_file(&self, path: &Path) -> Result<Transfer<ObjectPushed>> {
        self.inner.ensure_running()?;
        let file = tokio::fs::File::open(path).await.map_err(|e| io(path, e))?;
        let size = file.metadata().await.map_err(|e| io(path, e))?.len();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(self.upload(Source::File(file), size, name))
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
        Ok(self.upload(Source::Stream(Box::new(reader)), size, name))
    }

    fn upload(&self, source: Source, size: u64, name: Option<String>) -> Transfer<ObjectPushed> {
        let object_id = new_blob_id();
        let start = Progress {
            bytes_total: size,
            ..Progress::default()
        };
        let inner = self.inner.clone();
        Transfer::spawn(object_id, start, move |report| {
            inner.upload(object_id, size, name, source, report)
        })
    }

    /// Downloads `object` into the file `dest`, which appears only once complete and
    /// verified (every chunk authenticated, then the SHA-256 of the whole). Meanwhile the
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
        Ok(Transfer::spawn(object.object_id, start, move |report| {
            inner.download(object, dest, report)
        }))
    }
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("{}: {e}", path.display()))
}
