//! Push and pull throughput of 64 KiB blobs through a loopback relay with durable SQLite
//! commits, against a raw iroh stream moving the same bytes in the same run.
//!
//! `cargo bench -p zerok-relay --bench throughput`. Criterion prints each pair side by side
//! (`…/raw_iroh` is the baseline); the ratio of their throughputs is the figure to report.

use std::{sync::Arc, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iroh::{Endpoint, EndpointAddr, endpoint::Connection};
use tokio::runtime::Runtime;
use zerok_core::{
    ClientConfig, GroupSecret, IrohTransport, SyncClient, transport::iroh::bind_endpoint,
};
use zerok_relay::{
    Relay, RelayConfig,
    storage::{SqliteConfig, SqliteStorage},
};

const BLOB: usize = 64 * 1024;
/// Pushes in flight at once: what lets the relay batch commits.
const CONCURRENCY: usize = 16;
/// Blobs read per pull iteration.
const PULL_BLOBS: usize = 256;
const RAW_ALPN: &[u8] = b"bench/raw";

/// A raw iroh peer: for each stream, reads the request; a 1-byte request asks for
/// `PULL_BLOBS × BLOB` bytes back, anything else is acknowledged with one byte.
async fn raw_server() -> (Endpoint, EndpointAddr) {
    let ep = bind_endpoint(
        "127.0.0.1:0".parse().unwrap(),
        vec![RAW_ALPN.to_vec()],
        None,
    )
    .await
    .unwrap();
    let addr = EndpointAddr::new(ep.id()).with_ip_addr(ep.bound_sockets()[0]);
    let server = ep.clone();
    tokio::spawn(async move {
        while let Some(incoming) = server.accept().await {
            tokio::spawn(async move {
                let conn = incoming.accept().unwrap().await.unwrap();
                while let Ok((mut send, mut recv)) = conn.accept_bi().await {
                    tokio::spawn(async move {
                        let req = recv.read_to_end(BLOB * 2).await.unwrap();
                        if req.len() == 1 {
                            let page = vec![7u8; BLOB];
                            for _ in 0..PULL_BLOBS {
                                send.write_all(&page).await.unwrap();
                            }
                        } else {
                            send.write_all(&[1]).await.unwrap();
                        }
                        send.finish().unwrap();
                    });
                }
            });
        }
    });
    (ep, addr)
}

async fn raw_request(conn: &Connection, body: &[u8], reply_limit: usize) -> usize {
    let (mut send, mut recv) = conn.open_bi().await.unwrap();
    send.write_all(body).await.unwrap();
    send.finish().unwrap();
    recv.read_to_end(reply_limit).await.unwrap().len()
}

fn benches(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (relay, pusher, puller, raw) = rt.block_on(async {
        let storage =
            SqliteStorage::open(&dir.path().join("bench.db"), SqliteConfig::default()).unwrap();
        let config = RelayConfig {
            rate_per_sec: 1_000_000,
            rate_burst: 1_000_000,
            ..RelayConfig::default()
        };
        let relay = Relay::start(storage, config).await.unwrap();
        // Pushes and pulls use separate groups, so the pulled set stays fixed.
        let client = |secret: GroupSecret| async {
            let c = SyncClient::new(
                IrohTransport::loopback().await.unwrap(),
                ClientConfig::new(secret, vec![relay.addr()]),
            )
            .unwrap();
            c.connect().await.unwrap();
            c
        };
        let pusher = client(GroupSecret::generate()).await;
        let pull_group = GroupSecret::generate();
        let seeder = client(pull_group.clone()).await;
        let puller = client(pull_group).await;
        let (_server, addr) = raw_server().await;
        let client_ep = bind_endpoint("127.0.0.1:0".parse().unwrap(), vec![], None)
            .await
            .unwrap();
        let raw = client_ep.connect(addr, RAW_ALPN).await.unwrap();
        // Enough blobs for a full pull page set.
        for _ in 0..PULL_BLOBS {
            seeder.push(&vec![3u8; BLOB]).await.unwrap();
        }
        seeder.shutdown().await;
        (relay, pusher, puller, (raw, client_ep, _server))
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
                        tokio::spawn(async move { raw_request(&conn, &payload, 1).await })
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
                let n = raw_request(&raw.0, &[0], BLOB * PULL_BLOBS).await;
                assert_eq!(n, BLOB * PULL_BLOBS);
            })
        })
    });
    pull.bench_function("pull_decrypt", |b| {
        b.iter(|| {
            rt.block_on(async {
                let blobs = puller.pull_after(0).await.unwrap();
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
