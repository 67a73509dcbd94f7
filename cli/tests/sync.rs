//! End-to-end sync behaviour: real relay processes, real SQLite files, real iroh on
//! 127.0.0.1, real clients.

mod common;

use std::{collections::HashSet, time::Duration};

use common::*;
use zerok_core::{Error, GroupSecret};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_push_then_pull() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    let b = connected(&secret, &[&relay]).await;
    assert_eq!(a.group_id(), b.group_id());

    let big: Vec<u8> = (0..1 << 20).map(|i| (i * 7) as u8).collect();
    let sent = [b"first".to_vec(), Vec::new(), big];
    let mut cursors = Vec::new();
    for p in &sent {
        cursors.push(a.push(p).await.unwrap().cursor);
    }
    assert_eq!(cursors, [1, 2, 3]);

    let got = b.pull().await.unwrap().blobs;
    assert_eq!(payloads(&got), sent);
    assert_eq!(got.iter().map(|b| b.cursor).collect::<Vec<_>>(), cursors);
    assert_eq!(b.current_cursor(), 3);
    assert!(
        b.pull().await.unwrap().blobs.is_empty(),
        "nothing new the second time"
    );
    assert_eq!(payloads(&b.pull_after(1).await.unwrap().blobs), sent[1..]);
    assert!(
        a.pull().await.unwrap().blobs.is_empty(),
        "a device does not get its own pushes back"
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_devices_live_with_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    let b = connected(&secret, &[&relay]).await;
    for i in 0..3u8 {
        a.push(&[i]).await.unwrap();
    }
    let live = b.subscribe().await.unwrap();
    for i in 3..20u8 {
        a.push(&[i]).await.unwrap();
    }
    for i in 0..20u8 {
        let blob = within(10, "live blob", live.next()).await.unwrap().unwrap();
        assert_eq!(blob.payload, [i]);
        assert_eq!(blob.cursor, u64::from(i) + 1);
    }
    // And the other way, while B's own pushes never come back on its stream.
    let back = a.subscribe().await.unwrap();
    b.push(b"from b").await.unwrap();
    let blob = within(10, "reply", back.next()).await.unwrap().unwrap();
    assert_eq!(blob.payload, b"from b");
    a.push(b"marker").await.unwrap();
    let next = within(10, "marker", live.next()).await.unwrap().unwrap();
    assert_eq!(
        next.payload, b"marker",
        "B's own push was skipped, not delivered"
    );
    // A large blob, whose envelope goes to the streams straight from the push and from the
    // relay's notice rather than through a frame buffer.
    let large: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    a.push(&large).await.unwrap();
    let next = within(10, "large blob", live.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.payload, large);
    // The subscription moved B's cursor: a pull has nothing new.
    assert!(b.pull().await.unwrap().blobs.is_empty());
    live.close();
    assert!(live.next().await.is_none());
    a.shutdown().await;
    b.shutdown().await;
}

/// A push racing a subscription being set up on the relay is delivered either way: from the
/// backlog or live (regression: a commit between the relay's subscriber check and its backlog
/// read used to be lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_racing_a_new_subscription_is_never_missed() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    let b = connected(&secret, &[&relay]).await;
    for i in 0..30u8 {
        let live = b.subscribe().await.unwrap();
        a.push(&[i]).await.unwrap();
        let blob = within(5, "racing push", live.next())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(blob.payload, [i]);
        live.close();
    }
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushers_get_gap_free_cursors_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    const CLIENTS: usize = 8;
    const EACH: usize = 25;
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..CLIENTS {
        let client = connected(&secret, &[&relay]).await;
        tasks.spawn(async move {
            // All pushes of one client run concurrently on one handle.
            let pushes = (0..EACH).map(|i| {
                let client = client.clone();
                async move {
                    let payload = format!("client {c} blob {i}").into_bytes();
                    let r = client.push(&payload).await.unwrap();
                    (r, payload)
                }
            });
            let out = futures_join_all(pushes).await;
            client.shutdown().await;
            out
        });
    }
    let mut acked = Vec::new();
    while let Some(r) = tasks.join_next().await {
        acked.extend(r.unwrap());
    }
    let mut cursors: Vec<u64> = acked.iter().map(|(r, _)| r.cursor).collect();
    cursors.sort_unstable();
    assert_eq!(cursors, (1..=(CLIENTS * EACH) as u64).collect::<Vec<_>>());

    let reader = connected(&secret, &[&relay]).await;
    let got = reader.pull().await.unwrap().blobs;
    assert_eq!(got.len(), CLIENTS * EACH);
    for blob in &got {
        let (_, payload) = acked
            .iter()
            .find(|(r, _)| r.blob_id == blob.blob_id)
            .unwrap();
        assert_eq!(&blob.payload, payload);
    }
    reader.shutdown().await;
}

/// `join_all` without a futures dependency: spawn each and collect in order.
async fn futures_join_all<F>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stranger_without_the_secret_can_neither_read_nor_write() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let member = connected(&secret, &[&relay]).await;
    member.push(b"private").await.unwrap();

    let stranger = client_with(config(&GroupSecret::generate(), &[&relay])).await;
    stranger.connect().await.unwrap();
    assert!(
        stranger.pull().await.unwrap().blobs.is_empty(),
        "another group sees nothing"
    );
    stranger.push(b"in my own group").await.unwrap();
    assert_eq!(
        member.pull().await.unwrap().blobs.len(),
        0,
        "and writes nothing into ours"
    );
    stranger.shutdown().await;
    member.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_envelope_is_a_typed_error_not_a_silent_skip() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    for p in [b"one", b"two", b"tre"] {
        a.push(p).await.unwrap();
    }
    // The relay's operator flips one ciphertext byte of blob 2 in the SQLite file.
    let db = rusqlite::Connection::open(&relay.db).unwrap();
    let mut envelope: Vec<u8> = db
        .query_row("SELECT envelope FROM blobs WHERE cursor = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    envelope[40] ^= 0x20;
    db.execute(
        "UPDATE blobs SET envelope = ?1 WHERE cursor = 2",
        [&envelope],
    )
    .unwrap();
    drop(db);

    let b = connected(&secret, &[&relay]).await;
    let pulled = b.pull().await.unwrap();
    assert_eq!(payloads(&pulled.blobs), [b"one".to_vec(), b"tre".to_vec()]);
    assert_eq!(pulled.tampered.len(), 1);
    assert_eq!(pulled.tampered[0].cursor, 2);
    assert_eq!(b.pull().await.unwrap(), Default::default(), "reported once");
    let again = b.pull_after(0).await.unwrap();
    assert_eq!(payloads(&again.blobs), [b"one".to_vec(), b"tre".to_vec()]);
    assert_eq!(
        again.tampered, pulled.tampered,
        "a re-read reports it again"
    );

    let c = connected(&secret, &[&relay]).await;
    let live = c.subscribe().await.unwrap();
    assert_eq!(
        within(10, "1", live.next()).await.unwrap().unwrap().payload,
        b"one"
    );
    assert!(matches!(
        within(10, "2", live.next()).await.unwrap(),
        Err(Error::Tampered { .. })
    ));
    assert_eq!(
        within(10, "3", live.next()).await.unwrap().unwrap().payload,
        b"tre"
    );
    for client in [a, b, c] {
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_give_typed_errors_and_the_relay_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(
        dir.path(),
        &["--max-blob-bytes", "8192", "--quota-bytes", "20000"],
    );
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    match a.push(&[0u8; 10_000]).await {
        Err(Error::PayloadTooLarge { size: 10_000, max }) => {
            assert!(max > 7000 && max < 8192, "largest payload that fits: {max}")
        }
        other => panic!("expected PayloadTooLarge, got {other:?}"),
    }
    // Fill the quota with 4 KiB blobs (each pads to a larger envelope).
    let mut stored = 0;
    let err = loop {
        match a.push(&[1u8; 4000]).await {
            Ok(_) => stored += 1,
            Err(e) => break e,
        }
        assert!(stored < 10, "quota never enforced");
    };
    assert!(matches!(err, Error::QuotaExceeded(_)), "{err:?}");
    assert!(stored >= 3);
    assert!(
        matches!(a.pull_after(1000).await, Err(Error::UnknownCursor { cursor: 1000, latest }) if latest == stored)
    );

    // Another group is unaffected; this one still reads everything it stored.
    let other = connected(&GroupSecret::generate(), &[&relay]).await;
    other.push(b"fine").await.unwrap();
    let b = connected(&secret, &[&relay]).await;
    assert_eq!(b.pull().await.unwrap().blobs.len(), stored as usize);
    for c in [a, b, other] {
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blobs_expire_after_their_ttl() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &["--expiry-interval-secs", "1"]);
    let secret = GroupSecret::generate();
    let mut short = config(&secret, &[&relay]);
    short.ttl = Some(Duration::from_secs(1));
    let a = client_with(short).await;
    a.connect().await.unwrap();
    let keeper = connected(&secret, &[&relay]).await;
    a.push(b"ephemeral").await.unwrap();
    keeper.push(b"kept").await.unwrap();

    tokio::time::sleep(Duration::from_millis(2500)).await;
    let b = connected(&secret, &[&relay]).await;
    assert_eq!(payloads(&b.pull().await.unwrap().blobs), [b"kept".to_vec()]);
    let rows: i64 = rusqlite::Connection::open(&relay.db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM blobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1, "the expiry task deleted the expired row");
    for c in [a, b, keeper] {
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failover_to_the_second_relay_loses_nothing() {
    let d1 = tempfile::tempdir().unwrap();
    let d2 = tempfile::tempdir().unwrap();
    let mut r1 = RelayProc::start(d1.path(), &[]);
    let r2 = RelayProc::start(d2.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&r1, &r2]).await;
    let b = connected(&secret, &[&r1, &r2]).await;
    let live = b.subscribe().await.unwrap();
    assert_eq!(a.active_relay(), Some(r1.addr.clone()));

    let mut sent = Vec::new();
    for i in 0..10u8 {
        sent.push(vec![i; 100]);
        a.push(&sent[i as usize]).await.unwrap();
    }
    within(20, "replication to relay 2", a.replication_idle()).await;
    // B has pulled part of it from relay 1 before the crash.
    for expected in &sent[..5] {
        let blob = within(10, "before crash", live.next())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&blob.payload, expected);
    }

    r1.kill();
    for i in 10..15u8 {
        sent.push(vec![i; 100]);
        a.push(&sent[i as usize]).await.unwrap();
    }
    assert_eq!(a.active_relay(), Some(r2.addr.clone()), "A failed over");

    let mut got = Vec::new();
    for _ in 5..15 {
        got.push(
            within(20, "after failover", live.next())
                .await
                .unwrap()
                .unwrap()
                .payload,
        );
    }
    assert_eq!(got, sent[5..], "every blob exactly once, in order");
    assert_eq!(b.active_relay(), Some(r2.addr.clone()));

    // A fresh device that only knows relay 2 sees the whole history there.
    let c = connected(&secret, &[&r2]).await;
    assert_eq!(payloads(&c.pull().await.unwrap().blobs), sent);
    let ids: HashSet<_> = c
        .pull_after(0)
        .await
        .unwrap()
        .blobs
        .iter()
        .map(|b| b.blob_id)
        .collect();
    assert_eq!(ids.len(), 15);
    for client in [a, b, c] {
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_relay_and_lifecycle_errors_are_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = client_with(config(&secret, &[&relay])).await;
    assert!(matches!(a.push(b"x").await, Err(Error::NotConnected)));
    assert!(matches!(a.subscribe().await, Err(Error::NotConnected)));
    a.connect().await.unwrap();
    assert!(a.is_connected());
    a.disconnect().await;
    assert!(!a.is_connected());
    assert!(matches!(a.pull().await, Err(Error::NotConnected)));

    relay.kill();
    let started = std::time::Instant::now();
    let err = a.connect().await.unwrap_err();
    assert!(matches!(err, Error::ConnectionFailed { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));

    // Pushes retry a dead relay until their 10 s timeout, and many calls queued behind one
    // failing dial share its error instead of each waiting for a connect timeout of its own.
    let started = std::time::Instant::now();
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let a = a.clone();
            tokio::spawn(async move { a.push(b"lost").await })
        })
        .collect();
    for call in calls {
        assert!(matches!(
            call.await.unwrap(),
            Err(Error::ConnectionFailed { .. })
        ));
    }
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "50 calls took {:?}",
        started.elapsed()
    );

    let second = RelayProc::start(tempfile::tempdir().unwrap().path(), &[]);
    let two = client_with(config(&secret, &[&relay, &second])).await;
    two.connect().await.unwrap();
    assert_eq!(
        two.active_relay(),
        Some(second.addr.clone()),
        "skips the dead relay"
    );
    drop(second);
    let err = two.push(b"y").await.unwrap_err();
    assert!(
        matches!(err, Error::AllRelaysFailed { ref reasons } if reasons.len() == 2),
        "{err:?}"
    );

    a.shutdown().await;
    a.shutdown().await; // idempotent
    assert!(matches!(a.connect().await, Err(Error::Shutdown)));
    assert!(matches!(a.push(b"z").await, Err(Error::Shutdown)));
    two.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cursor_state_survives_a_device_restart() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    let state = dir.path().join("b-state.json");
    let b_config = || {
        let mut c = config(&secret, &[&relay]);
        c.state_path = Some(state.clone());
        c
    };
    for p in [b"1", b"2", b"3"] {
        a.push(p).await.unwrap();
    }
    let b = client_with(b_config()).await;
    b.connect().await.unwrap();
    assert_eq!(b.pull().await.unwrap().blobs.len(), 3);
    b.push(b"mine").await.unwrap();
    b.shutdown().await;

    a.push(b"4").await.unwrap();
    let b = client_with(b_config()).await;
    b.connect().await.unwrap();
    assert_eq!(b.current_cursor(), 3);
    assert_eq!(
        payloads(&b.pull().await.unwrap().blobs),
        [b"4".to_vec()],
        "resumes, skips its own push"
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_and_subscribe_page_through_large_backlogs() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    // More blobs than one page holds (512), then more bytes than one page holds (4 MiB).
    let small: Vec<_> = (0..600u32)
        .map(|i| {
            let a = a.clone();
            tokio::spawn(async move { a.push(&i.to_be_bytes()).await.unwrap() })
        })
        .collect();
    for t in small {
        t.await.unwrap();
    }
    for i in 0..5u8 {
        a.push(&vec![i; 1 << 20]).await.unwrap();
    }
    let b = connected(&secret, &[&relay]).await;
    let got = b.pull().await.unwrap().blobs;
    assert_eq!(got.len(), 605);
    assert_eq!(
        got.iter().map(|b| b.cursor).collect::<Vec<_>>(),
        (1..=605).collect::<Vec<_>>()
    );
    assert_eq!(got[604].payload, vec![4u8; 1 << 20]);

    let c = connected(&secret, &[&relay]).await;
    let live = c.subscribe().await.unwrap();
    for cursor in 1..=605 {
        let blob = within(10, "backlog", live.next()).await.unwrap().unwrap();
        assert_eq!(blob.cursor, cursor);
    }
    for client in [a, b, c] {
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_at_its_session_limit_refuses_and_clients_fail_over() {
    let d1 = tempfile::tempdir().unwrap();
    let d2 = tempfile::tempdir().unwrap();
    let full = RelayProc::start(d1.path(), &["--max-sessions", "1"]);
    let spare = RelayProc::start(d2.path(), &[]);
    let secret = GroupSecret::generate();
    let first = connected(&secret, &[&full]).await;

    let alone = client_with(config(&secret, &[&full])).await;
    let err = alone.connect().await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref m) if m.contains("too many sessions")),
        "{err:?}"
    );

    let with_fallback = connected(&secret, &[&full, &spare]).await;
    assert_eq!(with_fallback.active_relay(), Some(spare.addr.clone()));
    first.push(b"still served").await.unwrap();
    for c in [first, alone, with_fallback] {
        c.shutdown().await;
    }
}
