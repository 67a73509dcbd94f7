//! Floods against a running relay on loopback, each bounded in count and time: unauthenticated
//! connections, request streams, half-open streams holding large frames, oversized length
//! prefixes, and a subscriber that never reads. Throughout, a well-behaved device of another
//! group keeps pushing: its latency and the relay's memory stay within the bounds below, and
//! every limit answers with its typed error.

mod common;

use std::time::{Duration, Instant};

use common::{
    RelayProc, connected,
    raw::{Raw, error_code},
    status_kib, within,
};
use iroh::endpoint::ConnectionError;
use tokio::task::JoinSet;
use zerok_core::{
    GroupSecret, IrohTransport, SyncClient,
    crypto::{GroupKeys, seal},
    protocol::{ErrorCode, Message, read_message, write_message},
};

const MAX_SESSIONS: usize = 32;
const RATE_PER_SEC: u32 = 200;
/// What the relay may grow by (resident memory) under any one flood: its frame budget
/// (32 MiB) and one connection's receive window (32 MiB), with the allocator's and QUIC's
/// overhead on top. Before the window was bounded, the half-open flood alone took 283 MiB.
const MEMORY_BOUND_KIB: u64 = 128 * 1024;
/// The slowest push the well-behaved device may see under a flood.
const LATENCY_BOUND: Duration = Duration::from_secs(2);

fn rss_kib(relay: &RelayProc) -> u64 {
    status_kib(relay.pid(), "VmRSS").expect("the relay runs")
}

/// The well-behaved device: times `n` pushes, returns the slowest.
async fn probe(device: &SyncClient<IrohTransport>, n: usize) -> Duration {
    let mut slowest = Duration::ZERO;
    for i in 0..n {
        let started = Instant::now();
        within(
            30,
            "a well-behaved push",
            device.push(format!("probe {i}").as_bytes()),
        )
        .await
        .unwrap();
        slowest = slowest.max(started.elapsed());
    }
    slowest
}

/// The floods' figures, printed at the end (and with any failed bound).
struct Report {
    started: Instant,
    lines: Vec<String>,
}

impl Report {
    /// One flood's figures, checked against the bounds.
    fn check(&mut self, name: &str, relay: &RelayProc, before_kib: u64, slowest: Duration) {
        let after_kib = rss_kib(relay);
        let grew = after_kib.saturating_sub(before_kib);
        self.lines.push(format!(
            "{name}: relay {before_kib} -> {after_kib} KiB (+{grew}), slowest well-behaved push \
             {slowest:?}, at {:?}",
            self.started.elapsed()
        ));
        assert!(grew <= MEMORY_BOUND_KIB, "{}", self.lines.join("\n"));
        assert!(slowest <= LATENCY_BOUND, "{}", self.lines.join("\n"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_keep_the_relay_bounded_and_answer_with_typed_errors() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(
        dir.path(),
        &[
            "--max-sessions",
            &MAX_SESSIONS.to_string(),
            "--hello-timeout-secs",
            "2",
            "--rate-per-sec",
            &RATE_PER_SEC.to_string(),
        ],
    );
    let device = connected(&GroupSecret::generate(), &[&relay]).await;
    let baseline = probe(&device, 20).await;
    let mut report = Report {
        started,
        lines: vec![format!(
            "baseline: relay {} KiB, slowest of 20 pushes {baseline:?}",
            rss_kib(&relay)
        )],
    };

    // Unauthenticated connections, 4× the session limit, each sending half a frame header
    // and then nothing: past the limit `Busy` at once, the others `HelloTimeout`.
    let before = rss_kib(&relay);
    let mut silent = JoinSet::new();
    for _ in 0..MAX_SESSIONS * 4 {
        let addr = relay.addr.clone();
        silent.spawn(async move {
            let raw = Raw::dial(&addr).await;
            // Half a frame header: the relay sees the stream, and waits for the rest.
            let (mut send, mut recv) = raw.stream().await;
            send.write_all(&[0, 0]).await.unwrap();
            let reply = within(10, "the relay's answer to silence", read_message(&mut recv)).await;
            // `Busy` comes as an Error frame and a connection closed with reason "busy";
            // the close may overtake the frame.
            let code = match (reply, raw.conn.close_reason()) {
                (Ok(reply), _) => error_code(reply).0,
                (Err(_), Some(ConnectionError::ApplicationClosed(close)))
                    if &close.reason[..] == b"busy" =>
                {
                    ErrorCode::Busy
                }
                (Err(e), reason) => panic!("a silent connection ended with {e} ({reason:?})"),
            };
            raw.close().await;
            code
        });
    }
    let slowest = probe(&device, 20).await;
    let (mut busy, mut timed_out) = (0, 0);
    while let Some(code) = silent.join_next().await {
        match code.unwrap() {
            ErrorCode::Busy => busy += 1,
            ErrorCode::HelloTimeout => timed_out += 1,
            other => panic!("a silent connection got {other:?}"),
        }
    }
    assert!(
        busy > 0 && timed_out > 0,
        "{busy} Busy, {timed_out} HelloTimeout"
    );
    report.lines.push(format!(
        "silent connections: {busy} Busy, {timed_out} HelloTimeout"
    ));
    report.check("silent connections", &relay, before, slowest);

    // An authenticated flood of requests, 10× the rate limit's second: each is answered,
    // with a page or `RateLimited`.
    let secret = GroupSecret::generate();
    let (raw, _control, _) = Raw::authenticated(&relay.addr, &secret).await;
    let raw = std::sync::Arc::new(raw);
    let before = rss_kib(&relay);
    let mut requests = JoinSet::new();
    for _ in 0..RATE_PER_SEC * 10 {
        let raw = raw.clone();
        requests.spawn(async move { raw.request(&Message::Pull { after: 0, limit: 1 }).await });
    }
    let slowest = probe(&device, 20).await;
    let (mut pages, mut limited) = (0, 0);
    while let Some(reply) = requests.join_next().await {
        match reply.unwrap() {
            Message::PullPage { .. } => pages += 1,
            Message::Error {
                code: ErrorCode::RateLimited { .. },
                ..
            } => limited += 1,
            other => panic!("a flooded request got {other:?}"),
        }
    }
    assert!(limited > 0, "{pages} pages, none rate limited");
    report.lines.push(format!(
        "request flood: {pages} pages, {limited} RateLimited"
    ));
    report.check("request flood", &relay, before, slowest);

    // Half-open streams: each claims a 1 MiB frame and sends all of it but the last byte,
    // then waits; and oversized length prefixes, each refused with `BadFrame`.
    let (hog, _hog_control, _) = Raw::authenticated(&relay.addr, &secret).await;
    let before = rss_kib(&relay);
    let mut held = Vec::new();
    let body = vec![0x42; 1 << 20];
    let mut frame = (body.len() as u32).to_be_bytes().to_vec();
    frame.extend_from_slice(&body[..body.len() - 1]);
    for _ in 0..256 {
        let (mut send, recv) = hog.stream().await;
        // Once the connection's receive window is full, writes stop: that is the bound, and
        // it stalls only this connection.
        let _ = tokio::time::timeout(Duration::from_millis(50), send.write_all(&frame)).await;
        held.push((send, recv));
    }
    for _ in 0..64 {
        let (mut send, mut recv) = raw.stream().await;
        send.write_all(&u32::MAX.to_be_bytes()).await.unwrap();
        let reply = within(
            10,
            "the answer to an oversized prefix",
            read_message(&mut recv),
        )
        .await;
        let (code, _) = error_code(reply.unwrap());
        assert_eq!(code, ErrorCode::BadFrame);
    }
    let slowest = probe(&device, 20).await;
    report.check("half-open 1 MiB frames", &relay, before, slowest);
    drop(held);

    // A subscriber that never reads while its group gets 16 MiB of blobs: the relay holds
    // at most what QUIC's flow control lets it queue.
    let (slow, _control, _) = Raw::authenticated(&relay.addr, &secret).await;
    let (mut send, _recv) = slow.stream().await;
    write_message(&mut send, &Message::Subscribe { after: 0 })
        .await
        .unwrap();
    let before = rss_kib(&relay);
    let keys = GroupKeys::derive(&secret);
    let mut pushes = JoinSet::new();
    for i in 0..256u32 {
        let mut blob_id = [0xEE; 16];
        blob_id[..4].copy_from_slice(&i.to_be_bytes());
        let envelope = seal(&keys, &blob_id, &vec![i as u8; 64 * 1024]);
        let push = Message::Push {
            blob_id,
            envelope,
            ttl_secs: None,
        };
        let raw = raw.clone();
        pushes.spawn(async move {
            loop {
                match raw.ask(&push).await {
                    Message::PushAck { .. } => return,
                    Message::Error {
                        code: ErrorCode::RateLimited { retry_after_ms },
                        ..
                    } => tokio::time::sleep(Duration::from_millis(retry_after_ms)).await,
                    other => panic!("a push got {other:?}"),
                }
            }
        });
    }
    let slowest = probe(&device, 20).await;
    while let Some(done) = pushes.join_next().await {
        done.unwrap();
    }
    report.check("a subscriber that never reads", &relay, before, slowest);

    println!("flood: {}", report.lines.join("\n flood: "));
    assert!(!relay.log().contains("panicked"), "{}", relay.log());
    device.shutdown().await;
}
