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

use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use zerok_core::GroupSecret;
use zerok_relay::{Relay, storage::Storage};

use common::{
    check_log, client, fresh_postgres, median, postgres_store, push_round, rate_list, relay_on,
    sqlite_store, summarize, write_figures,
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
        let (rate, acked) = push_round(&sqlite_clients, round, per_client, PAYLOAD).await;
        sqlite_rates.push(rate);
        sqlite_acked.extend(acked);
        let (rate, acked) = push_round(&pg_clients, round, per_client, PAYLOAD).await;
        pg_rates.push(rate);
        pg_acked.extend(acked);
    }
    for c in sqlite_clients.into_iter().chain(pg_clients) {
        c.shutdown().await;
    }
    let total = ROUNDS * CLIENTS * per_client;
    check_log(sqlite, sqlite_secret, &sqlite_acked, total).await;
    check_log(pg, pg_secret, &pg_acked, total).await;

    let (sqlite_list, pg_list) = (rate_list(&sqlite_rates), rate_list(&pg_rates));
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
