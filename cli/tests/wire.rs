//! Raw wire-protocol abuse against a real `zerok relay` process: every malformed, oversized,
//! unauthenticated or out-of-place frame gets the exact typed `Error` back, the session (or
//! the relay) survives what it should, and well-behaved clients of other groups never notice.

mod common;

use std::time::{Duration, Instant};

use common::{
    RelayProc, connected,
    raw::{RAW_DEVICE, Raw, assert_stream_ends, error_code, hello},
    within,
};
use iroh::endpoint::ConnectionError;
use zerok_core::{
    Error, GroupSecret, IrohTransport, RelayAddr, SyncClient,
    crypto::{GroupKeys, auth_transcript, seal},
    protocol::{ErrorCode, FrameError, MAX_FRAME, Message, read_message, write_message},
};

/// Pushes `count` blobs of `secret`'s group through `raw`, numbered (blob id, payload and
/// expected cursor) from `first`.
async fn push_numbered(raw: &Raw, secret: &GroupSecret, first: u8, count: u8) {
    let keys = GroupKeys::derive(secret);
    for i in first..first + count {
        let blob_id = [i; 16];
        let push = Message::Push {
            blob_id,
            envelope: seal(&keys, &blob_id, &[i; 100]),
            ttl_secs: None,
        };
        match raw.ask(&push).await {
            Message::PushAck { cursor, .. } => assert_eq!(cursor, u64::from(i)),
            other => panic!("expected PushAck, got {other:?}"),
        }
    }
}

/// The cursors of a `PullPage`, and its `has_more`.
#[track_caller]
fn page(msg: Message) -> (Vec<u64>, bool) {
    match msg {
        Message::PullPage { blobs, has_more } => {
            (blobs.iter().map(|b| b.cursor).collect(), has_more)
        }
        other => panic!("expected PullPage, got {other:?}"),
    }
}

/// Two devices of a group of their own, connected before the abuse starts.
struct Bystanders {
    a: SyncClient<IrohTransport>,
    b: SyncClient<IrohTransport>,
    round: u32,
}

impl Bystanders {
    async fn connect(relay: &RelayProc) -> Self {
        let secret = GroupSecret::generate();
        let a = within(10, "bystander A connects", connected(&secret, &[relay])).await;
        let b = within(10, "bystander B connects", connected(&secret, &[relay])).await;
        let mut this = Self { a, b, round: 0 };
        this.exchange().await;
        this
    }

    /// A pushes, B pulls exactly that: the relay still serves them normally.
    async fn exchange(&mut self) {
        self.round += 1;
        let payload = format!("bystander round {}", self.round).into_bytes();
        let pushed = within(10, "bystander push", self.a.push(&payload))
            .await
            .unwrap();
        assert_eq!(pushed.cursor, u64::from(self.round));
        let pulled = within(10, "bystander pull", self.b.pull()).await.unwrap();
        assert_eq!(common::payloads(&pulled.blobs), vec![payload]);
        assert!(self.a.is_connected() && self.b.is_connected());
    }

    async fn shutdown(self) {
        within(10, "bystander shutdown", async {
            self.a.shutdown().await;
            self.b.shutdown().await;
        })
        .await;
    }
}

// ---- handshake abuse -------------------------------------------------------------------

async fn garbage_instead_of_hello(relay: &RelayAddr) {
    // A well-framed but undecodable body, and text whose first 4 bytes read as a huge length.
    let garbage: [&[u8]; 3] = [
        &[0, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef],
        &[0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        b"GET / HTTP/1.1\r\nHost: relay\r\n\r\n",
    ];
    for bytes in garbage {
        let raw = Raw::dial(relay).await;
        let (code, message) = error_code(raw.send_raw(bytes).await);
        assert_eq!(code, ErrorCode::BadFrame, "{bytes:?}: {message}");
        raw.close().await;
    }
}

/// Only the 4-byte header is sent: a relay that tried to read the announced body would
/// wait (until the hello timeout at best) instead of answering at once.
async fn oversized_hello_header(relay: &RelayAddr) {
    for len in [MAX_FRAME as u32 + 1, u32::MAX] {
        let raw = Raw::dial(relay).await;
        let started = Instant::now();
        let (code, message) = error_code(raw.send_raw(&len.to_be_bytes()).await);
        assert_eq!(code, ErrorCode::BadFrame, "{message}");
        assert!(message.contains(&len.to_string()), "{message}");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        raw.close().await;
    }
}

async fn unknown_version(relay: &RelayAddr) {
    let raw = Raw::dial(relay).await;
    let (mut send, mut recv) = raw.stream().await;
    write_message(&mut send, &hello(vec![99], [1; 32]))
        .await
        .unwrap();
    let reply = within(5, "reply to Hello v99", read_message(&mut recv))
        .await
        .unwrap();
    let (code, message) = error_code(reply);
    assert_eq!(code, ErrorCode::VersionMismatch { relay: vec![1] });
    assert!(
        message.contains("[99]") && message.contains("[1]"),
        "{message}"
    );
    assert_stream_ends(&mut recv).await;
    raw.close().await;

    // What a SyncClient makes of that frame.
    let mapped = Error::from_wire(code, message);
    assert_eq!(
        mapped,
        Error::VersionMismatch {
            client: vec![1],
            relay: vec![1]
        }
    );
    let shown = mapped.to_string();
    assert!(
        shown.contains("client supports [1]") && shown.contains("relay supports [1]"),
        "{shown}"
    );
    assert_eq!(
        Error::from_wire(
            ErrorCode::VersionMismatch { relay: vec![2, 3] },
            String::new()
        ),
        Error::VersionMismatch {
            client: vec![1],
            relay: vec![2, 3]
        }
    );
}

/// Sends `auth` after a Hello claiming `group_id`; the relay must answer Unauthorized.
async fn expect_unauthorized(
    relay: &RelayAddr,
    group_id: [u8; 32],
    auth: impl FnOnce(&Raw, [u8; 32], u16) -> Message,
) {
    let raw = Raw::dial(relay).await;
    let (mut send, mut recv, nonce, version) = raw.hello_challenge(group_id).await;
    write_message(&mut send, &auth(&raw, nonce, version))
        .await
        .unwrap();
    let reply = within(5, "reply to Auth", read_message(&mut recv))
        .await
        .unwrap();
    let (code, message) = error_code(reply);
    assert_eq!(code, ErrorCode::Unauthorized, "{message}");
    assert_stream_ends(&mut recv).await;
    // The connection is useless afterwards: no stream opened on it is ever served.
    let (mut s2, mut r2) = raw.stream().await;
    let _ = write_message(&mut s2, &Message::Pull { after: 0, limit: 1 }).await;
    match within(
        10,
        "request on a rejected connection",
        read_message(&mut r2),
    )
    .await
    {
        Ok(m) => panic!("a rejected connection got {m:?}"),
        Err(FrameError::Io(_) | FrameError::Closed) => {}
        Err(e) => panic!("unexpected {e}"),
    }
    raw.close().await;
}

async fn strangers(relay: &RelayAddr, victim: &GroupSecret) {
    let victim = GroupKeys::derive(victim);
    let group_id = *victim.group_id();
    let stranger = GroupKeys::derive(&GroupSecret::generate());

    // Claims the victim's group, presents its own key with a valid signature.
    expect_unauthorized(relay, group_id, |raw, nonce, v| {
        let t = raw.transcript(v, &nonce, &group_id);
        Message::Auth {
            auth_public: stranger.auth_public(),
            signature: stranger.sign_auth(&t),
        }
    })
    .await;
    // Claims the victim's group and its (public) key, but signs with its own.
    expect_unauthorized(relay, group_id, |raw, nonce, v| {
        let t = raw.transcript(v, &nonce, &group_id);
        Message::Auth {
            auth_public: victim.auth_public(),
            signature: stranger.sign_auth(&t),
        }
    })
    .await;
    // A member's valid signature, but over the wrong nonce …
    expect_unauthorized(relay, group_id, |raw, nonce, v| {
        let mut wrong = nonce;
        wrong[0] ^= 1;
        let t = raw.transcript(v, &wrong, &group_id);
        Message::Auth {
            auth_public: victim.auth_public(),
            signature: victim.sign_auth(&t),
        }
    })
    .await;
    // … for another relay (a proof forwarded by a malicious relay) …
    expect_unauthorized(relay, group_id, |raw, nonce, v| {
        let t = auth_transcript(v, &nonce, raw.endpoint.id().as_bytes(), &[9; 32], &group_id);
        Message::Auth {
            auth_public: victim.auth_public(),
            signature: victim.sign_auth(&t),
        }
    })
    .await;
    // … or for another client connection.
    expect_unauthorized(relay, group_id, |raw, nonce, v| {
        let t = auth_transcript(v, &nonce, &[9; 32], &raw.relay.endpoint_id, &group_id);
        Message::Auth {
            auth_public: victim.auth_public(),
            signature: victim.sign_auth(&t),
        }
    })
    .await;
}

async fn out_of_order_handshake(relay: &RelayAddr) {
    // A request before any Hello.
    let raw = Raw::dial(relay).await;
    let (code, message) = error_code(raw.request(&Message::Pull { after: 0, limit: 1 }).await);
    assert_eq!(code, ErrorCode::UnexpectedMessage, "{message}");
    raw.close().await;

    // A Push where Auth belongs.
    let raw = Raw::dial(relay).await;
    let (mut send, mut recv, _, _) = raw.hello_challenge([3; 32]).await;
    let push = Message::Push {
        blob_id: [1; 16],
        envelope: vec![1, 2, 3],
        ttl_secs: None,
    };
    write_message(&mut send, &push).await.unwrap();
    let (code, message) = error_code(within(5, "reply", read_message(&mut recv)).await.unwrap());
    assert_eq!(code, ErrorCode::UnexpectedMessage, "{message}");
    raw.close().await;
}

// ---- abuse after a successful handshake --------------------------------------------------

async fn abuse_authenticated_session(relay: &RelayAddr, max_blob_bytes: u64) {
    let secret = GroupSecret::generate();
    let (raw, _control, limits) = Raw::authenticated(relay, &secret).await;
    assert_eq!(limits.max_envelope_bytes, max_blob_bytes);

    // Oversized frame header on a request stream, body never sent.
    for len in [MAX_FRAME as u32 + 1, u32::MAX] {
        let started = Instant::now();
        let (code, message) = error_code(raw.send_raw(&len.to_be_bytes()).await);
        assert_eq!(code, ErrorCode::BadFrame, "{message}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    // Garbage requests.
    for bytes in [
        &[0u8, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef][..],
        b"\x00\x00\x00\x01\xff",
    ] {
        let (code, message) = error_code(raw.send_raw(bytes).await);
        assert_eq!(code, ErrorCode::BadFrame, "{message}");
    }

    // An envelope over the relay's limit.
    let size = max_blob_bytes + 1000;
    let big = Message::Push {
        blob_id: [0xB1; 16],
        envelope: vec![0xAB; size as usize],
        ttl_secs: None,
    };
    let (code, message) = error_code(raw.request(&big).await);
    assert_eq!(
        code,
        ErrorCode::PayloadTooLarge {
            size,
            max: max_blob_bytes
        },
        "{message}"
    );

    // Messages that are not requests.
    let welcome = Message::Welcome {
        version: 1,
        limits,
        cluster: None,
    };
    for msg in [
        welcome,
        hello(vec![1], [0; 32]),
        Message::PushAck {
            blob_id: [0; 16],
            cursor: 1,
            duplicate: false,
        },
        Message::Bye,
    ] {
        let kind = msg.kind();
        let (code, message) = error_code(raw.request(&msg).await);
        assert_eq!(code, ErrorCode::UnexpectedMessage, "{kind}: {message}");
        assert!(message.contains(kind), "{message}");
    }

    // Cursors the relay never assigned, for Pull and Subscribe.
    let (code, message) = error_code(
        raw.request(&Message::Pull {
            after: 1_000_000,
            limit: 10,
        })
        .await,
    );
    assert_eq!(
        code,
        ErrorCode::UnknownCursor {
            cursor: 1_000_000,
            latest: 0
        },
        "{message}"
    );
    let (code, _) = error_code(raw.request(&Message::Subscribe { after: 7 }).await);
    assert_eq!(
        code,
        ErrorCode::UnknownCursor {
            cursor: 7,
            latest: 0
        }
    );

    // The same session still works: a real envelope is stored, and a retry deduplicated.
    let keys = GroupKeys::derive(&secret);
    let blob_id = [0xC0; 16];
    let push = Message::Push {
        blob_id,
        envelope: seal(&keys, &blob_id, b"after all that"),
        ttl_secs: Some(60),
    };
    assert_eq!(
        raw.request(&push).await,
        Message::PushAck {
            blob_id,
            cursor: 1,
            duplicate: false
        }
    );
    assert_eq!(
        raw.request(&push).await,
        Message::PushAck {
            blob_id,
            cursor: 1,
            duplicate: true
        }
    );
    match raw
        .request(&Message::Pull {
            after: 0,
            limit: 10,
        })
        .await
    {
        Message::PullPage { blobs, has_more } => {
            assert!(!has_more);
            assert_eq!(blobs.len(), 1);
            assert_eq!(
                (blobs[0].cursor, blobs[0].blob_id, blobs[0].origin),
                (1, blob_id, RAW_DEVICE)
            );
            let opened =
                zerok_core::crypto::open(&keys, &blob_id, blobs[0].envelope.clone()).unwrap();
            assert_eq!(opened, b"after all that");
        }
        other => panic!("expected PullPage, got {other:?}"),
    }
    raw.close().await;
}

// ---- tests ---------------------------------------------------------------------------------

const MAX_BLOB: u64 = 4096;

fn abuse_relay(dir: &std::path::Path) -> RelayProc {
    RelayProc::start(dir, &["--max-blob-bytes", &MAX_BLOB.to_string()])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_oversized_frames_in_the_handshake_are_bad_frames() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let mut others = Bystanders::connect(&relay).await;
    within(30, "garbage Hello", garbage_instead_of_hello(&relay.addr)).await;
    within(
        30,
        "oversized Hello header",
        oversized_hello_header(&relay.addr),
    )
    .await;
    within(
        30,
        "out-of-order handshake",
        out_of_order_handshake(&relay.addr),
    )
    .await;
    others.exchange().await;
    others.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_protocol_version_is_a_typed_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let mut others = Bystanders::connect(&relay).await;
    within(30, "Hello v99", unknown_version(&relay.addr)).await;
    others.exchange().await;
    others.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strangers_and_bad_signatures_are_unauthorized() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let victim = GroupSecret::generate();
    let member = within(10, "member connects", connected(&victim, &[&relay])).await;
    let mut others = Bystanders::connect(&relay).await;
    within(90, "strangers", strangers(&relay.addr, &victim)).await;
    // The group they tried to enter is untouched and still served.
    let pushed = within(10, "member push", member.push(b"still mine"))
        .await
        .unwrap();
    assert_eq!(pushed.cursor, 1);
    others.exchange().await;
    member.shutdown().await;
    others.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_peers_get_hello_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &["--hello-timeout-secs", "1"]);
    let mut others = Bystanders::connect(&relay).await;

    // A peer that opens its control stream and never completes a frame: half a length
    // header, a header without its body, a Hello without the Auth that must follow.
    let keys = GroupKeys::derive(&GroupSecret::generate());
    let mut partial_hello = Vec::new();
    write_message(&mut partial_hello, &hello(vec![1], *keys.group_id()))
        .await
        .unwrap();
    let stalls: [&[u8]; 3] = [
        &[0, 0],
        &[0, 0, 0, 50, 0],
        &partial_hello[..partial_hello.len() - 1],
    ];
    for stall in stalls {
        let raw = Raw::dial(&relay.addr).await;
        let started = Instant::now();
        let (mut send, mut recv) = raw.stream().await;
        send.write_all(stall).await.unwrap();
        let reply = within(5, "HelloTimeout", read_message(&mut recv))
            .await
            .unwrap();
        let elapsed = started.elapsed();
        let (code, message) = error_code(reply);
        assert_eq!(code, ErrorCode::HelloTimeout, "{message}");
        assert!(
            elapsed >= Duration::from_millis(800) && elapsed < Duration::from_secs(3),
            "{elapsed:?}"
        );
        raw.close().await;
    }

    // Hello then silence instead of Auth: the deadline covers the whole handshake.
    let raw = Raw::dial(&relay.addr).await;
    let started = Instant::now();
    let (_send, mut recv, _, _) = raw.hello_challenge(*keys.group_id()).await;
    let (code, _) = error_code(
        within(5, "HelloTimeout after Challenge", read_message(&mut recv))
            .await
            .unwrap(),
    );
    assert_eq!(code, ErrorCode::HelloTimeout);
    assert!(started.elapsed() < Duration::from_secs(3));
    raw.close().await;

    // A peer that opens no stream at all (QUIC announces a stream only with its first
    // bytes) has nothing to receive an Error on: the relay hangs up on the connection.
    let raw = Raw::dial(&relay.addr).await;
    let started = Instant::now();
    match within(6, "relay closes a silent connection", raw.conn.closed()).await {
        ConnectionError::ApplicationClosed(close) => {
            assert_eq!(
                (close.error_code, &close.reason[..]),
                (1u32.into(), &b"rejected"[..])
            );
        }
        other => panic!("expected the relay to close the connection, got {other:?}"),
    }
    assert!(started.elapsed() >= Duration::from_millis(800));
    raw.close().await;

    // The bystanders waited through all of it (their handshakes were long done).
    others.exchange().await;
    others.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abuse_on_an_authenticated_session_is_answered_per_stream() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let mut others = Bystanders::connect(&relay).await;
    within(
        60,
        "authenticated abuse",
        abuse_authenticated_session(&relay.addr, MAX_BLOB),
    )
    .await;
    others.exchange().await;
    others.shutdown().await;
}

/// Request streams as the protocol has them: the device ends its side with the request, then
/// reads the reply and the relay's end of the stream. Done so, the relay never asks the device
/// to stop sending: a STOP_SENDING per request would be a frame and its acknowledgement for
/// nothing (the relay used to send one for every request, having read the request but not its
/// end).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_streams_end_without_stop_sending() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let (raw, _control, _) = Raw::authenticated(&relay.addr, &secret).await;
    push_numbered(&raw, &secret, 1, 20).await;
    let (cursors, _) = page(
        raw.ask(&Message::Pull {
            after: 0,
            limit: 50,
        })
        .await,
    );
    assert_eq!(cursors.len(), 20);
    assert_eq!(raw.conn.stats().frame_rx.stop_sending, 0);
    raw.close().await;
}

/// The relay reads the next page of a pull ahead; whatever a device asks next, and whatever
/// was pushed meanwhile, each page is exactly what storage holds for that request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_read_ahead_answer_only_their_own_request() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let (raw, _control, _) = Raw::authenticated(&relay.addr, &secret).await;
    push_numbered(&raw, &secret, 1, 10).await;
    let pull = |after, limit| Message::Pull { after, limit };

    assert_eq!(page(raw.ask(&pull(0, 3)).await), (vec![1, 2, 3], true));
    // The page read ahead (after 3, limit 3) is not the one asked for: a different limit.
    assert_eq!(
        page(raw.ask(&pull(3, 5)).await),
        (vec![4, 5, 6, 7, 8], true)
    );
    // Nor a page from the start again.
    assert_eq!(page(raw.ask(&pull(0, 2)).await), (vec![1, 2], true));
    assert_eq!(page(raw.ask(&pull(2, 2)).await), (vec![3, 4], true));
    // Blobs pushed after a page was read ahead come in the pages after it.
    push_numbered(&raw, &secret, 11, 3).await;
    assert_eq!(page(raw.ask(&pull(4, 4)).await), (vec![5, 6, 7, 8], true));
    assert_eq!(
        page(raw.ask(&pull(8, 4)).await),
        (vec![9, 10, 11, 12], true)
    );
    // The last page was read ahead too (after 12, limit 4: [13], no more); a blob pushed
    // since must be in it, not left for a pull the device will not make, as it once was
    // (found by the session fuzz target).
    push_numbered(&raw, &secret, 14, 1).await;
    assert_eq!(page(raw.ask(&pull(12, 4)).await), (vec![13, 14], false));
    // A cursor never assigned is refused, read ahead or not.
    let (code, _) = error_code(raw.ask(&pull(15, 4)).await);
    assert_eq!(
        code,
        ErrorCode::UnknownCursor {
            cursor: 15,
            latest: 14
        }
    );
    raw.close().await;
}

/// Everything at once on one relay, while another group keeps syncing through it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_under_concurrent_abuse_keeps_serving_other_groups() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let mut others = Bystanders::connect(&relay).await;
    let victim = GroupSecret::generate();
    // Each scenario is a task of its own: joined into one future, they nest too deep for a
    // thread's stack in a debug build (binding an iroh endpoint alone takes ~160 KiB there).
    let mut abuse = tokio::task::JoinSet::new();
    for scenario in 0..7 {
        let (addr, victim) = (relay.addr.clone(), victim.clone());
        abuse.spawn(async move {
            match scenario {
                0 => garbage_instead_of_hello(&addr).await,
                1 => oversized_hello_header(&addr).await,
                2 => unknown_version(&addr).await,
                3 => strangers(&addr, &victim).await,
                4 => out_of_order_handshake(&addr).await,
                _ => abuse_authenticated_session(&addr, MAX_BLOB).await,
            }
        });
    }
    let sync = async {
        for _ in 0..5 {
            others.exchange().await;
        }
    };
    within(90, "concurrent abuse and sync", async {
        let abused = async {
            while let Some(done) = abuse.join_next().await {
                done.expect("abuse scenario");
            }
        };
        tokio::join!(abused, sync)
    })
    .await;
    others.exchange().await;
    others.shutdown().await;
    assert!(!relay.log().contains("panicked"), "{}", relay.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_over_the_rate_limit_is_paced_and_refused_only_past_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &["--rate-per-sec", "5"]);
    let secret = GroupSecret::generate();
    let client = within(10, "connect", connected(&secret, &[&relay])).await;
    // Another connection has a bucket of its own.
    let mut others = Bystanders::connect(&relay).await;

    // 40 concurrent pulls at 5 per second (bursts of 10): the client waits as the relay
    // says and every one succeeds within its 10 s timeout.
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let c = client.clone();
        set.spawn(async move { c.pull().await });
    }
    within(20, "40 concurrent pulls", async {
        while let Some(result) = set.join_next().await {
            assert!(result.unwrap().unwrap().blobs.is_empty());
        }
    })
    .await;
    // Rate limiting does not cost the session.
    assert!(client.is_connected());
    others.exchange().await;

    // A client whose timeout is shorter than the wait sees the relay's refusal, typed.
    let mut config = common::config(&secret, &[&relay]);
    config.request_timeout = Duration::from_millis(200);
    let impatient = common::client_with(config).await;
    impatient.connect().await.unwrap();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let c = impatient.clone();
        set.spawn(async move { c.pull().await });
    }
    let (mut ok, mut limited) = (0, 0);
    while let Some(result) = set.join_next().await {
        match result.unwrap() {
            Ok(pulled) => {
                assert!(pulled.blobs.is_empty());
                ok += 1;
            }
            Err(Error::RateLimited { retry_after_ms }) => {
                assert!(
                    retry_after_ms > 0 && retry_after_ms <= 1000,
                    "{retry_after_ms}"
                );
                limited += 1;
            }
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!(ok + limited, 40);
    assert!(limited >= 20, "{ok} passed, {limited} limited");

    let pushed = within(10, "push after the burst", client.push(b"rate ok"))
        .await
        .unwrap();
    assert_eq!(pushed.cursor, 1);
    others.exchange().await;

    for c in [client, impatient] {
        c.shutdown().await;
    }
    others.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_racing_a_new_subscription_is_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    for round in 0..10u8 {
        let secret = GroupSecret::generate();
        let a = within(10, "A connects", connected(&secret, &[&relay])).await;
        let b = within(10, "B connects", connected(&secret, &[&relay])).await;
        let live = b.subscribe().await.unwrap();
        let pushed = within(10, "push", a.push(&[round; 3])).await.unwrap();
        let got = tokio::time::timeout(Duration::from_secs(5), live.next())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "round {round}: the blob pushed at cursor {} never arrived live",
                    pushed.cursor
                )
            })
            .expect("subscription open")
            .unwrap();
        assert_eq!((got.blob_id, got.payload), (pushed.blob_id, vec![round; 3]));
        live.close();
        a.shutdown().await;
        b.shutdown().await;
    }
}

/// The large-object requests against a real relay, by hand: sizes are checked against what
/// was declared, every write is idempotent, a commit needs every chunk, chunks are served only
/// once committed and in order, and the manifest enters the log like a push. The relay opens
/// nothing, so the chunks here are arbitrary bytes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn object_requests_keep_their_contract() {
    let dir = tempfile::tempdir().unwrap();
    let relay = abuse_relay(dir.path());
    let secret = GroupSecret::generate();
    let (raw, _control, _) = Raw::authenticated(&relay.addr, &secret).await;
    let object_id = [0x0B; 16];
    let begin = |chunk_count, chunk_bytes, last_chunk_bytes| Message::ObjectBegin {
        object_id,
        chunk_count,
        chunk_bytes,
        last_chunk_bytes,
    };
    let chunk = |index: u64, len: usize| Message::ChunkPut {
        object_id,
        index,
        envelope: vec![index as u8 + 1; len],
    };
    let status = |msg: Message| match msg {
        Message::ObjectStatus {
            object_id: id,
            chunk_count,
            stored,
            committed,
            ..
        } => {
            assert_eq!((id, chunk_count), (object_id, 3));
            (stored, committed)
        }
        other => panic!("expected ObjectStatus, got {other:?}"),
    };
    let code = async |msg: &Message| error_code(raw.ask(msg).await).0;

    // Refused before any chunk travels: a chunk over the relay's limit, an object over quota.
    let size = MAX_BLOB + 1;
    assert_eq!(
        code(&begin(2, size as u32, 10)).await,
        ErrorCode::PayloadTooLarge {
            size,
            max: MAX_BLOB
        }
    );
    assert_eq!(
        code(&begin(1 << 20, 4096, 4096)).await,
        ErrorCode::QuotaExceeded
    );

    assert_eq!(status(raw.ask(&begin(3, 100, 50)).await), (vec![], None));
    assert_eq!(code(&begin(4, 100, 50)).await, ErrorCode::ObjectMismatch);
    let ack = |index, duplicate| Message::ChunkAck {
        object_id,
        index,
        duplicate,
    };
    assert_eq!(raw.ask(&chunk(0, 100)).await, ack(0, false));
    assert_eq!(raw.ask(&chunk(0, 100)).await, ack(0, true));
    for wrong in [chunk(1, 99), chunk(2, 100), chunk(3, 50)] {
        assert_eq!(code(&wrong).await, ErrorCode::ObjectMismatch, "{wrong:?}");
    }
    let commit = Message::ObjectCommit {
        object_id,
        manifest: b"manifest".to_vec(),
        ttl_secs: None,
    };
    assert_eq!(
        code(&commit).await,
        ErrorCode::ObjectIncomplete { missing: 2 }
    );
    let get = |from, to| Message::ChunkGet {
        object_id,
        from,
        to,
    };
    assert_eq!(code(&get(0, 3)).await, ErrorCode::ObjectUnknown, "staging");
    // A resumed upload learns what is stored.
    assert_eq!(
        status(raw.ask(&begin(3, 100, 50)).await),
        (vec![(0, 1)], None)
    );

    assert_eq!(raw.ask(&chunk(2, 50)).await, ack(2, false));
    assert_eq!(raw.ask(&chunk(1, 100)).await, ack(1, false));
    let pushed = |duplicate| Message::PushAck {
        blob_id: object_id,
        cursor: 1,
        duplicate,
    };
    assert_eq!(raw.ask(&commit).await, pushed(false));
    assert_eq!(raw.ask(&commit).await, pushed(true));
    assert_eq!(
        status(raw.ask(&begin(3, 100, 50)).await),
        (vec![(0, 3)], Some(1))
    );
    assert_eq!(raw.ask(&chunk(1, 100)).await, ack(1, true));
    assert_eq!(
        code(&Message::ObjectAbort { object_id }).await,
        ErrorCode::ObjectMismatch,
        "a committed object leaves with its manifest"
    );

    // Chunks come back in order, exactly the range asked for, then the stream ends.
    for (from, to) in [(0, 3), (1, 2), (2, 99), (3, 3)] {
        let (mut send, mut recv) = raw.stream().await;
        write_message(&mut send, &get(from, to)).await.unwrap();
        send.finish().unwrap();
        for index in from..to.min(3) {
            let expected = chunk(index, if index == 2 { 50 } else { 100 });
            let Message::ChunkPut { envelope, .. } = expected else {
                unreachable!()
            };
            let got = within(5, "Chunk", read_message(&mut recv)).await.unwrap();
            assert_eq!(got, Message::Chunk { index, envelope });
        }
        assert_stream_ends(&mut recv).await;
    }
    match raw
        .ask(&Message::Pull {
            after: 0,
            limit: 10,
        })
        .await
    {
        Message::PullPage { blobs, .. } => {
            assert_eq!(blobs.len(), 1);
            assert_eq!(
                (blobs[0].blob_id, &blobs[0].envelope[..]),
                (object_id, &b"manifest"[..])
            );
        }
        other => panic!("expected PullPage, got {other:?}"),
    }

    // An abort frees a staging object; aborting what is gone is fine.
    let other = [0x0C; 16];
    let begin_other = Message::ObjectBegin {
        object_id: other,
        chunk_count: 1,
        chunk_bytes: 10,
        last_chunk_bytes: 10,
    };
    assert!(matches!(
        raw.ask(&begin_other).await,
        Message::ObjectStatus { .. }
    ));
    for _ in 0..2 {
        let aborted = raw.ask(&Message::ObjectAbort { object_id: other }).await;
        assert_eq!(aborted, Message::ObjectAborted { object_id: other });
    }
    let put_other = Message::ChunkPut {
        object_id: other,
        index: 0,
        envelope: vec![0; 10],
    };
    assert_eq!(code(&put_other).await, ErrorCode::ObjectUnknown);
    raw.close().await;
}
