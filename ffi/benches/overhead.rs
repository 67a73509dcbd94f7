//! The Rust baseline of the call-overhead benchmark (the measurements are defined once, in
//! scripts/bench-overhead): the same two calls every language binding makes, made here
//! through the ffi crate's own Rust API, so the foreign figures' ratios to these isolate the
//! cost of crossing the language boundary.
//!
//! `cargo bench --locked -p zerok-sync-ffi --bench overhead` writes
//! target/bench/overhead-rust.json. The relay is a real `zerok relay` process, as for the
//! other languages (ZEROK_BIN, else target/release/zerok: build it first).

use std::{
    fs,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Instant,
};

use zerok_core::GroupSecret;
use zerok_sync_ffi::{SyncClient, SyncConfig, create_client};

const TRIVIAL_WARMUP: usize = 2_000;
const TRIVIAL_MIN_BATCH: usize = 10_000;
const PUSH_WARMUP: usize = 50;
const PUSH_MIN_BATCH: usize = 100;
const BATCHES: usize = 7;
const MIN_BATCH_SECS: f64 = 0.2;
/// Warm-up lasts at least this long too: JITs (the JVM's, V8's) settle after many more calls
/// than 2,000; every harness keeps the same rule.
const MIN_WARMUP_SECS: f64 = 1.0;
const PAYLOAD: usize = 64 * 1024;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A `zerok relay` child on 127.0.0.1 with its SQLite file in a temp dir; killed on drop.
struct Relay {
    child: Child,
    dir: PathBuf,
    addr: String,
}

impl Relay {
    fn start() -> Self {
        let bin = std::env::var_os("ZEROK_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join("target/release/zerok"));
        let dir = std::env::temp_dir().join(format!("zerok-overhead-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(&bin)
            .args(["relay", "--listen", "127.0.0.1:0", "--db"])
            .arg(dir.join("relay.db"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {} (cargo build --release): {e}", bin.display()));
        let mut addr = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut addr)
            .unwrap();
        let addr = addr.trim().to_owned();
        assert!(addr.contains('@'), "relay printed {addr:?}");
        Self { child, dir, addr }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A measurement: the calls per batch, and the per-call time (ns) of each batch.
struct Batches {
    calls: usize,
    ns: Vec<f64>,
}

/// At least `warmup` calls and MIN_WARMUP_SECS of them, then BATCHES batches of sequential
/// calls, each of at least `min_calls` calls and (by the warm-up's pace) MIN_BATCH_SECS.
async fn batches<F: Future<Output = ()>>(
    warmup: usize,
    min_calls: usize,
    mut call: impl FnMut() -> F,
) -> Batches {
    let start = Instant::now();
    let mut warmed = 0;
    while warmed < warmup || start.elapsed().as_secs_f64() < MIN_WARMUP_SECS {
        call().await;
        warmed += 1;
    }
    let pace = start.elapsed().as_secs_f64() / warmed as f64;
    let calls = min_calls.max((MIN_BATCH_SECS / pace).ceil() as usize);
    let mut ns = Vec::with_capacity(BATCHES);
    for _ in 0..BATCHES {
        let start = Instant::now();
        for _ in 0..calls {
            call().await;
        }
        ns.push(start.elapsed().as_nanos() as f64 / calls as f64);
    }
    Batches { calls, ns }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

async fn client(relay: &Relay, connect: bool) -> std::sync::Arc<SyncClient> {
    let config = SyncConfig {
        relay_addresses: vec![relay.addr.clone()],
        passphrase: None,
        secret_bytes: Some(GroupSecret::generate().expose().to_vec()),
        salt: None,
        kdf: None,
        device_name: None,
        ttl_secs: None,
        state_path: None,
        keep_alive_ms: None,
        idle_timeout_ms: None,
        connect_timeout_ms: None,
        request_timeout_ms: None,
        outbox_max_bytes: None,
    };
    let client = create_client(config).await.unwrap();
    if connect {
        client.connect().await.unwrap();
    }
    client
}

fn rustc_version() -> String {
    Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("-V")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map_or_else(|| "rustc (unknown)".to_owned(), |v| v.trim().to_owned())
}

fn list(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v:.1}")).collect();
    format!("[{}]", items.join(", "))
}

fn main() {
    // `cargo bench` passes --bench (and filters); this harness takes none.
    let relay = Relay::start();
    // The caller polls from a plain single-threaded executor, as a foreign event loop does.
    let caller = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (trivial, push) = caller.block_on(async {
        let idle = client(&relay, false).await;
        let trivial = batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH, || idle.disconnect()).await;
        let pusher = client(&relay, true).await;
        let payload = vec![0xA5u8; PAYLOAD];
        let push = batches(PUSH_WARMUP, PUSH_MIN_BATCH, || {
            let (pusher, payload) = (pusher.clone(), payload.clone());
            async move {
                pusher.push(payload).await.unwrap();
            }
        })
        .await;
        idle.shutdown().await;
        pusher.shutdown().await;
        (trivial, push)
    });

    let (trivial_ns, push_ns) = (median(&trivial.ns), median(&push.ns));
    let out = repo().join("target/bench");
    fs::create_dir_all(&out).unwrap();
    let json = format!(
        "{{\"language\": \"rust\", \"trivial_async_ns\": {trivial_ns:.1}, \"push_64k_ns\": \
         {push_ns:.1}, \"batches\": {{\"trivial_async_ns\": {}, \"push_64k_ns\": {}}}, \
         \"calls_per_batch\": {{\"trivial_async\": {}, \"push_64k\": {}}}, \
         \"runtime\": \"{}\"}}\n",
        list(&trivial.ns),
        list(&push.ns),
        trivial.calls,
        push.calls,
        rustc_version(),
    );
    fs::write(out.join("overhead-rust.json"), json).unwrap();
    println!(
        "rust: trivial async call {:.2} µs, 64 KiB push {:.1} µs (median of {BATCHES} batches)",
        trivial_ns / 1e3,
        push_ns / 1e3
    );
}
