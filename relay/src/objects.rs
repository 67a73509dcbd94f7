//! Large objects on the wire: a device begins an object, puts its chunks (each its own request,
//! durable before its `ChunkAck`), commits its manifest into the group's log, and other devices
//! stream the chunks back with `ChunkGet`. The relay checks sizes against what was declared and
//! never opens an envelope; storage keeps the rest of the contract (quota, idempotence, expiry).

use tokio::{io::AsyncWriteExt, sync::watch};
use zerok_core::protocol::{ErrorCode, Message, chunk_frame_head};

use crate::{
    server::{Shared, now_ms},
    session::{Member, Reject, announce, expiry, payload_limit, storage_reject},
    storage::{NewBlob, ObjectSpec, ObjectState, Storage},
    streams::Reply,
};

/// Chunks read from storage per read: one is written while the next is read, and each is a
/// chunk's worth of memory.
const CHUNKS_PER_READ: u32 = 1;

/// `ObjectBegin`: a new staging object, or what the relay holds of this one.
pub(crate) async fn begin<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    spec: ObjectSpec,
) -> Result<Message, Reject> {
    payload_limit(shared, spec.chunk_bytes.max(spec.last_chunk_bytes).into())?;
    let state = shared
        .storage
        .object_begin(member.group, spec, staging_expiry(shared))
        .await
        .map_err(storage_reject)?;
    Ok(status(spec.object_id, state))
}

/// `ChunkPut`: stores one chunk; answered once it is durable.
pub(crate) async fn put_chunk<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    object_id: [u8; 16],
    index: u64,
    envelope: Vec<u8>,
) -> Result<Message, Reject> {
    let size = envelope.len() as u64;
    let duplicate = shared
        .storage
        .put_chunk(
            member.group,
            object_id,
            index,
            envelope,
            staging_expiry(shared),
        )
        .await
        .map_err(storage_reject)?;
    if !duplicate {
        shared.metrics.chunk_in_bytes.increment(size);
    }
    Ok(Message::ChunkAck {
        object_id,
        index,
        duplicate,
    })
}

/// `ObjectCommit`: the manifest enters the log as a push would, and subscribers hear of it.
pub(crate) async fn commit<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    object_id: [u8; 16],
    manifest: Vec<u8>,
    ttl_secs: Option<u64>,
) -> Result<Message, Reject> {
    payload_limit(shared, manifest.len() as u64)?;
    let copy = shared
        .notifier
        .has_subscribers(&member.group)
        .then(|| manifest.clone());
    let blob = NewBlob {
        blob_id: object_id,
        origin: member.device_id,
        envelope: manifest,
        expires_at_ms: expiry(shared, ttl_secs),
    };
    let outcome = shared
        .storage
        .commit_object(member.group, object_id, blob)
        .await
        .map_err(storage_reject)?;
    Ok(announce(shared, member, object_id, outcome, copy))
}

/// `ObjectAbort`: the staging object and its chunks go, and their bytes are freed.
pub(crate) async fn abort<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    object_id: [u8; 16],
) -> Result<Message, Reject> {
    shared
        .storage
        .abort_object(member.group, object_id)
        .await
        .map_err(storage_reject)?;
    Ok(Message::ObjectAborted { object_id })
}

/// `ChunkGet`: streams chunks `from..to` of a committed object, reading the next chunk from
/// storage while the last one is written (QUIC's flow control paces both to the device), then
/// ends the stream. A chunk storage lacks is not announced here: the device checks that every
/// index arrives, in order, and reports a gap as tampering, whoever caused it.
pub(crate) async fn get<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    (object_id, from, to): ([u8; 16], u64, u64),
    send: &mut impl Reply,
    mut ending: watch::Receiver<bool>,
) -> Result<(), Option<Reject>> {
    let read = async |from: u64| {
        let limit = CHUNKS_PER_READ.min(to.saturating_sub(from).try_into().unwrap_or(u32::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        shared
            .storage
            .chunks(member.group, object_id, from, limit)
            .await
            .map_err(|e| Some(storage_reject(e)))
    };
    let mut batch = read(from).await?;
    while let Some(&(last, _)) = batch.last() {
        let write = async {
            for (index, envelope) in batch {
                let size = envelope.len() as u64;
                // The envelope goes to the stream as it is, not copied into its buffer.
                let head = chunk_frame_head(index, envelope.len()).map_err(|_| None)?;
                send.write_all(&head).await.map_err(|_| None)?;
                send.write_bytes(envelope.into()).await.map_err(|_| None)?;
                shared.metrics.chunk_out_bytes.increment(size);
            }
            Ok::<_, Option<Reject>>(())
        };
        let (written, next) = tokio::select! {
            both = async { tokio::join!(write, read(last + 1)) } => both,
            _ = ending.wait_for(|e| *e) => {
                return Err(Some((ErrorCode::ShuttingDown, "session is ending".into())));
            }
        };
        written?;
        batch = next?;
    }
    let _ = send.shutdown().await;
    Ok(())
}

fn status(object_id: [u8; 16], state: ObjectState) -> Message {
    Message::ObjectStatus {
        object_id,
        chunk_count: state.spec.chunk_count,
        stored: state.stored,
        committed: state.committed,
        expires_at_ms: state.expires_at_ms,
    }
}

/// When an upload that gets no new chunk from now on is deleted.
fn staging_expiry<S>(shared: &Shared<S>) -> u64 {
    now_ms().saturating_add(shared.config.upload_ttl.as_millis() as u64)
}
