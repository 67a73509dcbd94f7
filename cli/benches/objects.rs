//! Large objects as users move them: `zerok push FILE` and `zerok pull --out DIR` of a 1 GiB
//! file, each device a process of its own, through a `zerok relay` process that commits every
//! chunk durably (SQLite, synchronous=FULL):
//! - throughput: the object's bytes over the wall time of each command (process start and
//!   connect included), against a raw iroh stream moving the same bytes over loopback in the
//!   same run (`bench/raw`: one stream into a sink for the push, one from a source for the
//!   pull; no protocol, no crypto, no storage). Rounds alternate baseline and figure.
//! - peak memory (VmHWM) of each device process and of the relay process.
//! - resume: the relay killed with SIGKILL once half of the object is stored and restarted on
//!   the same database; the bytes it stores after the restart, over the object's.
//!
//! `cargo bench --workspace --bench objects` (plain harness; 1 GiB, 3 rounds). Without
//! `--bench` (a test run) 64 MiB and one round. Writes target/bench/objects.json.

mod common;
#[path = "../tests/common/mod.rs"]
mod harness;
#[path = "../../relay/benches/common/mod.rs"]
mod raw;

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use common::write_figures;
use harness::{RelayProc, ZEROK, metric, status_kib, write_data};
use raw::{Raw, raw_connect, raw_server};
use zerok_core::crypto::{CHUNK_SIZE, ObjectLayout};

const GIB: u64 = 1 << 30;
const CHUNKS_IN: &str = "zerok_chunk_envelope_bytes_total{dir=\"in\"}";

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (size, rounds) = if full { (GIB, 3) } else { (64 << 20, 1) };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let quota = (8 * GIB).to_string();
    let mut relay = RelayProc::start(
        dir.path(),
        &["--quota-bytes", &quota, "--http-listen", "127.0.0.1:0"],
    );
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    group(&relay, &a, &b);
    let file = dir.path().join("object.bin");
    write_data(&file, size, 0x9E37_79B9_7F4A_7C15);
    let out = dir.path().join("out");

    let (raw_ep, raw_addr) = rt.block_on(raw_server());
    let mut push = Vec::new();
    let mut pull = Vec::new();
    let (mut device_push_kib, mut device_pull_kib) = (0, 0);
    for round in 1..=rounds {
        let raw_push = rt.block_on(raw_upload(&raw_addr, size));
        let (took, peak) = timed(&a, &["push", file.to_str().unwrap()]);
        device_push_kib = device_push_kib.max(peak);
        push.push((rate(size, raw_push), rate(size, took)));

        let raw_pull = rt.block_on(raw_download(&raw_addr, size));
        std::fs::create_dir_all(&out).unwrap();
        let (took, peak) = timed(&b, &["pull", "--out", out.to_str().unwrap()]);
        device_pull_kib = device_pull_kib.max(peak);
        assert_eq!(
            std::fs::metadata(out.join("object.bin")).unwrap().len(),
            size
        );
        std::fs::remove_dir_all(&out).unwrap();
        pull.push((rate(size, raw_pull), rate(size, took)));
        eprintln!(
            "round {round}: push {:?}, pull {:?}",
            push.last(),
            pull.last()
        );
    }
    let relay_kib = status_kib(relay.pid(), "VmHWM").unwrap();

    // Resume: kill the relay once half the object is stored, restart it, let the push finish.
    let stored = ObjectLayout::new(size, CHUNK_SIZE).unwrap().stored_bytes() as f64;
    relay.restart();
    let mut pushing = zerok(&a, &["push", file.to_str().unwrap()])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while metric(relay.http_addr(), CHUNKS_IN) < stored / 2.0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    relay.kill();
    relay.restart();
    assert!(pushing.wait().unwrap().success(), "the push resumed");
    let again = metric(relay.http_addr(), CHUNKS_IN) / stored;
    rt.block_on(raw_ep.close());

    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let figures = |rounds: &[(f64, f64)]| {
        let mut ratios: Vec<f64> = rounds.iter().map(|(raw, ours)| ours / raw).collect();
        let mut ours: Vec<f64> = rounds.iter().map(|r| r.1).collect();
        let mut raw: Vec<f64> = rounds.iter().map(|r| r.0).collect();
        format!(
            r#"{{"mb_per_sec": {:.1}, "raw_mb_per_sec": {:.1}, "ratio": {:.3}, "round_ratios": {:?}}}"#,
            median(&mut ours),
            median(&mut raw),
            median(&mut ratios.clone()),
            {
                ratios
                    .iter_mut()
                    .for_each(|r| *r = (*r * 1000.0).round() / 1000.0);
                ratios
            }
        )
    };
    let json = format!(
        r#"{{"bytes": {size}, "rounds": {rounds}, "push": {}, "pull": {}, "device_push_peak_kib": {device_push_kib}, "device_pull_peak_kib": {device_pull_kib}, "relay_peak_kib": {relay_kib}, "resume_sent_again": {again:.3}}}"#,
        figures(&push),
        figures(&pull),
    );
    eprintln!("{json}");
    write_figures("objects", &json);
}

/// `zerok --home <home> <args>`, quiet.
fn zerok(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(ZEROK);
    cmd.arg("--home")
        .arg(home)
        .args(args)
        .env("RUST_LOG", "warn");
    cmd
}

fn output(home: &Path, args: &[&str]) -> String {
    let out = zerok(home, args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `a` creates a group on the relay, `b` joins it.
fn group(relay: &RelayProc, a: &Path, b: &Path) {
    output(a, &["init", "--relay", &relay.addr.to_string()]);
    let invite = output(a, &["invite"]);
    output(b, &["join", invite.trim()]);
}

/// Runs a command to its end; its wall time and peak resident set (KiB).
fn timed(home: &Path, args: &[&str]) -> (Duration, u64) {
    let started = Instant::now();
    let mut child = zerok(home, args).stdout(Stdio::null()).spawn().unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(status_kib(child.id(), "VmHWM").unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = started.elapsed();
    assert!(child.wait().unwrap().success(), "zerok {args:?}");
    (took, peak)
}

fn rate(bytes: u64, took: Duration) -> f64 {
    bytes as f64 / took.as_secs_f64() / 1e6
}

/// The baseline of a push: `size` bytes into a raw iroh stream, in 1 MiB writes, until the
/// peer has read them all.
async fn raw_upload(addr: &iroh::EndpointAddr, size: u64) -> Duration {
    let (ep, conn) = raw_connect(addr).await;
    let block = vec![7u8; 1 << 20];
    let started = Instant::now();
    let (mut send, mut recv) = conn.open_bi().await.unwrap();
    send.write_all(&[Raw::Sink as u8]).await.unwrap();
    for _ in 0..size / block.len() as u64 {
        send.write_all(&block).await.unwrap();
    }
    send.finish().unwrap();
    recv.read_to_end(1).await.unwrap();
    let took = started.elapsed();
    ep.close().await;
    took
}

/// The baseline of a pull: `size` bytes out of a raw iroh stream.
async fn raw_download(addr: &iroh::EndpointAddr, size: u64) -> Duration {
    let (ep, conn) = raw_connect(addr).await;
    let started = Instant::now();
    let page = 1u32 << 20;
    let (mut send, mut recv) = conn.open_bi().await.unwrap();
    send.write_all(&[Raw::Pages as u8]).await.unwrap();
    send.write_all(&raw::pages((size / u64::from(page)) as u32, page))
        .await
        .unwrap();
    send.finish().unwrap();
    let (mut buf, mut got) = (vec![0; 1 << 20], 0u64);
    while let Some(n) = recv.read(&mut buf).await.unwrap() {
        got += n as u64;
    }
    assert_eq!(got, size);
    let took = started.elapsed();
    ep.close().await;
    took
}
