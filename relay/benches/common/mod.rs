//! What the relay benchmarks share: a relay with SQLite in a temp dir (or on a PostgreSQL
//! database), connected clients, and
//! the baseline they are measured against in the same run, a raw iroh peer on loopback that
//! does the least a relay could (no protocol, no crypto, no storage).
//!
//! Each bench uses a part of this module.
#![allow(dead_code)]

use std::{
    collections::HashSet,
    path::Path,
    time::{Duration, Instant},
};

use iroh::{Endpoint, EndpointAddr, endpoint::Connection};
use zerok_core::{
    ClientConfig, GroupSecret, IrohTransport, Liveness, PushResult, SyncClient,
    transport::iroh::{bind_endpoint, client_transport_config, relay_transport_config},
};
use zerok_relay::{
    PairingLimits, Relay, RelayConfig,
    storage::{PostgresConfig, PostgresStorage, SqliteConfig, SqliteStorage, Storage},
};

pub const RAW_ALPN: &[u8] = b"bench/raw";

/// What a raw request asks of the raw peer (its first byte).
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Raw {
    /// Answer with one byte (a push's acknowledgement).
    Ack = b'A',
    /// Send the request back (a round trip).
    Echo = b'E',
    /// Answer with `pages` × `page` bytes (a pull), given as two u32 after the kind.
    Pages = b'P',
    /// Read the request to its end, however long, keeping none of it, then answer with one
    /// byte (an upload of any size).
    Sink = b'S',
}

/// A relay on 127.0.0.1 storing into `dir`, with durable (synchronous=FULL) commits, and rate
/// limits and quotas out of the way (criterion pushes gigabytes into one group).
pub async fn start_relay(dir: &Path) -> Relay<SqliteStorage> {
    relay_on(sqlite_store(dir)).await
}

/// SQLite in `dir`, durable, without a quota.
pub fn sqlite_store(dir: &Path) -> SqliteStorage {
    let storage_config = SqliteConfig {
        quota_bytes_per_group: u64::MAX,
        ..SqliteConfig::default()
    };
    SqliteStorage::open(&dir.join("bench.db"), storage_config).unwrap()
}

/// The PostgreSQL database at `url` (durable commits), without a quota: one node's store.
pub async fn postgres_store(url: &str) -> PostgresStorage {
    let config = PostgresConfig {
        quota_bytes_per_group: u64::MAX,
        ..PostgresConfig::default()
    };
    PostgresStorage::connect(url, config).await.unwrap()
}

/// A fresh database on the server `scripts/with-postgres` runs (`ZEROK_TEST_POSTGRES`).
pub async fn fresh_postgres() -> String {
    let server = std::env::var("ZEROK_TEST_POSTGRES").expect(
        "ZEROK_TEST_POSTGRES is unset: run through scripts/with-postgres (scripts/bench does)",
    );
    zerok_relay::storage::create_database(&server)
        .await
        .unwrap()
}

/// A relay on 127.0.0.1 over `storage`, rate limits (pairing look-ups too) out of the way.
pub async fn relay_on<S: Storage>(storage: S) -> Relay<S> {
    let config = RelayConfig {
        rate_per_sec: 1_000_000,
        rate_burst: 1_000_000,
        pairing: PairingLimits {
            joins_per_minute: 1_000_000,
            ..PairingLimits::default()
        },
        ..RelayConfig::default()
    };
    Relay::start(storage, config).await.unwrap()
}

/// A client of `secret`'s group, connected to `relay` over its own endpoint.
pub async fn client<S: Storage>(
    relay: &Relay<S>,
    secret: GroupSecret,
) -> SyncClient<IrohTransport> {
    let client = SyncClient::new(
        IrohTransport::loopback().await.unwrap(),
        ClientConfig::new(secret, vec![relay.addr()]),
    )
    .unwrap();
    client.connect().await.unwrap();
    client
}

/// One round of a fan-in: every client pushes `per_client` payloads of `size` bytes, one in
/// flight each, each numbered (its first 8 bytes) uniquely across rounds. Returns the rate
/// (acknowledged pushes per second) and the acknowledgements.
pub async fn push_round(
    clients: &[SyncClient<IrohTransport>],
    round: usize,
    per_client: usize,
    size: usize,
) -> (f64, Vec<PushResult>) {
    let start = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .enumerate()
        .map(|(c, client)| {
            let client = client.clone();
            let first = (round * clients.len() + c) * per_client;
            tokio::spawn(async move {
                let mut acks = Vec::new();
                for n in first..first + per_client {
                    let mut payload = vec![0u8; size];
                    payload[..8].copy_from_slice(&(n as u64).to_le_bytes());
                    acks.push(client.push(&payload).await.unwrap());
                }
                acks
            })
        })
        .collect();
    let mut acked = Vec::new();
    for task in tasks {
        acked.extend(task.await.unwrap());
    }
    let rate = (clients.len() * per_client) as f64 / start.elapsed().as_secs_f64();
    (rate, acked)
}

/// After a fan-in: every acknowledged push stored once under its cursor, cursors 1..=total,
/// every numbered payload once.
pub async fn check_log<S: Storage>(
    relay: &Relay<S>,
    secret: GroupSecret,
    acked: &[PushResult],
    total: usize,
) {
    let reader = client(relay, secret).await;
    let blobs = reader.pull_after(0).await.unwrap().blobs;
    let cursors: Vec<u64> = blobs.iter().map(|b| b.cursor).collect();
    assert_eq!(
        cursors,
        (1..=total as u64).collect::<Vec<_>>(),
        "cursors 1..={total}"
    );
    let pushed: HashSet<_> = acked.iter().map(|a| (a.cursor, a.blob_id)).collect();
    let stored: HashSet<_> = blobs.iter().map(|b| (b.cursor, b.blob_id)).collect();
    assert_eq!(
        pushed, stored,
        "every acknowledged push stored, under its cursor"
    );
    let numbers: HashSet<_> = blobs.iter().map(|b| b.payload[..8].to_vec()).collect();
    assert_eq!(numbers.len(), total, "every payload once");
    reader.shutdown().await;
}

/// The median of a few rounds' rates.
pub fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

/// Rates as a JSON list's items.
pub fn rate_list(rates: &[f64]) -> String {
    let items: Vec<_> = rates.iter().map(|r| format!("{r:.0}")).collect();
    items.join(", ")
}

/// The raw peer: one task per stream, answering as its request's first byte says.
pub async fn raw_server() -> (Endpoint, EndpointAddr) {
    let ep = bind_endpoint(
        "127.0.0.1:0".parse().unwrap(),
        vec![RAW_ALPN.to_vec()],
        None,
        relay_transport_config(),
    )
    .await
    .unwrap();
    let addr = EndpointAddr::new(ep.id()).with_ip_addr(ep.bound_sockets()[0]);
    let server = ep.clone();
    tokio::spawn(async move {
        while let Some(incoming) = server.accept().await {
            tokio::spawn(async move {
                let Ok(conn) = incoming.accept().unwrap().await else {
                    return;
                };
                while let Ok((mut send, mut recv)) = conn.accept_bi().await {
                    tokio::spawn(async move {
                        let mut kind = [0u8];
                        recv.read_exact(&mut kind).await.unwrap();
                        if kind[0] == Raw::Sink as u8 {
                            let mut buf = vec![0; 1 << 20];
                            while recv.read(&mut buf).await.unwrap().is_some() {}
                            send.write_all(&[1]).await.unwrap();
                            send.finish().unwrap();
                            return;
                        }
                        let rest = recv.read_to_end(16 << 20).await.unwrap();
                        let req = [&kind[..], &rest].concat();
                        match req[0] {
                            b'A' => send.write_all(&[1]).await.unwrap(),
                            b'E' => send.write_all(&req).await.unwrap(),
                            _ => {
                                let pages = u32::from_le_bytes(req[1..5].try_into().unwrap());
                                let page = vec![
                                    7u8;
                                    u32::from_le_bytes(req[5..9].try_into().unwrap())
                                        as usize
                                ];
                                for _ in 0..pages {
                                    send.write_all(&page).await.unwrap();
                                }
                            }
                        }
                        send.finish().unwrap();
                    });
                }
            });
        }
    });
    (ep, addr)
}

/// A fresh endpoint connected to the raw peer.
pub async fn raw_connect(addr: &EndpointAddr) -> (Endpoint, Connection) {
    let ep = bind_endpoint(
        "127.0.0.1:0".parse().unwrap(),
        vec![],
        None,
        client_transport_config(Liveness::DEFAULT),
    )
    .await
    .unwrap();
    let conn = ep.connect(addr.clone(), RAW_ALPN).await.unwrap();
    (ep, conn)
}

/// One request on its own stream (`body` after the kind byte); the answer's length.
pub async fn raw_request(conn: &Connection, kind: Raw, body: &[u8], reply_limit: usize) -> usize {
    let (mut send, mut recv) = conn.open_bi().await.unwrap();
    send.write_all(&[kind as u8]).await.unwrap();
    send.write_all(body).await.unwrap();
    send.finish().unwrap();
    recv.read_to_end(reply_limit).await.unwrap().len()
}

/// The body of a `Raw::Pages` request.
pub fn pages(pages: u32, page: u32) -> Vec<u8> {
    [pages.to_le_bytes(), page.to_le_bytes()].concat()
}

/// Percentiles of a set of durations.
pub struct Summary {
    pub p50: Duration,
    pub p99: Duration,
    pub mean: Duration,
}

pub fn summarize(mut samples: Vec<Duration>) -> Summary {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Summary {
        p50: at(0.50),
        p99: at(0.99),
        mean: samples.iter().sum::<Duration>() / samples.len() as u32,
    }
}

impl Summary {
    pub fn json(&self) -> String {
        format!(
            r#"{{"p50_us": {:.1}, "p99_us": {:.1}, "mean_us": {:.1}}}"#,
            self.p50.as_secs_f64() * 1e6,
            self.p99.as_secs_f64() * 1e6,
            self.mean.as_secs_f64() * 1e6
        )
    }
}

/// Writes `target/bench/<name>.json` (or under `$ZEROK_BENCH_OUT`) for scripts/bench's report.
pub fn write_figures(name: &str, json: &str) {
    let dir = std::env::var("ZEROK_BENCH_OUT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench").into());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(Path::new(&dir).join(format!("{name}.json")), json).unwrap();
    println!("{name}: {json}");
}
