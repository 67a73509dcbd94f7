//! What idle devices cost a relay: N devices connected and subscribed, doing nothing, at the
//! default liveness (keep-alive 3 s, idle timeout 10 s), at the mobile one (25 s, 75 s), and
//! at the 1 s keep-alive of earlier releases for comparison. The relay is a `zerok relay`
//! process of its own, so its memory and CPU are its alone:
//! - memory per session: the growth of the relay's resident set from N/2 to N sessions,
//!   divided by N/2 (fixed costs and the allocator's first arenas stay out of it);
//! - CPU per idle device and second: the relay's CPU time (all threads, from
//!   /proc/<pid>/task/*/schedstat, in ns) over a window of three keep-alive intervals,
//!   divided by N and the window.
//!
//! `cargo bench --workspace --bench idle` (plain harness). Writes target/bench/idle.json.

mod common;
#[path = "../tests/common/mod.rs"]
mod harness;

use std::{
    path::Path,
    sync::Arc,
    time::{Duration, Instant},
};

use common::{cpu_ns, write_figures};
use harness::{RelayProc, status_kib};
use tokio::task::JoinSet;
use zerok_core::{ClientConfig, GroupSecret, IrohTransport, Liveness, Subscription, SyncClient};

const DEVICES: usize = 500;

type Client = SyncClient<IrohTransport>;

struct Setting {
    name: &'static str,
    liveness: Liveness,
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let devices = if full { DEVICES } else { 20 };
    let settings = [
        Setting {
            name: "default",
            liveness: Liveness::DEFAULT,
        },
        Setting {
            name: "mobile",
            liveness: Liveness::MOBILE,
        },
        Setting {
            name: "keep-alive 1 s (before)",
            liveness: Liveness {
                keep_alive: Duration::from_secs(1),
                idle_timeout: Duration::from_secs(5),
            },
        },
    ];
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut rows = Vec::new();
    for setting in &settings {
        let dir = tempfile::tempdir().unwrap();
        let row = rt.block_on(measure(dir.path(), setting, devices, full));
        println!("{row}");
        rows.push(row);
    }
    write_figures(
        "idle",
        &format!(
            r#"{{"devices": {devices}, "settings": [{}]}}"#,
            rows.join(", ")
        ),
    );
}

async fn measure(dir: &Path, setting: &Setting, devices: usize, full: bool) -> String {
    let relay = RelayProc::start(dir, &[]);
    let pid = relay.pid();
    let secret = GroupSecret::generate();
    let half = devices / 2;
    let mut idle = connect(&relay, &secret, setting.liveness, half).await;
    settle().await;
    let rss_half = status_kib(pid, "VmRSS").unwrap();
    idle.extend(connect(&relay, &secret, setting.liveness, devices - half).await);
    settle().await;
    let rss_full = status_kib(pid, "VmRSS").unwrap();
    let per_session_kib = (rss_full - rss_half) as f64 / (devices - half) as f64;

    // Three keep-alive intervals, so every device sent its keep-alives a few times over.
    let window = if full {
        (setting.liveness.keep_alive * 3).max(Duration::from_secs(10))
    } else {
        Duration::from_secs(2)
    };
    let (cpu_before, udp_before, started) = (cpu_ns(pid), udp_datagrams(), Instant::now());
    tokio::time::sleep(window).await;
    let (cpu_ns_used, elapsed) = (cpu_ns(pid) - cpu_before, started.elapsed());
    let per_device_sec = |x: f64| x / devices as f64 / elapsed.as_secs_f64();
    let us_per_device_sec = per_device_sec(cpu_ns_used as f64 / 1e3);
    // Both directions: every datagram on loopback is received once, by the relay or a device.
    let datagrams_per_device_sec = per_device_sec((udp_datagrams() - udp_before) as f64);
    // Every device is still connected: an idle timeout too short for the keep-alive would
    // have dropped them.
    let connected = idle.iter().filter(|(c, _)| c.is_connected()).count();
    assert_eq!(connected, devices, "{} dropped idle devices", setting.name);
    for (client, live) in idle {
        live.close();
        client.shutdown().await;
    }
    format!(
        r#"{{"name": "{}", "keep_alive_ms": {}, "idle_timeout_ms": {}, "rss_per_session_kib": {per_session_kib:.1}, "cpu_us_per_device_sec": {us_per_device_sec:.2}, "datagrams_per_device_sec": {datagrams_per_device_sec:.3}, "window_s": {:.1}}}"#,
        setting.name,
        setting.liveness.keep_alive.as_millis(),
        setting.liveness.idle_timeout.as_millis(),
        elapsed.as_secs_f64(),
    )
}

/// `n` devices of one group, connected and subscribed (the relay holds a session and a live
/// subscription for each), connected a few at a time.
async fn connect(
    relay: &RelayProc,
    secret: &GroupSecret,
    liveness: Liveness,
    n: usize,
) -> Vec<(Client, Arc<Subscription>)> {
    let mut set = JoinSet::new();
    let mut out = Vec::new();
    for _ in 0..n {
        let mut config = ClientConfig::new(secret.clone(), vec![relay.addr.clone()]);
        config.liveness = liveness;
        set.spawn(async move {
            let transport = IrohTransport::loopback().await.unwrap();
            let client = SyncClient::new(transport, config).unwrap();
            client.connect().await.unwrap();
            let live = Arc::new(client.subscribe().await.unwrap());
            // The stream opens when the relay answers its first read: wait for none (no
            // blobs), just long enough for the request to be on the wire.
            (client, live)
        });
        if set.len() >= 16 {
            out.push(set.join_next().await.unwrap().unwrap());
        }
    }
    while let Some(done) = set.join_next().await {
        out.push(done.unwrap());
    }
    out
}

/// Lets subscriptions open and allocations settle before a measurement.
async fn settle() {
    tokio::time::sleep(Duration::from_secs(2)).await;
}

/// UDP datagrams received in this network namespace so far (/proc/net/snmp).
fn udp_datagrams() -> u64 {
    let snmp = std::fs::read_to_string("/proc/net/snmp").unwrap();
    let mut udp = snmp.lines().filter(|l| l.starts_with("Udp:"));
    let (names, values) = (udp.next().unwrap(), udp.next().unwrap());
    let column = names
        .split_whitespace()
        .position(|n| n == "InDatagrams")
        .unwrap();
    values
        .split_whitespace()
        .nth(column)
        .unwrap()
        .parse()
        .unwrap()
}
