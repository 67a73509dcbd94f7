//! One push reaching many subscribers: 1,000 devices of one group subscribed live through a
//! `zerok relay` process on loopback, one more device pushing 1 KiB blobs one at a time;
//! for every push, the time from the push call to each subscriber's decrypted blob. The
//! baseline, in the same run, is the same push reaching a single subscriber.
//!
//! `cargo bench --workspace --bench fanout` (plain harness). Writes target/bench/fanout.json.

mod common;
#[path = "../tests/common/mod.rs"]
mod harness;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use common::{cpu_ns, write_figures};
use harness::RelayProc;
use tokio::{
    sync::{Semaphore, mpsc},
    task::JoinSet,
};
use zerok_core::{ClientConfig, GroupSecret, IrohTransport, SyncClient};

const SUBSCRIBERS: usize = 1000;
const PUSHES: usize = 20;

type Client = SyncClient<IrohTransport>;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (subscribers, pushes) = if full { (SUBSCRIBERS, PUSHES) } else { (20, 3) };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (one, many) = rt.block_on(async {
        let relay = RelayProc::start(dir.path(), &[]);
        let one = fan_out(&relay, 1, pushes).await;
        let many = fan_out(&relay, subscribers, pushes).await;
        (one, many)
    });
    println!("1 subscriber: {one:?}\n{subscribers} subscribers: {many:?}");
    write_figures(
        "fanout",
        &format!(
            r#"{{"subscribers": {subscribers}, "pushes": {pushes}, "one": {}, "many": {}}}"#,
            one.json(),
            many.json()
        ),
    );
}

/// The delays of every (push, subscriber) pair, and the CPU one push cost.
#[derive(Debug)]
struct FanOut {
    p50: Duration,
    p99: Duration,
    max: Duration,
    /// The relay's CPU time per push, and the simulated devices' (this process's): they
    /// share the machine's cores.
    relay_cpu: Duration,
    devices_cpu: Duration,
}

impl FanOut {
    fn json(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!(
            r#"{{"p50_ms": {:.2}, "p99_ms": {:.2}, "max_ms": {:.2}, "relay_cpu_ms_per_push": {:.2}, "devices_cpu_ms_per_push": {:.2}}}"#,
            ms(self.p50),
            ms(self.p99),
            ms(self.max),
            ms(self.relay_cpu),
            ms(self.devices_cpu)
        )
    }
}

/// `subscribers` devices subscribed, then `pushes` pushes one after another, each only once
/// every subscriber has the one before.
async fn fan_out(relay: &RelayProc, subscribers: usize, pushes: usize) -> FanOut {
    let secret = GroupSecret::generate();
    let pusher = client(relay, &secret).await;
    // Each subscriber reports when it got which push (its payload is the push's index).
    let (tx, mut rx) = mpsc::unbounded_channel::<(u8, Instant)>();
    let mut devices = JoinSet::new();
    let mut opened = 0;
    // Handshakes a few dozen at a time, as devices coming online would.
    let dialing = Arc::new(Semaphore::new(32));
    for _ in 0..subscribers {
        let (secret, addr, tx) = (secret.clone(), relay.addr.clone(), tx.clone());
        let dialing = dialing.clone();
        devices.spawn(async move {
            let permit = dialing.acquire_owned().await.unwrap();
            let client = client_at(addr, &secret).await;
            let live = Arc::new(client.subscribe().await.unwrap());
            drop(permit);
            tx.send((u8::MAX, Instant::now())).unwrap(); // subscribed
            for _ in 0..pushes {
                let blob = live.next().await.unwrap().unwrap();
                tx.send((blob.payload[0], Instant::now())).unwrap();
            }
            client.shutdown().await;
        });
    }
    while opened < subscribers {
        let (mark, _) = rx.recv().await.unwrap();
        assert_eq!(mark, u8::MAX);
        opened += 1;
    }
    // The relay opens each stream when its Subscribe arrives: give the last ones a moment.
    tokio::time::sleep(Duration::from_secs(2)).await;

    let mut delays = Vec::with_capacity(subscribers * pushes);
    let (relay_cpu, own_cpu) = (cpu_ns(relay.pid()), cpu_ns(std::process::id()));
    for push in 0..pushes as u8 {
        let payload = vec![push; 1024];
        let started = Instant::now();
        pusher.push(&payload).await.unwrap();
        for _ in 0..subscribers {
            let (index, at) = rx.recv().await.unwrap();
            assert_eq!(index, push, "blobs arrive in push order");
            delays.push(at - started);
        }
    }
    let per_push = |ns: u64| Duration::from_nanos(ns / pushes as u64);
    let relay_cpu = per_push(cpu_ns(relay.pid()) - relay_cpu);
    let devices_cpu = per_push(cpu_ns(std::process::id()) - own_cpu);
    while devices.join_next().await.is_some() {}
    pusher.shutdown().await;
    delays.sort();
    let at = |q: f64| delays[((delays.len() as f64 * q) as usize).min(delays.len() - 1)];
    FanOut {
        p50: at(0.50),
        p99: at(0.99),
        max: *delays.last().unwrap(),
        relay_cpu,
        devices_cpu,
    }
}

async fn client(relay: &RelayProc, secret: &GroupSecret) -> Client {
    client_at(relay.addr.clone(), secret).await
}

async fn client_at(addr: zerok_core::RelayAddr, secret: &GroupSecret) -> Client {
    let transport = IrohTransport::loopback().await.unwrap();
    let client = SyncClient::new(transport, ClientConfig::new(secret.clone(), vec![addr])).unwrap();
    client.connect().await.unwrap();
    client
}
