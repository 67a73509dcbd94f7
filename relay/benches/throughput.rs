//! Push and pull throughput of 64 KiB blobs through a loopback relay with durable SQLite
//! commits, against a raw iroh stream moving the same bytes in the same run.
//!
//! `cargo bench -p zerok-relay --bench throughput`. Criterion prints each pair side by side
//! (`…/raw_iroh` is the baseline); the ratio of their throughputs is the figure to report.

mod common;

use std::{sync::Arc, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tokio::runtime::Runtime;
use zerok_core::GroupSecret;

use common::{Raw, client, pages, raw_connect, raw_request, raw_server, start_relay};

const BLOB: usize = 64 * 1024;
/// Pushes in flight at once: what lets the relay batch commits.
const CONCURRENCY: usize = 16;
/// Blobs read per pull iteration.
const PULL_BLOBS: usize = 256;

fn benches(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (relay, pusher, puller, raw) = rt.block_on(async {
        let relay = start_relay(dir.path()).await;
        // Pushes and pulls use separate groups, so the pulled set stays fixed.
        let pusher = client(&relay, GroupSecret::generate()).await;
        let pull_group = GroupSecret::generate();
        let seeder = client(&relay, pull_group.clone()).await;
        let puller = client(&relay, pull_group).await;
        let (server, addr) = raw_server().await;
        let (client_ep, raw) = raw_connect(&addr).await;
        // Enough blobs for a full pull page set.
        for _ in 0..PULL_BLOBS {
            seeder.push(&vec![3u8; BLOB]).await.unwrap();
        }
        seeder.shutdown().await;
        (relay, pusher, puller, (raw, client_ep, server))
    });
    let payload = Arc::new(vec![5u8; BLOB]);

    let mut push = c.benchmark_group("push_64KiB");
    push.throughput(Throughput::Bytes((BLOB * CONCURRENCY) as u64));
    push.measurement_time(Duration::from_secs(5));
    push.bench_function("raw_iroh", |b| {
        b.iter(|| {
            rt.block_on(async {
                let tasks: Vec<_> = (0..CONCURRENCY)
                    .map(|_| {
                        let (conn, payload) = (raw.0.clone(), payload.clone());
                        tokio::spawn(async move { raw_request(&conn, Raw::Ack, &payload, 1).await })
                    })
                    .collect();
                for t in tasks {
                    assert_eq!(t.await.unwrap(), 1);
                }
            })
        })
    });
    push.bench_function("durable_push", |b| {
        b.iter(|| {
            rt.block_on(async {
                let tasks: Vec<_> = (0..CONCURRENCY)
                    .map(|_| {
                        let (client, payload) = (pusher.clone(), payload.clone());
                        tokio::spawn(async move { client.push(&payload).await.unwrap() })
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
            })
        })
    });
    push.finish();

    let mut pull = c.benchmark_group("pull_64KiB");
    pull.throughput(Throughput::Bytes((BLOB * PULL_BLOBS) as u64));
    pull.measurement_time(Duration::from_secs(5));
    pull.bench_function("raw_iroh", |b| {
        b.iter(|| {
            rt.block_on(async {
                let body = pages(PULL_BLOBS as u32, BLOB as u32);
                let n = raw_request(&raw.0, Raw::Pages, &body, BLOB * PULL_BLOBS).await;
                assert_eq!(n, BLOB * PULL_BLOBS);
            })
        })
    });
    pull.bench_function("pull_decrypt", |b| {
        b.iter(|| {
            rt.block_on(async {
                let blobs = puller.pull_after(0).await.unwrap().blobs;
                assert_eq!(blobs.len(), PULL_BLOBS);
            })
        })
    });
    pull.finish();

    rt.block_on(async {
        pusher.shutdown().await;
        puller.shutdown().await;
        relay.shutdown().await;
    });
}

criterion_group!(throughput, benches);
criterion_main!(throughput);
