//! The `session` fuzz target's checks: a member's session, served by the relay's own session
//! code (`session::run`) over in-memory pipes and a real SQLite store, driven by any sequence
//! of requests (`Op`, decoded from the input by `arbitrary`), including bytes that are no
//! frame and requests left half-sent. The fuzz binary in `fuzz/` (cargo feature `fuzzing`)
//! calls [`session`]; this crate's tests replay every input kept in `fuzz/corpus/session`.
//!
//! What it asserts, besides no panic and no hang (libFuzzer's `-timeout`):
//! - every request gets the reply of its kind or a typed refusal a device is meant to handle,
//!   never `Internal`, `StorageUnavailable` or a frame error for a well-formed frame;
//! - bytes that are no frame are refused with `BadFrame`, a truncated frame gets no reply;
//! - the group's log, as a model built from the acknowledgements: pages and subscriptions
//!   give exactly its blobs in cursor order, a duplicate push is acknowledged with its first
//!   cursor, and at the end the whole log reads back as acknowledged, each blob once.
//!
//! One relay serves many inputs (as a long-running relay serves session after session), each
//! as a new group, so an input's outcome does not depend on those before it.
//!
//! The handshake before a session is not driven here: a fuzzer cannot make up a membership
//! proof. Its frames are the `frame` target's, and `cli/tests/wire.rs` checks its refusals.

use std::{
    pin::Pin,
    sync::{Arc, LazyLock},
    task::{Context, Poll},
};

use arbitrary::{Arbitrary, Unstructured};
use tokio::{
    io::{AsyncWrite, AsyncWriteExt, DuplexStream, duplex},
    runtime::Runtime,
    sync::{Mutex, mpsc, watch},
};
use zerok_core::protocol::{
    ErrorCode, FrameError, Message, StoredBlob, read_message, write_message,
};

use crate::{
    RelayConfig,
    server::Shared,
    session::{self, Member},
    storage::{SqliteConfig, SqliteStorage},
    streams::{Reply, Streams},
};

/// The relay's limits for the target: small enough for inputs to reach them.
const MAX_ENVELOPE: u64 = 8 * 1024;
const QUOTA: u64 = 64 * 1024;
const MAX_PAGE_BLOBS: u32 = 8;
const MAX_PAGE_BYTES: usize = 16 * 1024;

/// One request a device may make, with ids and sizes from small ranges so requests meet.
#[derive(Arbitrary, Debug)]
enum Op {
    Push {
        blob: u8,
        len: u16,
        ttl: Option<u16>,
    },
    Pull {
        after: u8,
        limit: u8,
    },
    Subscribe {
        after: u8,
        take: u8,
    },
    Begin {
        object: u8,
        chunks: u8,
        chunk_bytes: u16,
        last_bytes: u16,
    },
    PutChunk {
        object: u8,
        index: u8,
        len: u16,
    },
    Commit {
        object: u8,
        len: u16,
    },
    Abort {
        object: u8,
    },
    Get {
        object: u8,
        from: u8,
        to: u8,
    },
    PairOpen {
        ttl: u16,
    },
    /// Any bytes on a request stream.
    Raw(Vec<u8>),
    /// A large frame's length and part of its body, the stream then left open.
    Stall {
        len: u32,
        sent: u16,
    },
}

struct Relay {
    shared: Arc<Shared<SqliteStorage>>,
    _stop: watch::Sender<bool>,
    _dir: tempfile::TempDir,
}

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        // Storage reads run on blocking threads. The pool keeps the threads a burst of reads
        // made, and under AddressSanitizer each costs ~10 MiB: 100 of them took the target
        // to 1.4 GiB. Reads queue for these few instead.
        .max_blocking_threads(4)
        .build()
        .unwrap()
});

/// Inputs one relay serves before a fresh one, with a new database, replaces it: the
/// database grows by every input's group, and its readers map it into memory.
const INPUTS_PER_RELAY: u32 = 256;

static RELAY: std::sync::Mutex<Option<(Arc<Relay>, u32)>> = std::sync::Mutex::new(None);

impl Relay {
    fn open() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteConfig {
            quota_bytes_per_group: QUOTA,
            ..SqliteConfig::default()
        };
        let storage = SqliteStorage::open(&dir.path().join("relay.db"), storage).unwrap();
        let config = RelayConfig {
            max_envelope_bytes: MAX_ENVELOPE,
            max_page_blobs: MAX_PAGE_BLOBS,
            max_page_bytes: MAX_PAGE_BYTES,
            frame_bytes_in_flight: 4 << 20,
            // Refusals by time would make an input's outcome depend on the machine's speed.
            rate_per_sec: u32::MAX,
            rate_burst: u32::MAX,
            ..RelayConfig::default()
        };
        let (stop, stopping) = watch::channel(false);
        let shared = Arc::new(Shared::new(storage, config, [7; 32], stopping));
        Relay {
            shared,
            _stop: stop,
            _dir: dir,
        }
    }

    /// The relay for the next input.
    fn next() -> Arc<Relay> {
        let mut relay = RELAY.lock().unwrap_or_else(|e| e.into_inner());
        match &mut *relay {
            Some((relay, served)) if *served < INPUTS_PER_RELAY => {
                *served += 1;
                relay.clone()
            }
            _ => relay.insert((Arc::new(Relay::open()), 1)).0.clone(),
        }
    }
}

/// The next input's group.
static GROUPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One session of a new group doing `data`'s requests in order, then `Bye`.
pub fn session(data: &[u8]) {
    let Ok(ops) = Vec::<Op>::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let mut group = [0u8; 32];
    let n = GROUPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    group[..8].copy_from_slice(&n.to_le_bytes());
    group[8] = 0x5e;
    RUNTIME.block_on(async {
        let relay = Relay::next();
        let shared = relay.shared.clone();
        let (opener, incoming) = mpsc::unbounded_channel();
        let incoming = Incoming(Mutex::new(incoming));
        let (control, relay_control) = pipe();
        let member = Member::new(group, [9; 16], None);
        let device = async {
            let mut device = Device::new(opener);
            for op in ops {
                device.run(op).await;
            }
            device.stalled.clear();
            device.check_whole_log().await;
            let mut control = control;
            write_message(&mut control.send, &Message::Bye)
                .await
                .unwrap();
            control
        };
        let (_control, ()) = tokio::join!(
            device,
            session::run(shared, member, relay_control, &incoming)
        );
    });
}

/// The relay's end of a stream: what it writes goes to the device until the device drops
/// its end, which `stopped` reports as a peer's STOP_SENDING would be.
struct Pipe {
    stream: DuplexStream,
    device: watch::Receiver<()>,
}

impl AsyncWrite for Pipe {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

impl Reply for Pipe {
    fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut device = self.device.clone();
        async move {
            let _ = device.wait_for(|_| false).await;
        }
    }
}

/// The device's end of a stream.
struct End {
    send: DuplexStream,
    recv: DuplexStream,
    _alive: watch::Sender<()>,
}

/// A new stream: the device's end and the relay's.
fn pipe() -> (End, (Pipe, DuplexStream)) {
    // Room for a whole stalled frame's part (`Op::Stall`), which the relay may not read.
    let (to_device, from_relay) = duplex(128 * 1024);
    let (to_relay, from_device) = duplex(128 * 1024);
    let (alive, device) = watch::channel(());
    let end = End {
        send: to_relay,
        recv: from_relay,
        _alive: alive,
    };
    let relay = Pipe {
        stream: to_device,
        device,
    };
    (end, (relay, from_device))
}

struct Incoming(Mutex<mpsc::UnboundedReceiver<(Pipe, DuplexStream)>>);

impl Streams for Incoming {
    type Send = Pipe;
    type Recv = DuplexStream;

    async fn accept(&self) -> Option<(Pipe, DuplexStream)> {
        self.0.lock().await.recv().await
    }
}

/// A blob as the model holds it.
#[derive(Clone, Debug, PartialEq)]
struct Logged {
    cursor: u64,
    blob_id: [u8; 16],
    envelope: Vec<u8>,
}

/// The device side: opens a stream per request and keeps the model of the group's log.
struct Device {
    opener: mpsc::UnboundedSender<(Pipe, DuplexStream)>,
    log: Vec<Logged>,
    /// Streams left half-sent by `Op::Stall`, dropped before the session ends.
    stalled: Vec<End>,
    /// A raw frame was a request that changed the log: the model no longer knows it.
    tainted: bool,
}

/// Codes no well-formed request of this device may get: the relay failed, or misread it.
fn unexpected(code: &ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Internal
            | ErrorCode::StorageUnavailable
            | ErrorCode::BadFrame
            | ErrorCode::UnexpectedMessage
            | ErrorCode::RequestTimeout
            | ErrorCode::ShuttingDown
            | ErrorCode::Unauthorized
            | ErrorCode::RateLimited { .. }
    )
}

fn id(n: u8) -> [u8; 16] {
    [n % 8; 16]
}

fn bytes(n: u8, len: usize) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31) ^ n).collect()
}

impl Device {
    fn new(opener: mpsc::UnboundedSender<(Pipe, DuplexStream)>) -> Self {
        Self {
            opener,
            log: Vec::new(),
            stalled: Vec::new(),
            tainted: false,
        }
    }

    fn open(&self) -> End {
        let (end, relay) = pipe();
        assert!(
            self.opener.send(relay).is_ok(),
            "the session stopped accepting streams"
        );
        end
    }

    /// Sends `request` on a new stream and ends the device's side, as a device does.
    async fn send(&self, request: &Message) -> End {
        let mut end = self.send_open(request).await;
        end.send.shutdown().await.unwrap();
        end
    }

    /// One request and its one reply; the stream then ends.
    async fn ask(&self, request: &Message) -> Message {
        let mut end = self.send(request).await;
        let reply = read_message(&mut end.recv)
            .await
            .unwrap_or_else(|e| panic!("{request:?}: no reply: {e}"));
        if let Message::Error { code, .. } = &reply {
            assert!(!unexpected(code), "{request:?} refused with {reply:?}");
        }
        assert!(
            matches!(read_message(&mut end.recv).await, Err(FrameError::Closed)),
            "{request:?}: more than one reply"
        );
        reply
    }

    /// The cursor `after` names: 0, one of the log's, or past the latest (255).
    fn cursor(&self, after: u8) -> u64 {
        let latest = self.log.last().map_or(0, |b| b.cursor);
        match after as usize % (self.log.len() + 2) {
            0 => 0,
            i if i <= self.log.len() => self.log[i - 1].cursor,
            _ => latest + 1,
        }
    }

    fn after(&self, cursor: u64) -> &[Logged] {
        let start = self.log.partition_point(|b| b.cursor <= cursor);
        &self.log[start..]
    }

    /// An acknowledged push or commit of `blob_id` with `envelope`, into the model.
    fn acknowledged(&mut self, reply: &Message, blob_id: [u8; 16], envelope: Vec<u8>) {
        let Message::PushAck {
            blob_id: acked,
            cursor,
            duplicate,
        } = *reply
        else {
            return;
        };
        assert_eq!(acked, blob_id);
        if self.tainted {
            return;
        }
        match self.log.iter().find(|b| b.blob_id == blob_id) {
            Some(first) => {
                assert!(duplicate, "{blob_id:?} stored twice");
                assert_eq!(
                    first.cursor, cursor,
                    "a duplicate acknowledged with another cursor"
                );
            }
            None => {
                assert!(!duplicate, "a first push acknowledged as a duplicate");
                let latest = self.log.last().map_or(0, |b| b.cursor);
                assert!(cursor > latest, "cursor {cursor} after {latest}");
                self.log.push(Logged {
                    cursor,
                    blob_id,
                    envelope,
                });
            }
        }
    }

    /// A page for `after` is the model's blobs after it, in order, as many as the limits allow.
    fn check_page(&self, after: u64, limit: u32, blobs: &[StoredBlob], has_more: bool) {
        if self.tainted {
            return;
        }
        let expected = self.after(after);
        assert!(blobs.len() <= expected.len() && blobs.len() <= limit as usize);
        for (got, want) in blobs.iter().zip(expected) {
            assert_eq!(
                (got.cursor, got.blob_id, &got.envelope),
                (want.cursor, want.blob_id, &want.envelope)
            );
        }
        assert_eq!(has_more, blobs.len() < expected.len(), "has_more");
        if blobs.len() < expected.len() && blobs.len() < limit as usize {
            let bytes: usize = expected[..=blobs.len()]
                .iter()
                .map(|b| b.envelope.len())
                .sum();
            assert!(!blobs.is_empty() && bytes > MAX_PAGE_BYTES, "a short page");
        }
    }

    async fn run(&mut self, op: Op) {
        match op {
            Op::Push { blob, len, ttl } => {
                let (blob_id, envelope) = (id(blob), bytes(blob, len as usize % 10_000));
                let ttl_secs = ttl.map(|t| 3600 + u64::from(t));
                let push = Message::Push {
                    blob_id,
                    envelope: envelope.clone(),
                    ttl_secs,
                };
                let reply = self.ask(&push).await;
                match &reply {
                    Message::PushAck { .. } => self.acknowledged(&reply, blob_id, envelope),
                    Message::Error {
                        code: ErrorCode::PayloadTooLarge { .. },
                        ..
                    } => {
                        assert!(envelope.len() as u64 > MAX_ENVELOPE);
                    }
                    Message::Error {
                        code: ErrorCode::QuotaExceeded,
                        ..
                    } => {}
                    other => panic!("push: {other:?}"),
                }
            }
            Op::Pull { after, limit } => {
                let after = self.cursor(after);
                let latest = self.log.last().map_or(0, |b| b.cursor);
                match self
                    .ask(&Message::Pull {
                        after,
                        limit: limit.into(),
                    })
                    .await
                {
                    Message::PullPage { blobs, has_more } => {
                        let limit = u32::from(limit).clamp(1, MAX_PAGE_BLOBS);
                        self.check_page(after, limit, &blobs, has_more);
                    }
                    Message::Error {
                        code: ErrorCode::UnknownCursor { .. },
                        ..
                    } => {
                        assert!(self.tainted || after > latest);
                    }
                    other => panic!("pull: {other:?}"),
                }
            }
            Op::Subscribe { after, take } => {
                let after = self.cursor(after);
                let mut end = self.send_open(&Message::Subscribe { after }).await;
                let expected = self.after(after).to_vec();
                let unknown = after > self.log.last().map_or(0, |b| b.cursor);
                if unknown && !self.tainted {
                    let reply = read_message(&mut end.recv).await.unwrap();
                    assert!(
                        matches!(
                            reply,
                            Message::Error {
                                code: ErrorCode::UnknownCursor { .. },
                                ..
                            }
                        ),
                        "{reply:?}"
                    );
                    return;
                }
                let take = if self.tainted {
                    0
                } else {
                    expected.len().min(take as usize % 8)
                };
                for want in &expected[..take] {
                    match read_message(&mut end.recv).await.unwrap() {
                        Message::Notify { blob } => {
                            assert_eq!(
                                (blob.cursor, blob.blob_id, &blob.envelope),
                                (want.cursor, want.blob_id, &want.envelope)
                            );
                        }
                        other => panic!("subscribe: {other:?}"),
                    }
                }
            }
            Op::Begin {
                object,
                chunks,
                chunk_bytes,
                last_bytes,
            } => {
                let begin = Message::ObjectBegin {
                    object_id: id(object),
                    chunk_count: u64::from(chunks % 6),
                    chunk_bytes: u32::from(chunk_bytes) % 10_000,
                    last_chunk_bytes: u32::from(last_bytes) % 10_000,
                };
                match self.ask(&begin).await {
                    Message::ObjectStatus { object_id, .. } => assert_eq!(object_id, id(object)),
                    Message::Error { .. } => {}
                    other => panic!("begin: {other:?}"),
                }
            }
            Op::PutChunk { object, index, len } => {
                let put = Message::ChunkPut {
                    object_id: id(object),
                    index: u64::from(index % 8),
                    envelope: bytes(index, len as usize % 10_000),
                };
                match self.ask(&put).await {
                    Message::ChunkAck {
                        object_id,
                        index: acked,
                        ..
                    } => {
                        assert_eq!((object_id, acked), (id(object), u64::from(index % 8)));
                    }
                    Message::Error { .. } => {}
                    other => panic!("chunk put: {other:?}"),
                }
            }
            Op::Commit { object, len } => {
                let manifest = bytes(object ^ 0x80, len as usize % 10_000);
                let commit = Message::ObjectCommit {
                    object_id: id(object),
                    manifest: manifest.clone(),
                    ttl_secs: None,
                };
                match self.ask(&commit).await {
                    reply @ Message::PushAck { .. } => {
                        self.acknowledged(&reply, id(object), manifest)
                    }
                    Message::Error { .. } => {}
                    other => panic!("commit: {other:?}"),
                }
            }
            Op::Abort { object } => match self
                .ask(&Message::ObjectAbort {
                    object_id: id(object),
                })
                .await
            {
                Message::ObjectAborted { object_id } => assert_eq!(object_id, id(object)),
                Message::Error { .. } => {}
                other => panic!("abort: {other:?}"),
            },
            Op::Get { object, from, to } => {
                let (from, to) = (u64::from(from % 8), u64::from(to % 8));
                let get = Message::ChunkGet {
                    object_id: id(object),
                    from,
                    to,
                };
                let mut end = self.send_open(&get).await;
                let mut next = from;
                loop {
                    match read_message(&mut end.recv).await {
                        Ok(Message::Chunk { index, .. }) => {
                            assert!(
                                index == next && index < to,
                                "chunk {index}, expected {next} before {to}"
                            );
                            next += 1;
                        }
                        Ok(Message::Error { code, .. }) => {
                            assert!(
                                next == from && !unexpected(&code),
                                "{code:?} after chunk {next}"
                            );
                            break;
                        }
                        Err(FrameError::Closed) => break,
                        other => panic!("chunk get: {other:?}"),
                    }
                }
            }
            Op::PairOpen { ttl } => {
                let mut end = self
                    .send_open(&Message::PairOpen {
                        ttl_secs: ttl.into(),
                    })
                    .await;
                match read_message(&mut end.recv).await.unwrap() {
                    Message::PairOpened { .. } => {}
                    Message::Error { code, .. } => assert!(!unexpected(&code), "{code:?}"),
                    other => panic!("pair open: {other:?}"),
                }
            }
            Op::Raw(data) => self.raw(&data).await,
            Op::Stall { len, sent } => {
                let len = 64 * 1024 + 1 + len as usize % (1 << 20);
                let mut end = self.open();
                end.send
                    .write_all(&(len as u32).to_be_bytes())
                    .await
                    .unwrap();
                let sent = (sent as usize).min(len - 1);
                end.send.write_all(&vec![0; sent]).await.unwrap();
                self.stalled.push(end);
            }
        }
    }

    /// A request whose stream the device keeps open (subscriptions, chunk reads, pairing).
    async fn send_open(&self, request: &Message) -> End {
        let mut end = self.open();
        write_message(&mut end.send, request).await.unwrap();
        end
    }

    /// Any bytes as a request: what the relay makes of them is what a reader of frames
    /// does, and requests that keep their stream open are left to their own ops.
    async fn raw(&mut self, data: &[u8]) {
        let decoded = read_message(&mut &data[..]).await;
        if let Ok(Message::Subscribe { .. } | Message::ChunkGet { .. } | Message::PairOpen { .. }) =
            decoded
        {
            return;
        }
        // A large frame waits for the relay's frame budget, which stalled streams may hold.
        if data.len() >= 4 && u32::from_be_bytes(data[..4].try_into().unwrap()) > 64 * 1024 {
            self.stalled.clear();
        }
        let mut end = self.open();
        // The relay stops reading at a bad length, so the rest may never be taken.
        let _ = end.send.write_all(data).await;
        let _ = end.send.shutdown().await;
        let reply = read_message(&mut end.recv).await;
        match (&decoded, &reply) {
            (Err(FrameError::Closed), Err(FrameError::Closed)) => {}
            (
                Err(FrameError::Malformed(_) | FrameError::TooLarge(_)),
                Ok(Message::Error {
                    code: ErrorCode::BadFrame,
                    ..
                }),
            ) => {}
            (Ok(_), Ok(Message::PushAck { .. })) => self.tainted = true,
            (Ok(_), Ok(_)) => {}
            _ => panic!("{decoded:?} answered with {reply:?}"),
        }
    }

    /// The whole log, read page by page from the start, is what was acknowledged.
    async fn check_whole_log(&self) {
        if self.tainted {
            return;
        }
        let mut after = 0;
        let mut got = Vec::new();
        loop {
            let Message::PullPage { blobs, has_more } = self
                .ask(&Message::Pull {
                    after,
                    limit: MAX_PAGE_BLOBS,
                })
                .await
            else {
                panic!("the final pull was refused");
            };
            after = blobs.last().map_or(after, |b| b.cursor);
            got.extend(blobs.into_iter().map(|b| Logged {
                cursor: b.cursor,
                blob_id: b.blob_id,
                envelope: b.envelope,
            }));
            if !has_more {
                break;
            }
        }
        assert_eq!(got, self.log, "the log read back");
    }
}

#[cfg(test)]
mod tests {
    /// Every input the session fuzzer kept (`fuzz/corpus/session/`) still passes.
    #[test]
    fn every_kept_session_input_still_passes() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/session");
        let inputs = std::fs::read_dir(&corpus)
            .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
            .map(|entry| entry.unwrap().path())
            .collect::<Vec<_>>();
        assert!(!inputs.is_empty(), "fuzz/corpus/session is empty");
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| super::session(&data));
            assert!(outcome.is_ok(), "{} fails", input.display());
        }
    }
}
