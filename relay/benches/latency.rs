//! Latencies as percentiles, each against a raw iroh baseline measured in the same run:
//! - push → live receive on another device (64-byte payload, durable commit, relay fan-out,
//!   decryption) vs a 64-byte round trip on a raw iroh stream;
//! - a new client: endpoint + `SyncClient::new` + `connect()` (authenticated handshake) vs a
//!   new endpoint + a raw iroh connect;
//! - pairing by code: a connected member shows a code, a new device (its own endpoint) types
//!   it, until both have the outcome (mailbox, SPAKE2, confirmations, sealed invite), vs the
//!   same raw iroh connect.
//!
//! `cargo bench -p zerok-relay --bench latency` (a plain harness: criterion reports means,
//! these targets are percentiles). Writes target/bench/latency.json.

mod common;

use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use zerok_core::{GroupSecret, pairing};

use common::{
    Raw, client, raw_connect, raw_request, raw_server, start_relay, summarize, write_figures,
};

const WARMUP: usize = 100;
const SAMPLES: usize = 2000;
const CONNECTS: usize = 100;

fn main() {
    // `cargo bench` passes `--bench`; anything else (cargo test --benches) is a smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let scale = |n: usize| if full { n } else { n / 50 };
    let rt = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    rt.block_on(async {
        let relay = start_relay(dir.path()).await;
        let (server, addr) = raw_server().await;

        // Baseline and figure interleaved, one sample of each per step: on a shared machine
        // the noise drifts within seconds, and measured in two phases the ratio would follow it.
        let (ep, conn) = raw_connect(&addr).await;
        let secret = GroupSecret::generate();
        let (a, b) = (client(&relay, secret.clone()).await, client(&relay, secret).await);
        let live = b.subscribe().await.unwrap();
        let (mut raw_rtt, mut push_to_live) = (Vec::new(), Vec::new());
        for i in 0..WARMUP + scale(SAMPLES) {
            let start = Instant::now();
            assert_eq!(raw_request(&conn, Raw::Echo, &[9; 63], 64).await, 64);
            let rtt = start.elapsed();

            let payload = [i as u8; 64];
            let start = Instant::now();
            a.push(&payload).await.unwrap();
            let blob = live.next().await.unwrap().unwrap();
            assert_eq!(blob.payload, payload);
            if i >= WARMUP {
                raw_rtt.push(rtt);
                push_to_live.push(start.elapsed());
            }
        }
        ep.close().await;
        b.shutdown().await;

        let (mut raw_connects, mut client_connects, mut pairings) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..scale(CONNECTS).max(2) {
            let start = Instant::now();
            let (ep, _conn) = raw_connect(&addr).await;
            raw_connects.push(start.elapsed());
            ep.close().await;
            let start = Instant::now();
            let c = client(&relay, GroupSecret::generate()).await;
            client_connects.push(start.elapsed());
            c.shutdown().await;
            let start = Instant::now();
            let shown = a.create_pairing_code(None).await.unwrap();
            let relays = [relay.addr()];
            let (joined, verifier) =
                tokio::join!(pairing::join_with_code(&relays, shown.code()), shown.wait());
            pairings.push(start.elapsed());
            assert_eq!(joined.unwrap().verifier, verifier.unwrap());
        }
        a.shutdown().await;

        let [rtt, live, raw_c, client_c, paired] =
            [raw_rtt, push_to_live, raw_connects, client_connects, pairings].map(summarize);
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        write_figures(
            "latency",
            &format!(
                r#"{{"raw_round_trip_64B": {}, "push_to_live_64B": {}, "raw_connect": {}, "client_connect": {}, "pairing": {}, "live_p50_ratio": {:.2}, "live_p99_ratio": {:.2}, "connect_p50_ratio": {:.2}, "pairing_p50_ratio": {:.2}}}"#,
                rtt.json(),
                live.json(),
                raw_c.json(),
                client_c.json(),
                paired.json(),
                ratio(live.p50, rtt.p50),
                ratio(live.p99, rtt.p99),
                ratio(client_c.p50, raw_c.p50),
                ratio(paired.p50, raw_c.p50),
            ),
        );
        drop(server);
        relay.shutdown().await;
    });
}
