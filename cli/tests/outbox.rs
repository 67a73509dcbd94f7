//! The offline-first client against real relay processes: the outbox across a SIGKILL of the
//! app, events for connections and failover, and subscription tickets (at least once by
//! acknowledgement).

mod common;

use std::{
    collections::HashSet,
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::Arc,
};

use common::{RelayProc, client_with, config, connected, payloads, within};
use zerok_core::{GroupSecret, SyncEvent};

const CHILD_STATE: &str = "ZEROK_TEST_OUTBOX_STATE";
const CHILD_RELAY: &str = "ZEROK_TEST_OUTBOX_RELAY";
const CHILD_SECRET: &str = "ZEROK_TEST_OUTBOX_SECRET";
const BLOBS: usize = 200;

fn payload(i: usize) -> Vec<u8> {
    format!("offline {i}").into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueued_blobs_survive_a_sigkill_of_the_app_and_arrive_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    relay.kill(); // the device is offline while it enqueues
    let secret = GroupSecret::generate();
    let state = dir.path().join("device.json");

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "enqueue_child", "--ignored", "--nocapture"])
        .env(CHILD_STATE, &state)
        .env(CHILD_RELAY, relay.addr.to_string())
        .env(CHILD_SECRET, hex::encode(secret.expose()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut enqueued = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        if let Some(id) = line.unwrap().strip_prefix("enqueued ") {
            enqueued.push(id.to_owned());
            if enqueued.len() == BLOBS {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL, the moment the last enqueue returned
    child.wait().unwrap();
    assert_eq!(enqueued.len(), BLOBS, "the app stopped early");

    relay.restart();
    let mut device_config = config(&secret, &[&relay]);
    device_config.state_path = Some(state);
    let device = client_with(device_config).await;
    let pending: Vec<_> = device.pending().blob_ids.iter().map(hex::encode).collect();
    assert_eq!(
        pending, enqueued,
        "the outbox kept every enqueued blob, in order"
    );
    let events = device.events();
    device.connect().await.unwrap();
    within(60, "flush", device.flush(None)).await.unwrap();
    let mut sent = Vec::new();
    while sent.len() < BLOBS {
        match within(10, "outbox events", events.next()).await.unwrap() {
            SyncEvent::OutboxSent {
                blob_id, pending, ..
            } => {
                assert_eq!(pending as usize, BLOBS - sent.len() - 1);
                sent.push(hex::encode(blob_id));
            }
            SyncEvent::Connected { .. } => {}
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert_eq!(sent, enqueued, "one OutboxSent per blob, in enqueue order");

    let reader = connected(&secret, &[&relay]).await;
    let got = reader.pull().await.unwrap();
    let expected: Vec<_> = (0..BLOBS).map(payload).collect();
    assert_eq!(payloads(&got.blobs), expected, "each blob once, in order");
    let ids: Vec<_> = got.blobs.iter().map(|b| hex::encode(b.blob_id)).collect();
    assert_eq!(ids, enqueued);
    for client in [device, reader] {
        client.shutdown().await;
    }
}

/// The app of the test above: enqueues until it is killed, saying so after each enqueue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "helper process for enqueued_blobs_survive_a_sigkill_of_the_app_and_arrive_once_in_order"]
async fn enqueue_child() {
    let Some(state) = std::env::var_os(CHILD_STATE) else {
        return;
    };
    let relay = std::env::var(CHILD_RELAY).unwrap().parse().unwrap();
    let secret = hex::decode(std::env::var(CHILD_SECRET).unwrap()).unwrap();
    let mut config =
        zerok_core::ClientConfig::new(GroupSecret::from_slice(&secret).unwrap(), vec![relay]);
    config.state_path = Some(state.into());
    let client = client_with(config).await;
    for i in 0..BLOBS {
        let id = client.enqueue(&payload(i)).await.unwrap();
        println!("enqueued {}", hex::encode(id));
    }
    // Alive, enqueuing nothing more, until the SIGKILL: an enqueue after the last one the
    // parent read could commit before the kill lands and be (rightly) kept.
    std::future::pending::<()>().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_report_connections_failover_and_the_end() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut r1 = RelayProc::start(d1.path(), &[]);
    let r2 = RelayProc::start(d2.path(), &[]);
    let secret = GroupSecret::generate();
    let client = client_with(config(&secret, &[&r1, &r2])).await;
    let events = client.events();
    client.connect().await.unwrap();
    let next = || within(20, "an event", events.next());
    assert_eq!(
        next().await,
        Some(SyncEvent::Connected {
            relay: r1.addr.clone()
        })
    );

    // Nobody calls: the client notices the dead relay and moves to the next by itself.
    r1.kill();
    assert!(matches!(
        next().await,
        Some(SyncEvent::Disconnected { relay, .. }) if relay == r1.addr
    ));
    assert_eq!(
        next().await,
        Some(SyncEvent::Failover {
            from: r1.addr.clone(),
            to: r2.addr.clone()
        })
    );
    assert_eq!(
        next().await,
        Some(SyncEvent::Connected {
            relay: r2.addr.clone()
        })
    );
    assert_eq!(client.active_relay(), Some(r2.addr.clone()));

    // Shutdown reports the end of the session, then ends the stream.
    client.shutdown().await;
    assert!(matches!(
        next().await,
        Some(SyncEvent::Disconnected { relay, reason }) if relay == r2.addr && reason.contains("shut down")
    ));
    assert_eq!(next().await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_not_taken_is_handed_out_again_and_each_is_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let (a, b) = (
        connected(&secret, &[&relay]).await,
        connected(&secret, &[&relay]).await,
    );
    let live = b.subscribe().await.unwrap();
    a.push(b"first").await.unwrap();

    // A reader that got a ticket and went away (as a cancelled foreign call does).
    let abandoned = within(10, "a ticket", live.receive()).await.unwrap();
    assert_eq!(b.current_cursor(), 0, "nothing taken, nothing committed");
    let again = within(10, "the same ticket", live.receive()).await.unwrap();
    assert_eq!(again, abandoned);
    let blob = live.take(again).unwrap().unwrap();
    assert_eq!(blob.payload, b"first");
    assert!(live.take(abandoned).is_none(), "taken once");
    assert_eq!(b.current_cursor(), blob.cursor);

    // Four readers of one subscription: every blob exactly once between them.
    let live = Arc::new(live);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (live, tx) = (live.clone(), tx.clone());
            tokio::spawn(async move {
                while let Some(item) = live.next().await {
                    tx.send(item.unwrap().payload).unwrap();
                }
            })
        })
        .collect();
    drop(tx);
    let sent: Vec<_> = (0..200).map(|i| format!("blob {i}").into_bytes()).collect();
    for p in &sent {
        a.push(p).await.unwrap();
    }
    let mut got = HashSet::new();
    while got.len() < sent.len() {
        let payload = within(20, "every blob", rx.recv()).await.unwrap();
        assert!(got.insert(payload), "a blob taken twice");
    }
    live.close();
    for reader in readers {
        reader.await.unwrap();
    }
    assert_eq!(
        rx.recv().await,
        None,
        "nothing more after every blob was taken once"
    );
    assert_eq!(got, sent.into_iter().collect());
    for client in [a, b] {
        client.shutdown().await;
    }
}
