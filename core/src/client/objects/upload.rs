//! Uploads. The source is read once, in order, and hashed as it goes; each chunk is sealed
//! and put as a request of its own, [`WINDOW`] at a time, each retried (across reconnects and
//! failovers) until `request_timeout` passes without it getting through. A relay that does not
//! know the object (another relay after a failover) is told about it on the spot; one that
//! lacks chunks at commit (it lost them, or never had them) gets them again from the file.

use std::{sync::Arc, time::Instant};

use tokio::{
    io::{AsyncRead, AsyncReadExt},
    task::JoinSet,
};

use super::{ObjectCopy, ObjectPushed, transfer::Reporter};
use crate::{
    Error, Result,
    client::{Inner, replicator::Replica, session::unexpected},
    crypto::{CHUNK_SIZE, ChunkBuf, MANIFEST_FORMAT, Manifest, ObjectLayout, seal_manifest},
    protocol::{ErrorCode, Message},
    transport::Transport,
};

/// Chunk requests in flight per upload: enough to keep a fast link busy while each waits for
/// its durable commit, few enough that memory stays a few chunks (each in flight holds its
/// envelope here, which its bytes were read into, and its frame on the relay). Measured on 1 GiB
/// (cli/benches/objects.rs): 4 gave 0.24 of a raw iroh stream, 8 gave 0.32 with both
/// processes' peak memory under 60 MiB, 16 gave 0.30 with both over 64 MiB.
const WINDOW: usize = 8;
/// Objects up to this size travel inside their manifest: one envelope, no chunks.
pub const INLINE_MAX: u64 = 256 * 1024;
/// Commits refused for missing chunks before the upload gives up.
const REPAIRS: u32 = 3;

/// Where an upload's bytes come from.
pub(crate) enum Source {
    /// A file, read at any offset (so chunks a relay lacks at commit can be read again), off
    /// the runtime and straight into the caller's buffer.
    File(Arc<std::fs::File>),
    /// A stream, read once, in order; `at` is where it stands.
    Stream {
        reader: Box<dyn AsyncRead + Send + Unpin>,
        at: u64,
    },
}

impl Source {
    pub fn stream(reader: Box<dyn AsyncRead + Send + Unpin>) -> Self {
        Source::Stream { reader, at: 0 }
    }

    /// Fills `buf` with the bytes from `offset` on; returns it filled.
    async fn read_at<B: AsMut<[u8]> + Send + 'static>(
        &mut self,
        offset: u64,
        mut buf: B,
    ) -> Result<B> {
        let read = match self {
            Source::File(file) => {
                let file = file.clone();
                tokio::task::spawn_blocking(move || {
                    read_exact_at(&file, buf.as_mut(), offset).map(|()| buf)
                })
                .await
                .map_err(|e| Error::Io(format!("reading the file failed: {e}")))?
            }
            Source::Stream { at, .. } if *at != offset => {
                return Err(Error::Io(
                    "the relay lost chunks of a stream, which cannot be read again: push it again"
                        .into(),
                ));
            }
            Source::Stream { reader, at } => reader.read_exact(buf.as_mut()).await.map(|n| {
                *at += n as u64;
                buf
            }),
        };
        read.map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                Error::Io("the data ended before its declared size (a file that shrank?)".into())
            }
            _ => Error::Io(e.to_string()),
        })
    }

    /// Chunk `index` of the object, read into the buffer it is sealed in.
    async fn read_chunk(&mut self, layout: &ObjectLayout, index: u64) -> Result<ChunkBuf> {
        let offset = layout.chunk_range(index).start;
        self.read_at(offset, ChunkBuf::new(layout, index)).await
    }

    /// Fails unless the data ends at `size`.
    async fn check_end(&mut self, size: u64) -> Result<()> {
        match self.read_at(size, [0u8]).await {
            Ok(_) => Err(Error::Io(
                "the data went on past its declared size (a file that grew?)".into(),
            )),
            Err(_) => Ok(()),
        }
    }
}

/// Fills `buf` from the file's `offset` on (positional reads: the file has no cursor to keep).
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    return std::os::unix::fs::FileExt::read_exact_at(file, buf, offset);
    #[cfg(windows)]
    {
        let (mut buf, mut offset) = (buf, offset);
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(file, buf, offset) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => (buf, offset) = (&mut buf[n..], offset + n as u64),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Chunk indexes a relay holds, as it reports them: sorted half-open runs.
pub(super) struct Stored(pub Vec<(u64, u64)>);

impl Stored {
    pub fn contains(&self, index: u64) -> bool {
        self.0
            .iter()
            .any(|&(start, end)| (start..end).contains(&index))
    }
}

/// What one upload sends, whichever relay it ends up on.
pub(crate) struct Object {
    pub id: [u8; 16],
    pub layout: ObjectLayout,
    pub begin: Message,
}

impl<T: Transport> Inner<T> {
    /// Uploads `size` bytes of `source` as object `object_id`. An upload that fails for good
    /// (not for a relay out of reach: it may be resumed) is aborted on the relay, which frees
    /// what its chunks took of the quota at once.
    pub(super) async fn upload(
        self: Arc<Self>,
        object_id: [u8; 16],
        size: u64,
        name: Option<String>,
        mut source: Source,
        report: Reporter,
    ) -> Result<ObjectPushed> {
        // Cancellation first: a cancel that ends the data (the foreign side stops writing)
        // must end the upload as Cancelled, not as the short stream it caused.
        let sent = tokio::select! {
            biased;
            _ = report.cancel.cancelled() => Err(Error::Cancelled),
            sent = self.send_object(object_id, size, name, &mut source, &report) => sent,
        };
        if let Err(e) = &sent
            && !e.is_transient()
            && !matches!(
                e,
                Error::AllRelaysFailed { .. } | Error::NotConnected | Error::Shutdown
            )
        {
            self.abort_object(object_id).await;
        }
        sent
    }

    /// Sends the object and commits it; resumes from what the relay reports it holds (a
    /// queued upload sent again after a failure or an app restart keeps its object id).
    pub(super) async fn send_object(
        self: &Arc<Self>,
        object_id: [u8; 16],
        size: u64,
        name: Option<String>,
        source: &mut Source,
        report: &Reporter,
    ) -> Result<ObjectPushed> {
        let mut hasher = blake3::Hasher::new();
        if size <= INLINE_MAX {
            let data = source.read_at(0, vec![0; size as usize]).await?;
            source.check_end(size).await?;
            hasher.update(&data);
            let manifest = manifest(size, hasher, None, name, data);
            return self.push_inline(object_id, manifest, report).await;
        }
        let layout = ObjectLayout::new(size, CHUNK_SIZE)?;
        let object = Arc::new(Object {
            id: object_id,
            layout,
            begin: Message::ObjectBegin {
                object_id,
                chunk_count: layout.chunk_count,
                chunk_bytes: layout.envelope_len(0) as u32,
                last_chunk_bytes: layout.envelope_len(layout.chunk_count - 1) as u32,
            },
        });
        report.update(|p| p.chunks_total = layout.chunk_count);
        let stored = self.begin_object(&object).await?;
        let mut in_flight = JoinSet::new();
        for index in 0..layout.chunk_count {
            report.check()?;
            // Chunks acknowledged while the source is read are reported at once (a slow
            // source must not hold back the progress of what is already on the relay).
            let chunk = {
                let read = source.read_chunk(&layout, index);
                tokio::pin!(read);
                loop {
                    tokio::select! {
                        read = &mut read => break read?,
                        joined = in_flight.join_next(), if !in_flight.is_empty() => {
                            chunk_sent(joined, &layout, report)?;
                        }
                    }
                }
            };
            hasher.update(chunk.data());
            if stored.contains(index) {
                report.update(|p| chunk_done(p, &layout));
                continue;
            }
            while in_flight.len() >= WINDOW {
                chunk_sent(in_flight.join_next().await, &layout, report)?;
            }
            // Sealed off the reading task, so that reading and hashing the next chunk runs
            // beside the encryption of this one.
            let (inner, object) = (self.clone(), object.clone());
            in_flight.spawn(async move {
                let sealer = (inner.clone(), object.clone());
                let envelope = tokio::task::spawn_blocking(move || {
                    let (inner, object) = sealer;
                    chunk.seal(&inner.keys, &object.id, &object.layout)
                })
                .await
                .map_err(|e| Error::Io(format!("sealing a chunk failed: {e}")))?;
                inner.put_chunk(&object, index, envelope).await
            });
        }
        while !in_flight.is_empty() {
            chunk_sent(in_flight.join_next().await, &layout, report)?;
        }
        source.check_end(size).await?;
        let manifest = manifest(size, hasher, Some(&layout), name, Vec::new());
        let blake3 = manifest.blake3;
        let commit = Message::ObjectCommit {
            object_id,
            manifest: seal_manifest(&self.keys, &object_id, &manifest),
            ttl_secs: self.config.ttl.map(|t| t.as_secs()),
        };
        for _ in 0..REPAIRS {
            let missing = match self.commit_object(&commit).await? {
                Ok((relay_index, cursor)) => {
                    let copy = ObjectCopy {
                        object,
                        commit,
                        from: relay_index,
                    };
                    self.replicate(relay_index, Replica::Object(Arc::new(copy)));
                    return Ok(ObjectPushed {
                        object_id,
                        cursor,
                        size,
                        blake3,
                    });
                }
                Err(missing) => missing,
            };
            tracing::warn!(object = %hex::encode(object_id), missing, "the relay lacks chunks: sending them again");
            self.repair(&object, source, report).await?;
        }
        Err(Error::Relay(format!(
            "the relay kept losing chunks of object {}",
            hex::encode(object_id)
        )))
    }

    /// Pushes a small object's manifest, which carries its bytes, as a blob.
    async fn push_inline(
        self: &Arc<Self>,
        object_id: [u8; 16],
        manifest: Manifest,
        report: &Reporter,
    ) -> Result<ObjectPushed> {
        let (size, blake3) = (manifest.size, manifest.blake3);
        let push = Arc::new(Message::Push {
            blob_id: object_id,
            envelope: seal_manifest(&self.keys, &object_id, &manifest),
            ttl_secs: self.config.ttl.map(|t| t.as_secs()),
        });
        let deadline = Instant::now() + self.config.request_timeout;
        let (relay_index, cursor) = self.push_message(&push, size, Some(deadline)).await?;
        self.replicate(relay_index, Replica::Push(push));
        report.update(|p| p.bytes_done = size);
        Ok(ObjectPushed {
            object_id,
            cursor,
            size,
            blake3,
        })
    }

    /// Begins (or finds) the object on the active relay; returns what it holds.
    async fn begin_object(&self, object: &Object) -> Result<Stored> {
        let deadline = Instant::now() + self.config.request_timeout;
        self.call(Some(deadline), |s| async move {
            match s.request(&object.begin).await? {
                Message::ObjectStatus { stored, .. } => Ok(Stored(stored)),
                other => Err(unexpected(&other, "ObjectStatus")),
            }
        })
        .await
    }

    /// Puts one chunk, until it is acknowledged or `request_timeout` passes without that;
    /// returns its envelope's size.
    async fn put_chunk(&self, object: &Object, index: u64, envelope: Vec<u8>) -> Result<usize> {
        let len = envelope.len();
        let put = Message::ChunkPut {
            object_id: object.id,
            index,
            envelope,
        };
        let deadline = Instant::now() + self.config.request_timeout;
        self.call(Some(deadline), |s| {
            let put = &put;
            async move {
                let mut begun = false;
                loop {
                    match s.request(put).await? {
                        Message::ChunkAck { .. } => return Ok(len),
                        // A relay that never heard of the object (a failover): begin it there.
                        Message::Error {
                            code: ErrorCode::ObjectUnknown,
                            ..
                        } if !begun => match s.request(&object.begin).await? {
                            Message::ObjectStatus { .. } => begun = true,
                            other => return Err(unexpected(&other, "ObjectStatus")),
                        },
                        other => return Err(unexpected(&other, "ChunkAck")),
                    }
                }
            }
        })
        .await
    }

    /// Commits the manifest: the relay's index and the cursor, or how many chunks the relay
    /// lacks.
    async fn commit_object(&self, commit: &Message) -> Result<Result<(usize, u64), u64>> {
        let deadline = Instant::now() + self.config.request_timeout;
        self.call(Some(deadline), |s| async move {
            match s.request(commit).await? {
                Message::PushAck { cursor, .. } => Ok(Ok((s.relay_index, cursor))),
                Message::Error {
                    code: ErrorCode::ObjectIncomplete { missing },
                    ..
                } => Ok(Err(missing)),
                other => Err(unexpected(&other, "PushAck")),
            }
        })
        .await
    }

    /// Sends again, from the file, every chunk the relay now says it lacks.
    async fn repair(
        self: &Arc<Self>,
        object: &Object,
        source: &mut Source,
        report: &Reporter,
    ) -> Result<()> {
        let stored = self.begin_object(object).await?;
        let layout = object.layout;
        for index in (0..layout.chunk_count).filter(|&i| !stored.contains(i)) {
            report.check()?;
            let chunk = source.read_chunk(&layout, index).await?;
            let envelope = chunk.seal(&self.keys, &object.id, &layout);
            let sent = self.put_chunk(object, index, envelope).await? as u64;
            report.update(|p| p.bytes_sent += sent);
        }
        Ok(())
    }

    /// Tells the active relay to drop a staging object; best effort (its upload TTL removes
    /// it otherwise).
    pub(super) async fn abort_object(&self, object_id: [u8; 16]) {
        let Some(session) = self.active_live() else {
            return;
        };
        let abort = Message::ObjectAbort { object_id };
        let asked = async {
            match session.request(&abort).await? {
                Message::ObjectAborted { .. } => Ok(()),
                other => Err(unexpected(&other, "ObjectAborted")),
            }
        };
        match tokio::time::timeout(self.config.request_timeout, asked).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                tracing::debug!(object = %hex::encode(object_id), error = %e, "abort refused")
            }
            Err(_) => tracing::debug!(object = %hex::encode(object_id), "abort unanswered"),
        }
    }
}

/// Accounts one chunk put that finished (or fails the upload with its error).
fn chunk_sent(
    joined: Option<std::result::Result<Result<usize>, tokio::task::JoinError>>,
    layout: &ObjectLayout,
    report: &Reporter,
) -> Result<()> {
    let sent = match joined {
        Some(Ok(sent)) => sent? as u64,
        Some(Err(e)) => return Err(Error::Io(format!("chunk upload task failed: {e}"))),
        None => return Ok(()),
    };
    report.update(|p| {
        chunk_done(p, layout);
        p.bytes_sent += sent;
    });
    Ok(())
}

/// One more chunk is on the relay. Chunks land out of order; every chunk holds a chunk's
/// worth of the object but the last ones (its tail, then padding), so the count says how
/// much of the object is there.
fn chunk_done(p: &mut super::Progress, layout: &ObjectLayout) {
    p.chunks_done += 1;
    p.bytes_done = (p.chunks_done * u64::from(layout.chunk_size)).min(layout.size);
}

fn manifest(
    size: u64,
    hasher: blake3::Hasher,
    layout: Option<&ObjectLayout>,
    name: Option<String>,
    inline: Vec<u8>,
) -> Manifest {
    Manifest {
        format: MANIFEST_FORMAT,
        size,
        blake3: hasher.finalize().into(),
        chunk_size: layout.map_or(0, |l| l.chunk_size),
        chunk_count: layout.map_or(0, |l| l.chunk_count),
        name,
        inline,
    }
}
