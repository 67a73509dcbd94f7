//! Downloads. The chunks stream from the relay in index order, one request for the rest of
//! the object; each is authenticated (its group, object, index and count) before its bytes
//! are written to a part file beside the destination, which becomes the destination only once
//! the BLAKE3 hash of the whole matches the manifest. A broken stream resumes at the next chunk,
//! on the same relay once it is back or on another; a later download of the same object to the
//! same place resumes from the part file.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Instant,
};

use tokio::{
    fs::File,
    io::{AsyncReadExt, AsyncWriteExt},
};

use super::{ObjectInfo, ObjectSaved, hasher::Hasher, io, page_cache::Release, transfer::Reporter};
use crate::{
    Error, Result,
    client::{
        Inner, backoff, frame_err,
        session::{Session, unexpected},
    },
    crypto::{ObjectLayout, open_chunk},
    protocol::{ErrorCode, FrameError, Message, read_message, take_end_if_arrived},
    transport::{Connection, Transport},
};

/// A download in progress: the part file and what is verified in it.
struct Part {
    file: File,
    hasher: Hasher,
    /// The next chunk to fetch; every chunk before it is verified and its bytes written.
    next: u64,
    release: Release,
}

impl<T: Transport> Inner<T> {
    pub(super) async fn download(
        self: Arc<Self>,
        object: ObjectInfo,
        dest: PathBuf,
        report: Reporter,
    ) -> Result<ObjectSaved> {
        tokio::select! {
            saved = self.save(&object, &dest, &report) => saved,
            _ = report.cancel.cancelled() => Err(Error::Cancelled),
        }
    }

    async fn save(
        &self,
        object: &ObjectInfo,
        dest: &Path,
        report: &Reporter,
    ) -> Result<ObjectSaved> {
        let part_path = part_path(dest, &object.object_id)?;
        let mut part = if object.chunk_count == 0 {
            let mut file = File::create(&part_path)
                .await
                .map_err(|e| io(&part_path, e))?;
            file.write_all(&object.inline)
                .await
                .map_err(|e| io(&part_path, e))?;
            let mut hasher = Hasher::new(blake3::Hasher::new());
            hasher.update(object.inline.clone().into()).await;
            let release = Release::new(&file, 0).await;
            Part {
                file,
                hasher,
                next: 0,
                release,
            }
        } else {
            let layout = ObjectLayout::new(object.size, object.chunk_size)?;
            if layout.chunk_count != object.chunk_count {
                return Err(Error::Protocol(format!(
                    "object {}: {} chunks do not hold {} bytes",
                    hex::encode(object.object_id),
                    object.chunk_count,
                    object.size
                )));
            }
            let mut part = resume(&part_path, &layout).await?;
            report.update(|p| {
                p.chunks_done = part.next;
                p.bytes_done = layout.chunk_range(part.next).start.min(layout.size);
            });
            self.fetch(object, &layout, &mut part, report).await?;
            part
        };
        let blake3 = part.hasher.digest().await;
        if blake3 != Some(object.blake3) {
            drop(part);
            let _ = tokio::fs::remove_file(&part_path).await;
            return Err(tampered(
                &object.object_id,
                "its bytes do not match the manifest's BLAKE3 hash",
            ));
        }
        part.release.finish().await;
        part.file.sync_all().await.map_err(|e| io(&part_path, e))?;
        tokio::fs::rename(&part_path, dest)
            .await
            .map_err(|e| io(dest, e))?;
        report.update(|p| p.bytes_done = object.size);
        Ok(ObjectSaved {
            object_id: object.object_id,
            path: dest.to_owned(),
            size: object.size,
            blake3: object.blake3,
        })
    }

    /// Fetches every chunk from `part.next` on. A transport failure is retried (after a
    /// backoff, on whichever relay is active then) from the chunk it stopped at, until
    /// `request_timeout` passes with no chunk arriving.
    async fn fetch(
        &self,
        object: &ObjectInfo,
        layout: &ObjectLayout,
        part: &mut Part,
        report: &Reporter,
    ) -> Result<()> {
        let mut failures = 0;
        let mut progressed_at = Instant::now();
        loop {
            let before = part.next;
            let attempt = async {
                let session = self.active_session().await?;
                let fetched = match self
                    .stream_chunks(&session, object, layout, part, report)
                    .await
                {
                    // A copy may not have reached this relay yet: the others may have it.
                    Err(Error::ObjectUnavailable { .. }) if self.config.relays.len() > 1 => {
                        let active = session.relay_index;
                        self.fetch_elsewhere(active, object, layout, part, report)
                            .await
                    }
                    fetched => fetched,
                };
                if let Err(e) = &fetched
                    && e.is_transient()
                {
                    session.close(&e.to_string());
                }
                fetched
            };
            let e = match attempt.await {
                Ok(()) => return Ok(()),
                Err(e) if e.is_transient() || matches!(e, Error::AllRelaysFailed { .. }) => e,
                Err(e) => return Err(e),
            };
            if part.next > before {
                (failures, progressed_at) = (0, Instant::now());
            }
            failures += 1;
            let wait = backoff(failures);
            if progressed_at.elapsed() + wait >= self.config.request_timeout {
                return Err(e);
            }
            tracing::warn!(object = %hex::encode(object.object_id), chunk = part.next, error = %e, "download interrupted; resuming");
            tokio::time::sleep(wait).await;
            self.ensure_running()?;
        }
    }

    /// Fetches the rest of the object from the first relay other than `skip` that has it.
    async fn fetch_elsewhere(
        &self,
        skip: usize,
        object: &ObjectInfo,
        layout: &ObjectLayout,
        part: &mut Part,
        report: &Reporter,
    ) -> Result<()> {
        for index in (0..self.config.relays.len()).filter(|&i| i != skip) {
            let Ok(session) = self.session_for(index).await else {
                continue;
            };
            match self
                .stream_chunks(&session, object, layout, part, report)
                .await
            {
                Err(Error::ObjectUnavailable { .. }) => {}
                Err(e) if e.is_transient() => session.close(&e.to_string()),
                fetched => return fetched,
            }
        }
        Err(Error::ObjectUnavailable {
            object_id: hex::encode(object.object_id),
        })
    }

    /// One `ChunkGet` for the rest of the object, written into `part` as it arrives.
    async fn stream_chunks(
        &self,
        session: &Session<T::Conn>,
        object: &ObjectInfo,
        layout: &ObjectLayout,
        part: &mut Part,
        report: &Reporter,
    ) -> Result<()> {
        let get = Message::ChunkGet {
            object_id: object.object_id,
            from: part.next,
            to: layout.chunk_count,
        };
        let (mut send, mut recv) = session.open(&get).await?;
        let _ = send.shutdown().await;
        while part.next < layout.chunk_count {
            let index = part.next;
            let envelope = self
                .next_chunk(session, &mut recv, &object.object_id, index)
                .await?;
            let sent = envelope.len() as u64;
            let data = open_chunk(&self.keys, &object.object_id, layout, index, envelope).map_err(
                |_| {
                    tampered(
                        &object.object_id,
                        &format!("chunk {index} failed to authenticate"),
                    )
                },
            )?;
            part.file
                .write_all(&data)
                .await
                .map_err(|e| Error::Io(format!("writing the part file: {e}")))?;
            part.hasher.update(data).await;
            part.next += 1;
            let written = layout.chunk_range(part.next).start.min(layout.size);
            part.release.written(&mut part.file, written).await;
            report.update(|p| {
                p.chunks_done = part.next;
                p.bytes_sent += sent;
                p.bytes_done = written;
            });
        }
        take_end_if_arrived(&mut recv);
        Ok(())
    }

    /// Reads the envelope of chunk `index`, the next one a `ChunkGet` stream owes. A relay
    /// that skips a chunk or ends early tampered with the object, as far as the device can
    /// tell (a relay that lost chunks it acknowledged is no better).
    pub(super) async fn next_chunk(
        &self,
        session: &Session<T::Conn>,
        recv: &mut <T::Conn as Connection>::Recv,
        object_id: &[u8; 16],
        index: u64,
    ) -> Result<Vec<u8>> {
        let timeout = self.config.request_timeout;
        let frame = tokio::time::timeout(timeout, read_message(recv))
            .await
            .map_err(|_| {
                let relay = session.relay.short_id();
                Error::Timeout(format!("no chunk from relay {relay} within {timeout:?}"))
            })?;
        match frame {
            Ok(Message::Chunk {
                index: got,
                envelope,
            }) if got == index => Ok(envelope),
            Ok(Message::Chunk { .. }) | Err(FrameError::Closed) => {
                Err(tampered(object_id, &format!("chunk {index} is missing")))
            }
            Ok(Message::Error {
                code: ErrorCode::ObjectUnknown,
                ..
            }) => Err(Error::ObjectUnavailable {
                object_id: hex::encode(object_id),
            }),
            Ok(other) => Err(unexpected(&other, "Chunk")),
            Err(e) => Err(frame_err(e)),
        }
    }
}

/// Where the verified bytes of `object_id` wait until `dest` can be complete.
fn part_path(dest: &Path, object_id: &[u8; 16]) -> Result<PathBuf> {
    let name = dest
        .file_name()
        .ok_or_else(|| Error::Io(format!("{}: not a file name", dest.display())))?;
    let mut part = name.to_owned();
    part.push(format!(".{}.zerok-part", hex::encode(object_id)));
    Ok(dest.with_file_name(part))
}

/// Opens the part file of an earlier download of the object, keeping its whole chunks (all
/// verified when written) and hashing them again from disk, or starts an empty one.
async fn resume(path: &Path, layout: &ObjectLayout) -> Result<Part> {
    let mut file = tokio::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .await
        .map_err(|e| io(path, e))?;
    let have = file.metadata().await.map_err(|e| io(path, e))?.len();
    let chunk = u64::from(layout.chunk_size);
    let next = match have <= layout.size {
        true => (have / chunk).min(layout.chunk_count),
        false => 0,
    };
    let keep = layout.chunk_range(next).start.min(layout.size);
    file.set_len(keep).await.map_err(|e| io(path, e))?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0; layout.chunk_size as usize];
    let mut hashed = 0;
    while hashed < keep {
        let n = file.read(&mut buf).await.map_err(|e| io(path, e))?;
        if n == 0 {
            return Err(Error::Io(format!(
                "{}: shorter than it was",
                path.display()
            )));
        }
        hasher.update(&buf[..n]);
        hashed += n as u64;
    }
    let release = Release::new(&file, keep).await;
    Ok(Part {
        file,
        hasher: Hasher::new(hasher),
        next,
        release,
    })
}

pub(super) fn tampered(object_id: &[u8; 16], what: &str) -> Error {
    Error::Tampered {
        blob_id: format!("{} ({what})", hex::encode(object_id)),
    }
}
