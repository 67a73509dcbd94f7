//! 1 KiB pushes from 50 concurrent clients of one group (each its own endpoint and session,
//! one push in flight each) through a relay with durable commits, against 50 raw iroh
//! connections sending 1 KiB requests to a peer that only acknowledges them, in the same run:
//! three rounds of each, alternating, each figure the median of its rounds (every round's rate
//! is written too). Afterwards a fresh device pulls the group: every acknowledged push must be
//! there once, under gap-free cursors 1..=n.
//!
//! `cargo bench -p zerok-relay --bench fanin` (a plain harness: the figure is a rate over a
//! fixed amount of work, and the check needs that work). Writes target/bench/fanin.json.

mod common;

use std::time::Instant;

use tokio::runtime::Runtime;
use zerok_core::GroupSecret;

use common::{
    Raw, check_log, client, median, push_round, rate_list, raw_connect, raw_request, raw_server,
    start_relay, write_figures,
};

const CLIENTS: usize = 50;
const PUSHES_PER_CLIENT: usize = 400;
const ROUNDS: usize = 3;
const PAYLOAD: usize = 1024;

fn main() {
    // `cargo bench` passes `--bench`; anything else (cargo test --benches) is a smoke run.
    let per_client = if std::env::args().any(|a| a == "--bench") {
        PUSHES_PER_CLIENT
    } else {
        4
    };
    let per_round = CLIENTS * per_client;
    let rt = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    rt.block_on(async {
        let relay = start_relay(dir.path()).await;
        let (server, addr) = raw_server().await;
        let mut raw = Vec::new();
        for _ in 0..CLIENTS {
            raw.push(raw_connect(&addr).await);
        }
        let secret = GroupSecret::generate();
        let mut clients = Vec::new();
        for _ in 0..CLIENTS {
            clients.push(client(&relay, secret.clone()).await);
        }

        // Rounds alternate baseline and figure, and each reports its median: on a shared
        // machine the noise drifts within seconds.
        let (mut raw_rates, mut rates, mut acked) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let start = Instant::now();
            let tasks: Vec<_> = raw
                .iter()
                .map(|(_, conn)| {
                    let conn = conn.clone();
                    tokio::spawn(async move {
                        for _ in 0..per_client {
                            assert_eq!(raw_request(&conn, Raw::Ack, &[5; PAYLOAD], 1).await, 1);
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.unwrap();
            }
            raw_rates.push(per_round as f64 / start.elapsed().as_secs_f64());

            let (rate, acks) = push_round(&clients, round, per_client, PAYLOAD).await;
            rates.push(rate);
            acked.extend(acks);
        }
        for (ep, _) in raw {
            ep.close().await;
        }
        for c in clients {
            c.shutdown().await;
        }

        // Nothing lost, cursors gap-free.
        check_log(&relay, secret, &acked, ROUNDS * per_round).await;

        // Each round's rates too: on a shared machine one round can be 20 % off the next,
        // which the medians alone would hide.
        let (round_rates, round_raw_rates) = (rate_list(&rates), rate_list(&raw_rates));
        let (rate, raw_rate) = (median(rates), median(raw_rates));
        write_figures(
            "fanin",
            &format!(
                r#"{{"clients": {CLIENTS}, "rounds": {ROUNDS}, "pushes_per_round": {per_round}, "acked_per_sec": {rate:.0}, "raw_acked_per_sec": {raw_rate:.0}, "ratio": {:.3}, "round_acked_per_sec": [{round_rates}], "round_raw_acked_per_sec": [{round_raw_rates}], "lost": 0, "cursors_gap_free": true}}"#,
                rate / raw_rate
            ),
        );
        drop(server);
        relay.shutdown().await;
    });
}
