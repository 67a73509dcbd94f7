//! The relay as an operator runs it: killed mid-write, stopped by SIGTERM, restarted on the
//! same database. Nothing acknowledged may be lost.

mod common;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use common::*;
use zerok_core::GroupSecret;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_push_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    // blob id → (cursor, payload) of every acknowledged push.
    type Acked = HashMap<[u8; 16], (u64, Vec<u8>)>;
    let acked: Arc<Mutex<Acked>> = Arc::default();

    // Four writers push as fast as they can until the relay dies under them.
    let mut writers = tokio::task::JoinSet::new();
    for w in 0..4u32 {
        let client = connected(&secret, &[&relay]).await;
        let acked = acked.clone();
        writers.spawn(async move {
            for i in 0u32.. {
                let payload = format!("writer {w} blob {i}").into_bytes();
                match client.push(&payload).await {
                    Ok(r) => {
                        acked.lock().unwrap().insert(r.blob_id, (r.cursor, payload));
                    }
                    Err(_) => break,
                }
            }
            client.shutdown().await;
        });
    }
    within(30, "300 acknowledged pushes", async {
        while acked.lock().unwrap().len() < 300 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    relay.kill();
    within(30, "writers notice the dead relay", async {
        while writers.join_next().await.is_some() {}
    })
    .await;

    relay.restart();
    let reader = connected(&secret, &[&relay]).await;
    let stored = reader.pull().await.unwrap().blobs;
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    for (id, (cursor, payload)) in &acked {
        let blob = stored
            .iter()
            .find(|b| &b.blob_id == id)
            .unwrap_or_else(|| panic!("acknowledged blob at cursor {cursor} lost"));
        assert_eq!((&blob.payload, blob.cursor), (payload, *cursor));
    }
    let cursors: Vec<u64> = stored.iter().map(|b| b.cursor).collect();
    assert_eq!(
        cursors,
        (1..=stored.len() as u64).collect::<Vec<_>>(),
        "gap-free"
    );
    // Cursors continue after the restart.
    let next = reader.push(b"after restart").await.unwrap();
    assert_eq!(next.cursor, stored.len() as u64 + 1);
    reader.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_shuts_down_cleanly_and_restart_keeps_identity_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    for i in 0..10u8 {
        a.push(&[i; 32]).await.unwrap();
    }
    let b = connected(&secret, &[&relay]).await;
    let live = b.subscribe().await.unwrap();
    for _ in 0..10 {
        within(10, "backlog", live.next()).await.unwrap().unwrap();
    }

    let status = relay.terminate();
    assert!(
        status.success(),
        "relay exit status {status:?}\n{}",
        relay.log()
    );
    assert!(relay.log().contains("relay stopped"), "{}", relay.log());

    relay.restart();
    // The clients reconnect on their own: a push and a live receive after the restart.
    a.push(b"after restart").await.unwrap();
    let blob = within(20, "live after restart", live.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(blob.payload, b"after restart");
    assert_eq!(blob.cursor, 11);
    a.shutdown().await;
    b.shutdown().await;
}
