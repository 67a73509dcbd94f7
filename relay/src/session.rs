//! One device connection: the membership handshake, then one task per request stream.

use std::{
    net::IpAddr,
    sync::{Arc, Mutex, atomic::Ordering},
    time::{Duration, Instant},
};

use iroh::endpoint::{Connection, RecvStream, SendStream};
use tokio::{
    io::{AsyncReadExt, AsyncWrite, AsyncWriteExt},
    sync::watch,
};
use tokio_util::task::TaskTracker;
use zerok_core::{
    crypto::{auth_transcript, random_bytes, verify_membership},
    protocol::{
        ErrorCode, FrameBatch, FrameError, Limits, Message, SUPPORTED_VERSIONS, read_frame_len,
        read_message, read_message_body, write_message, write_notify,
    },
};

use crate::{
    metrics::Kind,
    notifier::Notice,
    objects, pairing,
    rate_limit::TokenBucket,
    read_ahead::ReadAhead,
    server::{Shared, now_ms},
    storage::{GroupId, NewBlob, ObjectSpec, Page, PushOutcome, Storage, StorageError, StoredBlob},
    streams::{Reply, Request, Streams},
};

/// Frames up to this size are read without taking a share of `Shared::frame_bytes`.
const SMALL_FRAME: usize = 64 * 1024;

/// An error to send back as an `Error` frame.
pub(crate) type Reject = (ErrorCode, String);

/// A session that proved membership of `group`.
pub(crate) struct Member {
    pub group: GroupId,
    pub device_id: [u8; 16],
    read_ahead: ReadAhead,
    /// The connection's source address (pairing is rate-limited per address).
    source: Option<IpAddr>,
}

impl Member {
    pub(crate) fn new(group: GroupId, device_id: [u8; 16], source: Option<IpAddr>) -> Self {
        Self {
            group,
            device_id,
            read_ahead: ReadAhead::default(),
            source,
        }
    }
}

/// How long a rejected peer gets to read our `Error` frame before we hang up.
const LINGER: Duration = Duration::from_secs(2);

/// What a connection turned out to be after its first frame.
enum Peer {
    /// A device that proved membership: a session.
    Member(Member, (SendStream, RecvStream)),
    /// A device joining a pairing mailbox by code: one exchange, then it hangs up.
    Pairing(u32, (SendStream, RecvStream)),
}

pub(crate) async fn serve<S: Storage>(
    shared: Arc<Shared<S>>,
    conn: Connection,
    source: Option<IpAddr>,
) {
    let (member, control) = match handshake(&shared, &conn, source).await {
        Some(Peer::Member(member, control)) => (member, control),
        Some(Peer::Pairing(mailbox, (send, recv))) => {
            let ending = shared.stopping.clone();
            pairing::join(&shared.mailboxes, mailbox, source, send, recv, ending).await;
            conn.close(0u32.into(), b"paired");
            return;
        }
        None => {
            // (The refusal was counted by `handshake`.)
            let _ = tokio::time::timeout(LINGER, conn.closed()).await;
            conn.close(1u32.into(), b"rejected");
            return;
        }
    };
    run(shared, member, control, &conn).await;
    conn.close(0u32.into(), b"bye");
}

/// A member's session, from its handshake's control stream on: serves each stream `conn`
/// accepts as a request until the device says `Bye` (or closes its control stream), the
/// connection goes or the relay stops. Returns once its requests are answered.
pub(crate) async fn run<S: Storage, C: Streams>(
    shared: Arc<Shared<S>>,
    member: Member,
    control: (C::Send, C::Recv),
    conn: &C,
) {
    let _open = shared.metrics.session_open();
    let member = Arc::new(member);
    let bucket = Arc::new(Mutex::new(TokenBucket::new(
        shared.config.rate_per_sec,
        shared.config.rate_burst,
    )));
    let (ending_tx, ending) = watch::channel(false);
    let streams = TaskTracker::new();
    let mut stopping = shared.stopping.clone();
    let (mut control_send, mut control_recv) = control;
    // One read for the whole session (a frame read is not cancel-safe): Bye or end of stream.
    let mut control_done = std::pin::pin!(read_message(&mut control_recv));
    let mut relay_stopping = false;
    loop {
        tokio::select! {
            accepted = conn.accept() => match accepted {
                Some((send, recv)) => {
                    let shared = shared.clone();
                    streams.spawn(request(
                        shared,
                        member.clone(),
                        bucket.clone(),
                        send,
                        recv,
                        ending.clone(),
                    ));
                }
                None => break,
            },
            // Bye, or the device closed its control stream.
            _ = &mut control_done => break,
            _ = stopping.wait_for(|s| *s) => {
                relay_stopping = true;
                break;
            }
        }
    }
    if relay_stopping {
        let _ = write_message(&mut control_send, &shutting_down()).await;
        let _ = control_send.shutdown().await;
    }
    ending_tx.send_replace(true);
    streams.close();
    let finished = tokio::time::timeout(Duration::from_secs(5), streams.wait());
    if relay_stopping {
        // Requests in flight finish; one the device sent before it heard of the drain is
        // refused at once, so it is retried on another relay instead of waiting for this
        // connection to close.
        let refuse_new = async {
            while let Some((mut send, _recv)) = conn.accept().await {
                let why = (ErrorCode::ShuttingDown, "relay is shutting down".into());
                reject(&mut send, why).await;
            }
        };
        tokio::select! {
            _ = finished => {}
            _ = refuse_new => {}
        }
        // Closing discards unsent data: the device must have the notice before the close.
        let _ = tokio::time::timeout(LINGER, control_send.stopped()).await;
    } else {
        let _ = finished.await;
    }
}

/// Tells a peer over the session limit that the relay is busy, then hangs up.
pub(crate) async fn refuse_busy(conn: Connection) {
    if let Ok(Ok((mut send, _recv))) =
        tokio::time::timeout(Duration::from_secs(2), conn.accept_bi()).await
    {
        reject(&mut send, (ErrorCode::Busy, "too many sessions".into())).await;
        let _ = tokio::time::timeout(LINGER, conn.closed()).await;
    }
    conn.close(1u32.into(), b"busy");
}

fn shutting_down() -> Message {
    Message::Error {
        code: ErrorCode::ShuttingDown,
        message: "relay is shutting down".into(),
    }
}

async fn reject<W: AsyncWrite + Unpin>(send: &mut W, (code, message): Reject) {
    tracing::debug!(?code, %message, "rejecting");
    let _ = write_message(send, &Message::Error { code, message }).await;
    let _ = send.shutdown().await;
}

fn frame_reject(e: &FrameError) -> Option<Reject> {
    match e {
        FrameError::Malformed(_) | FrameError::TooLarge(_) => {
            Some((ErrorCode::BadFrame, e.to_string()))
        }
        FrameError::Closed | FrameError::Io(_) => None,
    }
}

/// What the handshake established; its caller pairs it with the control stream.
enum Handshaken {
    Member(Member),
    Pairing(u32),
}

/// `Hello → Challenge → Auth → Welcome`, or `PairJoin` from a device that is no member. On
/// failure the peer gets an `Error` frame when it has a stream to receive it.
async fn handshake<S: Storage>(
    shared: &Shared<S>,
    conn: &Connection,
    source: Option<IpAddr>,
) -> Option<Peer> {
    let deadline = tokio::time::Instant::now() + shared.config.hello_timeout;
    let (mut send, mut recv) = tokio::time::timeout_at(deadline, conn.accept_bi())
        .await
        .ok()?
        .ok()?;
    let result = async {
        let read = async |recv: &mut RecvStream| match tokio::time::timeout_at(
            deadline,
            read_message(recv),
        )
        .await
        {
            Err(_) => Err(Some((
                ErrorCode::HelloTimeout,
                "handshake took too long".into(),
            ))),
            Ok(Err(e)) => Err(frame_reject(&e)),
            Ok(Ok(m)) => Ok(m),
        };
        let (versions, group_id, device_id, device_name) = match read(&mut recv).await? {
            Message::Hello {
                versions,
                group_id,
                device_id,
                device_name,
            } => (versions, group_id, device_id, device_name),
            Message::PairJoin { versions, mailbox } => {
                common_version(&versions)?;
                return Ok(Handshaken::Pairing(mailbox));
            }
            _ => {
                return Err(Some((
                    ErrorCode::UnexpectedMessage,
                    "expected Hello".into(),
                )));
            }
        };
        let version = common_version(&versions)?;
        let nonce: [u8; 32] = random_bytes();
        write_message(&mut send, &Message::Challenge { nonce, version })
            .await
            .map_err(|_| None)?;
        let Message::Auth {
            auth_public,
            signature,
        } = read(&mut recv).await?
        else {
            return Err(Some((ErrorCode::UnexpectedMessage, "expected Auth".into())));
        };
        let transcript = auth_transcript(
            version,
            &nonce,
            conn.remote_id().as_bytes(),
            &shared.endpoint_id,
            &group_id,
        );
        if !verify_membership(&group_id, &auth_public, &transcript, &signature) {
            return Err(Some((
                ErrorCode::Unauthorized,
                "membership proof rejected: wrong group secret".into(),
            )));
        }
        let limits = Limits {
            max_envelope_bytes: shared.config.max_envelope_bytes,
            max_ttl_secs: shared.config.max_ttl.as_secs(),
            max_page_blobs: shared.config.max_page_blobs,
        };
        let welcome = Message::Welcome {
            version,
            limits,
            cluster: shared.cluster,
        };
        write_message(&mut send, &welcome).await.map_err(|_| None)?;
        tracing::info!(
            group = %hex::encode(&group_id[..8]),
            device = %device_name.escape_debug(),
            "session authenticated"
        );
        Ok(Handshaken::Member(Member::new(group_id, device_id, source)))
    }
    .await;
    match result {
        Ok(Handshaken::Member(member)) => Some(Peer::Member(member, (send, recv))),
        Ok(Handshaken::Pairing(mailbox)) => Some(Peer::Pairing(mailbox, (send, recv))),
        Err(reason) => {
            shared
                .metrics
                .session_refused(reason.as_ref().map(|(code, _)| code));
            if let Some(reason) = reason {
                reject(&mut send, reason).await;
            }
            None
        }
    }
}

/// The highest version both sides speak, or the refusal that lists the relay's.
fn common_version(versions: &[u16]) -> Result<u16, Option<Reject>> {
    versions
        .iter()
        .copied()
        .filter(|v| SUPPORTED_VERSIONS.contains(v))
        .max()
        .ok_or_else(|| {
            Some((
                ErrorCode::VersionMismatch {
                    relay: SUPPORTED_VERSIONS.to_vec(),
                },
                format!(
                    "client offers versions {versions:?}, relay supports {SUPPORTED_VERSIONS:?}"
                ),
            ))
        })
}

/// Serves one request stream.
async fn request<S: Storage>(
    shared: Arc<Shared<S>>,
    member: Arc<Member>,
    bucket: Arc<Mutex<TokenBucket>>,
    mut send: impl Reply,
    mut recv: impl Request,
    ending: watch::Receiver<bool>,
) {
    let timeout = shared.config.request_timeout;
    let metrics = &shared.metrics;
    // A large frame (a push, a chunk) is read only once the relay-wide budget has room for it,
    // and holds its share until answered.
    let read = async {
        let len = read_frame_len(&mut recv).await?;
        let budget = shared.config.frame_bytes_in_flight;
        let share = match len > SMALL_FRAME {
            true => {
                let permits = len.min(budget).try_into().unwrap_or(u32::MAX);
                let taken = shared.frame_bytes.clone().acquire_many_owned(permits).await;
                Some(taken.expect("the frame budget is never closed"))
            }
            false => None,
        };
        Ok::<_, FrameError>((read_message_body(&mut recv, len).await?, share))
    };
    let (msg, _share) = match tokio::time::timeout(timeout, read).await {
        Ok(Ok(m)) => m,
        Ok(Err(e)) => {
            let reason = frame_reject(&e);
            metrics.request(Kind::Other, Some(reason.as_ref().map(|(code, _)| code)));
            if let Some(reason) = reason {
                reject(&mut send, reason).await;
            }
            return;
        }
        Err(_) => {
            metrics.request(Kind::Other, Some(Some(&ErrorCode::RequestTimeout)));
            let why = format!("request not received within {timeout:?}");
            return reject(&mut send, (ErrorCode::RequestTimeout, why)).await;
        }
    };
    let kind = match msg {
        Message::Push { .. } => Kind::Push,
        Message::Pull { .. } => Kind::Pull,
        Message::Subscribe { .. } => Kind::Subscribe,
        Message::ObjectBegin { .. }
        | Message::ObjectCommit { .. }
        | Message::ObjectAbort { .. } => Kind::Object,
        Message::ChunkPut { .. } => Kind::ChunkPut,
        Message::ChunkGet { .. } => Kind::ChunkGet,
        _ => Kind::Other,
    };
    // Streams whose device side stays open while the relay answers.
    let streaming = matches!(kind, Kind::Subscribe | Kind::ChunkGet);
    let allowed = bucket.lock().expect("bucket lock").take(Instant::now());
    if allowed.is_err() {
        metrics.rate_limited.increment(1);
    }
    let reply = match (allowed, msg) {
        (Err(wait), _) => Err((
            ErrorCode::RateLimited {
                retry_after_ms: (wait.as_millis() as u64).max(1),
            },
            "too many requests".into(),
        )),
        (
            Ok(()),
            Message::Push {
                blob_id,
                envelope,
                ttl_secs,
            },
        ) => push(&shared, &member, blob_id, envelope, ttl_secs).await,
        (Ok(()), Message::Pull { after, limit }) => pull(&shared, &member, after, limit).await,
        (Ok(()), Message::Subscribe { after }) => {
            // Counted by `subscribe`, once it has checked the cursor.
            return subscribe(&shared, &member, after, send, recv, ending).await;
        }
        (
            Ok(()),
            Message::ObjectBegin {
                object_id,
                chunk_count,
                chunk_bytes,
                last_chunk_bytes,
            },
        ) => {
            let spec = ObjectSpec {
                object_id,
                origin: member.device_id,
                chunk_count,
                chunk_bytes,
                last_chunk_bytes,
            };
            objects::begin(&shared, &member, spec).await
        }
        (
            Ok(()),
            Message::ChunkPut {
                object_id,
                index,
                envelope,
            },
        ) => objects::put_chunk(&shared, &member, object_id, index, envelope).await,
        (
            Ok(()),
            Message::ObjectCommit {
                object_id,
                manifest,
                ttl_secs,
            },
        ) => objects::commit(&shared, &member, object_id, manifest, ttl_secs).await,
        (Ok(()), Message::ObjectAbort { object_id }) => {
            objects::abort(&shared, &member, object_id).await
        }
        (
            Ok(()),
            Message::ChunkGet {
                object_id,
                from,
                to,
            },
        ) => {
            let request = (object_id, from, to);
            let sent = objects::get(&shared, &member, request, &mut send, ending).await;
            metrics.request(
                kind,
                sent.as_ref()
                    .err()
                    .map(|e| e.as_ref().map(|(code, _)| code)),
            );
            if let Err(Some(reason)) = sent {
                reject(&mut send, reason).await;
            }
            return;
        }
        (Ok(()), Message::PairOpen { ttl_secs }) => {
            metrics.request(kind, None);
            let (mailboxes, source) = (&shared.mailboxes, member.source);
            return pairing::open(mailboxes, ttl_secs, source, send, recv, ending).await;
        }
        (Ok(()), other) => Err((
            ErrorCode::UnexpectedMessage,
            format!("{} is not a request", other.kind()),
        )),
    };
    metrics.request(kind, reply.as_ref().err().map(|(code, _)| Some(code)));
    match reply {
        Ok(msg) => {
            let _ = write_message(&mut send, &msg).await;
            let _ = send.shutdown().await;
        }
        Err(reason) => reject(&mut send, reason).await,
    }
    // The device ends its side of a request stream right after the request (a subscriber
    // keeps its side open, but a refused one is not waited for: it is gone from here on).
    // Reading that end before dropping the stream spares the device a STOP_SENDING frame.
    // Waiting for it costs nothing, the reply is out; it is bounded for devices that never
    // end their side, and cut short when the session ends.
    if !streaming {
        let (mut ending, mut byte) = (ending, [0u8; 1]);
        tokio::select! {
            _ = tokio::time::timeout(timeout, recv.read(&mut byte)) => {}
            _ = ending.wait_for(|e| *e) => {}
        }
    }
}

pub(crate) fn storage_reject(e: StorageError) -> Reject {
    match e {
        StorageError::QuotaExceeded { .. } => (ErrorCode::QuotaExceeded, e.to_string()),
        StorageError::Closed => (ErrorCode::ShuttingDown, e.to_string()),
        StorageError::Unavailable(_) => {
            tracing::warn!(error = %e, "storage unavailable");
            (
                ErrorCode::StorageUnavailable,
                "storage unavailable; nothing was stored".into(),
            )
        }
        StorageError::Full(_) => {
            tracing::warn!(error = %e, "storage full");
            (
                ErrorCode::StorageUnavailable,
                "relay storage is full; nothing was stored".into(),
            )
        }
        StorageError::Backend(_) => {
            tracing::error!(error = %e, "storage failed");
            (
                ErrorCode::Internal,
                "storage failed; nothing was stored".into(),
            )
        }
        StorageError::ObjectUnknown => (ErrorCode::ObjectUnknown, e.to_string()),
        StorageError::ObjectIncomplete { missing } => {
            (ErrorCode::ObjectIncomplete { missing }, e.to_string())
        }
        StorageError::ObjectMismatch => (ErrorCode::ObjectMismatch, e.to_string()),
    }
}

async fn push<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    blob_id: [u8; 16],
    envelope: Vec<u8>,
    ttl_secs: Option<u64>,
) -> Result<Message, Reject> {
    let size = envelope.len() as u64;
    payload_limit(shared, size)?;
    // Copy the envelope for live subscribers only when there are any; the notice after the
    // commit goes out regardless (a subscriber that arrived meanwhile reads it from storage).
    let copy = shared
        .notifier
        .has_subscribers(&member.group)
        .then(|| envelope.clone());
    let blob = NewBlob {
        blob_id,
        origin: member.device_id,
        envelope,
        expires_at_ms: expiry(shared, ttl_secs),
    };
    let outcome = shared
        .storage
        .push(member.group, blob)
        .await
        .map_err(storage_reject)?;
    shared.metrics.push_bytes.increment(size);
    Ok(announce(shared, member, blob_id, outcome, copy))
}

/// Refuses an envelope over the relay's limit.
pub(crate) fn payload_limit<S>(shared: &Shared<S>, size: u64) -> Result<(), Reject> {
    let max = shared.config.max_envelope_bytes;
    if size > max {
        return Err((
            ErrorCode::PayloadTooLarge { size, max },
            format!("envelope of {size} bytes exceeds the relay's {max}-byte limit"),
        ));
    }
    Ok(())
}

/// The absolute expiry of a blob whose push asks for `ttl_secs`, capped by the relay.
pub(crate) fn expiry<S>(shared: &Shared<S>, ttl_secs: Option<u64>) -> u64 {
    let ttl = ttl_secs
        .map_or(shared.config.default_ttl, Duration::from_secs)
        .clamp(Duration::from_secs(1), shared.config.max_ttl);
    now_ms().saturating_add(ttl.as_millis() as u64)
}

/// After a commit into the log (a push, or an object's manifest): tells subscribers of a new
/// blob, handing them `copy` of its envelope when one was made, and answers the device.
pub(crate) fn announce<S>(
    shared: &Shared<S>,
    member: &Member,
    blob_id: [u8; 16],
    outcome: PushOutcome,
    copy: Option<Vec<u8>>,
) -> Message {
    let committed = Instant::now();
    if !outcome.duplicate {
        crash_if_asked(shared);
        let blob = copy.map(|envelope| {
            Arc::new(StoredBlob {
                cursor: outcome.cursor,
                blob_id,
                origin: member.device_id,
                timestamp_ms: outcome.timestamp_ms,
                envelope,
            })
        });
        shared.notifier.publish(
            member.group,
            Notice::Committed {
                cursor: outcome.cursor,
                blob,
                committed,
            },
        );
    }
    Message::PushAck {
        blob_id,
        cursor: outcome.cursor,
        duplicate: outcome.duplicate,
    }
}

/// `RelayConfig::crash_after_commits`: exits between a commit and its acknowledgement.
fn crash_if_asked<S>(shared: &Shared<S>) {
    if let Some(limit) = shared.config.crash_after_commits {
        let commits = shared.commits.fetch_add(1, Ordering::AcqRel) + 1;
        if commits >= limit {
            eprintln!(
                "zerok relay: crashing after commit {commits}, as --test-crash-after-commits asks"
            );
            std::process::exit(70);
        }
    }
}

async fn check_cursor<S: Storage>(
    shared: &Shared<S>,
    group: GroupId,
    cursor: u64,
) -> Result<(), Reject> {
    let latest = shared
        .storage
        .latest_cursor(group)
        .await
        .map_err(storage_reject)?;
    if cursor > latest {
        return Err((
            ErrorCode::UnknownCursor { cursor, latest },
            format!("cursor {cursor} was never assigned; latest is {latest}"),
        ));
    }
    Ok(())
}

async fn pull<S: Storage>(
    shared: &Arc<Shared<S>>,
    member: &Member,
    after: u64,
    limit: u32,
) -> Result<Message, Reject> {
    let limit = limit.clamp(1, shared.config.max_page_blobs);
    // A read-ahead that failed to run (it panicked) or gave up waiting is simply read again;
    // so is one that reached the end of the log: blobs committed since it was read (this
    // device's own pushes among them) take later cursors and would be missing from it, and
    // its `has_more: false` would tell the device it has them all. A page with more is
    // still exact.
    let read_ahead = match member.read_ahead.take(after, limit) {
        Some(read) => read
            .await
            .ok()
            .flatten()
            .filter(|page| page.as_ref().is_ok_and(|page| page.has_more)),
        None => None,
    };
    let page = match read_ahead {
        Some(page) => page,
        None => {
            check_cursor(shared, member.group, after).await?;
            read_page(shared, member.group, after, limit).await
        }
    }
    .map_err(storage_reject)?;
    if page.has_more
        && let Some(last) = page.blobs.last()
    {
        let (next, group) = (last.cursor, member.group);
        member.read_ahead.start(&shared.read_aheads, next, limit, {
            let shared = shared.clone();
            async move { read_page(&shared, group, next, limit).await }
        });
    }
    let bytes: usize = page.blobs.iter().map(|b| b.envelope.len()).sum();
    shared.metrics.pull_bytes.increment(bytes as u64);
    Ok(Message::PullPage {
        blobs: page.blobs,
        has_more: page.has_more,
    })
}

/// The unexpired blobs after `after`: at most `limit`, and at most a page's bytes.
async fn read_page<S: Storage>(
    shared: &Shared<S>,
    group: GroupId,
    after: u64,
    limit: u32,
) -> Result<Page, StorageError> {
    let max_bytes = shared.config.max_page_bytes;
    shared
        .storage
        .pull(group, after, limit, max_bytes, now_ms())
        .await
}

/// Sends every stored blob after `*last` as `Notify`, advancing `*last`.
async fn catch_up<S: Storage>(
    shared: &Shared<S>,
    group: GroupId,
    last: &mut u64,
    send: &mut (impl AsyncWrite + Unpin),
) -> Result<(), Option<Reject>> {
    loop {
        let page = read_page(shared, group, *last, shared.config.max_page_blobs)
            .await
            .map_err(|e| Some(storage_reject(e)))?;
        let mut frames = FrameBatch::default();
        for blob in page.blobs {
            let cursor = blob.cursor;
            shared
                .metrics
                .notify_bytes
                .increment(blob.envelope.len() as u64);
            frames
                .push(send, &Message::Notify { blob })
                .await
                .map_err(|_| None)?;
            *last = cursor;
        }
        frames.flush(send).await.map_err(|_| None)?;
        if !page.has_more {
            return Ok(());
        }
    }
}

/// Streams the backlog after `after`, then each new commit, until the device closes the
/// stream, the session ends or the relay stops.
async fn subscribe<S: Storage>(
    shared: &Shared<S>,
    member: &Member,
    after: u64,
    mut send: impl Reply,
    mut recv: impl Request,
    mut ending: watch::Receiver<bool>,
) {
    let checked = check_cursor(shared, member.group, after).await;
    let code = checked.as_ref().err().map(|(code, _)| Some(code));
    shared.metrics.request(Kind::Subscribe, code);
    if let Err(reason) = checked {
        return reject(&mut send, reason).await;
    }
    // Listen before reading the backlog, so nothing committed in between is missed.
    let mut live = shared.notifier.subscribe(member.group);
    let mut last = after;
    let mut stopped = std::pin::pin!(send.stopped());
    // The device never sends on this stream again: any read result means it is gone.
    let mut device_gone = std::pin::pin!(read_message(&mut recv));
    let mut result = catch_up(shared, member.group, &mut last, &mut send).await;
    while result.is_ok() {
        use tokio::sync::broadcast::error::RecvError;
        // Handlers run after select! has dropped its futures (some hold guards across awaits).
        let notified = tokio::select! {
            notified = live.recv() => notified,
            _ = &mut stopped => return,
            _ = &mut device_gone => return,
            _ = ending.wait_for(|e| *e) => Err(RecvError::Closed),
        };
        result = match notified {
            // Delivered already (by a catch-up that read past it).
            Ok(Notice::Committed { cursor, .. }) if cursor <= last => Ok(()),
            Ok(Notice::Committed {
                cursor,
                blob: Some(blob),
                committed,
            }) if cursor == last + 1 => match write_notify(&mut send, &blob).await {
                Ok(()) => {
                    last = cursor;
                    let metrics = &shared.metrics;
                    metrics.notify_bytes.increment(blob.envelope.len() as u64);
                    metrics.notify_fanout.record(committed.elapsed());
                    Ok(())
                }
                Err(_) => Err(None),
            },
            // No copy (another node's commit), a gap (out-of-order announcement): storage has
            // it all, in cursor order from `last` on.
            Ok(Notice::Committed { committed, .. }) => {
                let caught_up = catch_up(shared, member.group, &mut last, &mut send).await;
                shared.metrics.notify_fanout.record(committed.elapsed());
                caught_up
            }
            // A resync or lag: storage has it all too.
            Ok(Notice::Resync) | Err(RecvError::Lagged(_)) => {
                catch_up(shared, member.group, &mut last, &mut send).await
            }
            // The session or the relay is ending.
            Err(RecvError::Closed) => {
                Err(Some((ErrorCode::ShuttingDown, "session is ending".into())))
            }
        };
    }
    if let Err(Some(reason)) = result {
        reject(&mut send, reason).await;
    }
}
