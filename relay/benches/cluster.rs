//! The PostgreSQL backend and a cluster of relay nodes against one SQLite relay, in the same
//! run (issue 21's targets):
//! - 1 KiB pushes from 50 concurrent clients of one group through one relay on PostgreSQL vs
//!   the same through a relay on SQLite: three rounds of each, alternating, each figure the
//!   median of its rounds; afterwards both logs must hold every acknowledged push under
//!   gap-free cursors;
//! - push → live receive (64 B) from a device on node 1 to a device subscribed on node 2 of a
//!   two-node cluster on one PostgreSQL database vs both devices on one SQLite relay, one
//!   sample of each per step.
//!
//! Needs a PostgreSQL server: `scripts/with-postgres cargo bench -p zerok-relay --bench cluster`
//! (scripts/bench runs it so). Writes target/bench/cluster.json.

mod common;

use std::{
    collections::HashSet,
    time::{Duration, Instant},
};

use tokio::runtime::Runtime;
use zerok_core::{GroupSecret, IrohTransport, SyncClient};
use zerok_relay::{Relay, storage::Storage};

use common::{
    client, fresh_postgres, postgres_store, relay_on, sqlite_store, summarize, write_figures,
};

const CLIENTS: usize = 50;
const PUSHES_PER_CLIENT: usize = 400;
const ROUNDS: usize = 3;
const PAYLOAD: usize = 1024;
const WARMUP: usize = 100;
const SAMPLES: usize = 1000;

fn main() {
    // `cargo bench` passes `--bench`; anything else (cargo test --benches) is a smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let per_client = if full { PUSHES_PER_CLIENT } else { 4 };
    let samples = if full { SAMPLES } else { 20 };
    let rt = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    rt.block_on(async {
        let url = fresh_postgres().await;
        let sqlite = relay_on(sqlite_store(dir.path())).await;
        let node1 = relay_on(postgres_store(&url).await).await;
        let node2 = relay_on(postgres_store(&url).await).await;

        let fanin = fan_in(&sqlite, &node1, per_client).await;
        let live = live_across_nodes(&sqlite, &node1, &node2, samples).await;
        write_figures("cluster", &format!(r#"{{{fanin}, {live}}}"#));
        for relay in [node1, node2] {
            relay.shutdown().await;
        }
        sqlite.shutdown().await;
    });
}

/// 50 clients on each relay, rounds alternating SQLite and PostgreSQL.
async fn fan_in<A: Storage, B: Storage>(
    sqlite: &Relay<A>,
    pg: &Relay<B>,
    per_client: usize,
) -> String {
    let (sqlite_secret, pg_secret) = (GroupSecret::generate(), GroupSecret::generate());
    let mut sqlite_clients = Vec::new();
    let mut pg_clients = Vec::new();
    for _ in 0..CLIENTS {
        sqlite_clients.push(client(sqlite, sqlite_secret.clone()).await);
        pg_clients.push(client(pg, pg_secret.clone()).await);
    }
    let (mut sqlite_rates, mut pg_rates) = (Vec::new(), Vec::new());
    let (mut sqlite_acked, mut pg_acked) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (rate, acked) = push_round(&sqlite_clients, round, per_client).await;
        sqlite_rates.push(rate);
        sqlite_acked.extend(acked);
        let (rate, acked) = push_round(&pg_clients, round, per_client).await;
        pg_rates.push(rate);
        pg_acked.extend(acked);
    }
    for c in sqlite_clients.into_iter().chain(pg_clients) {
        c.shutdown().await;
    }
    let total = ROUNDS * CLIENTS * per_client;
    check_log(sqlite, sqlite_secret, &sqlite_acked, total).await;
    check_log(pg, pg_secret, &pg_acked, total).await;

    let list = |v: &[f64]| {
        v.iter()
            .map(|r| format!("{r:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (sqlite_list, pg_list) = (list(&sqlite_rates), list(&pg_rates));
    let ratios: Vec<f64> = pg_rates
        .iter()
        .zip(&sqlite_rates)
        .map(|(p, s)| p / s)
        .collect();
    let ratio_list = ratios
        .iter()
        .map(|r| format!("{r:.3}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (sqlite_rate, pg_rate) = (median(sqlite_rates), median(pg_rates));
    format!(
        r#""clients": {CLIENTS}, "rounds": {ROUNDS}, "pushes_per_round": {}, "sqlite_acked_per_sec": {sqlite_rate:.0}, "postgres_acked_per_sec": {pg_rate:.0}, "fanin_ratio": {:.3}, "round_sqlite_acked_per_sec": [{sqlite_list}], "round_postgres_acked_per_sec": [{pg_list}], "round_fanin_ratio": [{ratio_list}], "lost": 0, "cursors_gap_free": true"#,
        CLIENTS * per_client,
        pg_rate / sqlite_rate
    )
}

/// One round: every client pushes `per_client` numbered 1 KiB payloads, one in flight each.
async fn push_round(
    clients: &[SyncClient<IrohTransport>],
    round: usize,
    per_client: usize,
) -> (f64, Vec<zerok_core::PushResult>) {
    let start = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .enumerate()
        .map(|(c, client)| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut acks = Vec::new();
                for i in 0..per_client {
                    let n = (round * CLIENTS + c) * per_client + i;
                    let mut payload = [0u8; PAYLOAD];
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
    (
        (CLIENTS * per_client) as f64 / start.elapsed().as_secs_f64(),
        acked,
    )
}

/// Every acknowledged push stored once under its cursor, cursors 1..=total.
async fn check_log<S: Storage>(
    relay: &Relay<S>,
    secret: GroupSecret,
    acked: &[zerok_core::PushResult],
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
    reader.shutdown().await;
}

/// Push → live receive: on one SQLite relay vs from node 1 to node 2, interleaved.
async fn live_across_nodes<A: Storage, B: Storage>(
    sqlite: &Relay<A>,
    node1: &Relay<B>,
    node2: &Relay<B>,
    samples: usize,
) -> String {
    let (one, two) = (GroupSecret::generate(), GroupSecret::generate());
    let (a, b) = (client(sqlite, one.clone()).await, client(sqlite, one).await);
    let (c, d) = (client(node1, two.clone()).await, client(node2, two).await);
    let (b_live, d_live) = (b.subscribe().await.unwrap(), d.subscribe().await.unwrap());
    let (mut single, mut across) = (Vec::new(), Vec::new());
    for i in 0..WARMUP + samples {
        let payload = [i as u8; 64];
        let start = Instant::now();
        a.push(&payload).await.unwrap();
        assert_eq!(b_live.next().await.unwrap().unwrap().payload, payload);
        let one_relay = start.elapsed();

        let start = Instant::now();
        c.push(&payload).await.unwrap();
        assert_eq!(d_live.next().await.unwrap().unwrap().payload, payload);
        if i >= WARMUP {
            single.push(one_relay);
            across.push(start.elapsed());
        }
    }
    for client in [a, b, c, d] {
        client.shutdown().await;
    }
    let (single, across) = (summarize(single), summarize(across));
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    format!(
        r#""live_single_sqlite_64B": {}, "live_across_nodes_64B": {}, "live_p50_ratio": {:.2}, "live_p99_ratio": {:.2}"#,
        single.json(),
        across.json(),
        ratio(across.p50, single.p50),
        ratio(across.p99, single.p99),
    )
}

fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}
