//! Durable enqueues of 1 KiB payloads against the device disk's raw fsync'd append rate,
//! measured in the same run on the same file system:
//! - ours: `SyncClient::enqueue` (seal, then a commit to the outbox with synchronous=FULL)
//!   from `WRITERS` concurrent tasks of one client;
//! - raw: the same tasks handing 1 KiB records to a thread that appends everything queued to a
//!   file and fdatasyncs it before answering (group commit, as the outbox and relay do).
//!
//! Rounds alternate raw and ours, so both see the same machine. `cargo bench --workspace
//! --bench outbox` (plain harness). Writes target/bench/outbox.json.

use std::{
    io::Write,
    path::Path,
    sync::{Arc, mpsc},
    time::Instant,
};

use tokio::{sync::oneshot, task::JoinSet};
use zerok_core::{ClientConfig, GroupSecret, IrohTransport, RelayAddr, SyncClient};

const WRITERS: usize = 64;
const PER_WRITER: usize = 250;
const ROUNDS: usize = 3;
const PAYLOAD: usize = 1024;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let per_writer = if full { PER_WRITER } else { 10 };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (mut raw, mut ours) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir_in(bench_dir()).unwrap();
        raw.push(rt.block_on(raw_appends(dir.path(), per_writer)));
        ours.push(rt.block_on(enqueues(dir.path(), per_writer)));
        println!(
            "round {round}: raw {:.0}/s, enqueue {:.0}/s",
            raw[round], ours[round]
        );
    }
    let ratios: Vec<f64> = ours.iter().zip(&raw).map(|(o, r)| o / r).collect();
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let list = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    std::fs::write(
        bench_dir().join("outbox.json"),
        format!(
            r#"{{"writers": {WRITERS}, "payload_bytes": {PAYLOAD}, "enqueue_per_sec": {:.0}, "raw_append_per_sec": {:.0}, "ratio": {:.2}, "round_enqueue_per_sec": [{}], "round_raw_per_sec": [{}], "round_ratios": [{}]}}"#,
            median(&ours),
            median(&raw),
            median(&ratios),
            list(&ours),
            list(&raw),
            ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    )
    .unwrap();
}

/// target/bench: the benchmark figures, on the disk the workspace lives on.
fn bench_dir() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Enqueues per second through a client whose outbox is in `dir`.
async fn enqueues(dir: &Path, per_writer: usize) -> f64 {
    // Never connected: a relay address nobody listens on.
    let relay: RelayAddr = format!("{}@127.0.0.1:9", hex::encode([1u8; 32]))
        .parse()
        .unwrap();
    let mut config = ClientConfig::new(GroupSecret::generate(), vec![relay]);
    config.state_path = Some(dir.join("state.json"));
    let transport = IrohTransport::loopback().await.unwrap();
    let client = SyncClient::new(transport, config).unwrap();
    let started = Instant::now();
    let mut writers = JoinSet::new();
    for w in 0..WRITERS {
        let client = client.clone();
        writers.spawn(async move {
            let payload = vec![w as u8; PAYLOAD];
            for _ in 0..per_writer {
                client.enqueue(&payload).await.unwrap();
            }
        });
    }
    while let Some(done) = writers.join_next().await {
        done.unwrap();
    }
    let rate = (WRITERS * per_writer) as f64 / started.elapsed().as_secs_f64();
    assert_eq!(client.pending().blob_ids.len(), WRITERS * per_writer);
    client.shutdown().await;
    rate
}

/// Appends per second of 1 KiB records to a file, fdatasync'd per batch.
async fn raw_appends(dir: &Path, per_writer: usize) -> f64 {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("raw.log"))
        .unwrap();
    let (tx, rx) = mpsc::channel::<(Vec<u8>, oneshot::Sender<()>)>();
    let writer = std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            batch.extend(rx.try_iter());
            let bytes: Vec<u8> = batch.iter().flat_map(|(r, _)| r.iter().copied()).collect();
            file.write_all(&bytes).unwrap();
            file.sync_data().unwrap();
            for (_, done) in batch {
                let _ = done.send(());
            }
        }
    });
    let tx = Arc::new(std::sync::Mutex::new(tx));
    let started = Instant::now();
    let mut writers = JoinSet::new();
    for w in 0..WRITERS {
        let tx = tx.clone();
        writers.spawn(async move {
            for _ in 0..per_writer {
                // A length prefix, as any log needs to find its records again.
                let mut record = (PAYLOAD as u32).to_be_bytes().to_vec();
                record.extend(std::iter::repeat_n(w as u8, PAYLOAD));
                let (done, appended) = oneshot::channel();
                tx.lock().unwrap().send((record, done)).unwrap();
                appended.await.unwrap();
            }
        });
    }
    while let Some(done) = writers.join_next().await {
        done.unwrap();
    }
    let rate = (WRITERS * per_writer) as f64 / started.elapsed().as_secs_f64();
    drop(tx);
    writer.join().unwrap();
    rate
}
