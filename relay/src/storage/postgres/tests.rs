//! Tests against a real PostgreSQL server: `ZEROK_TEST_POSTGRES` names it (scripts/with-postgres
//! sets it; scripts/test-all runs everything inside that script). Each test makes a database of
//! its own, so they run in parallel. Several `PostgresStorage`s on one database are several
//! relay nodes: each has its own pool, writer tasks and listener, as separate processes would.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use tokio_postgres::NoTls;

use super::*;
use crate::storage::contract_tests::{
    self, Backend, G, H, LATER, NEVER, blob, chunk, object_contract_tests, pull_all, spec,
    storage_contract_tests,
};

/// The server's URL, or a failure saying how to get one: these tests never skip.
fn server_url() -> String {
    std::env::var("ZEROK_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "ZEROK_TEST_POSTGRES is not set: run the PostgreSQL tests through \
             scripts/with-postgres (scripts/test-all does)"
        )
    })
}

/// A fresh database on the server at `server`.
async fn fresh_database(server: &str) -> String {
    create_database(server)
        .await
        .unwrap_or_else(|e| panic!("cannot create a database on the test PostgreSQL: {e}"))
}

fn config(quota_bytes_per_group: u64) -> PostgresConfig {
    PostgresConfig {
        quota_bytes_per_group,
        ..PostgresConfig::default()
    }
}

/// One database; every `open` is another node on it.
struct PgBackend {
    url: String,
}

impl PgBackend {
    async fn new() -> Self {
        Self {
            url: fresh_database(&server_url()).await,
        }
    }

    async fn node(&self, quota: u64) -> PostgresStorage {
        PostgresStorage::connect(&self.url, config(quota))
            .await
            .unwrap()
    }

    async fn sql(&self) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::connect(&self.url, NoTls).await.unwrap();
        tokio::spawn(connection);
        client
    }
}

impl Backend for PgBackend {
    type S = PostgresStorage;

    async fn open(&self, quota_bytes_per_group: u64) -> PostgresStorage {
        self.node(quota_bytes_per_group).await
    }

    async fn bytes_used(&self, group: GroupId) -> u64 {
        let row = self
            .sql()
            .await
            .query_one(
                "SELECT bytes_used FROM zerok_groups WHERE group_id = $1",
                &[&&group[..]],
            )
            .await
            .unwrap();
        to_u64(row.get(0))
    }
}

storage_contract_tests!(PgBackend::new().await);
object_contract_tests!(PgBackend::new().await);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushes_get_gap_free_cursors_in_few_commits() {
    let backend = PgBackend::new().await;
    let s = contract_tests::concurrent_pushes_get_gap_free_cursors(&backend).await;
    let commits = s.commits();
    assert!(
        commits > 0 && commits < 400,
        "no batching: {commits} commits"
    );
}

async fn nodes(backend: &PgBackend, n: usize, quota: u64) -> Vec<PostgresStorage> {
    let mut nodes = Vec::new();
    for _ in 0..n {
        nodes.push(backend.node(quota).await);
    }
    nodes
}

/// Three nodes push into one group at once, some blobs through two nodes at once, while a
/// reader pulls without pause: every page the reader gets starts right after its cursor and
/// has no hole, so no cursor ever became visible before an earlier one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_push_into_one_group_gap_free_and_visible_in_cursor_order() {
    let backend = PgBackend::new().await;
    let nodes = nodes(&backend, 3, contract_tests::DEFAULT_QUOTA).await;
    let same_cluster: HashSet<_> = nodes.iter().map(|n| n.cluster_id()).collect();
    assert_eq!(same_cluster.len(), 1, "one database, one cluster id");

    const PER_TASK: u16 = 40;
    const TASKS_PER_NODE: u16 = 3;
    // Blob ids 10_000.. are pushed through two nodes at once.
    const SHARED: u16 = 30;
    let unique = u64::from(PER_TASK * TASKS_PER_NODE) * nodes.len() as u64 + u64::from(SHARED);

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let node = nodes[0].clone();
        let done = Arc::clone(&done);
        tokio::spawn(async move {
            let mut after = 0;
            let mut pages = 0u64;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let page = node.pull(G, after, 7, usize::MAX, 0).await.unwrap();
                for (i, b) in page.blobs.iter().enumerate() {
                    assert_eq!(
                        b.cursor,
                        after + 1 + i as u64,
                        "cursor {} visible while an earlier one was not",
                        b.cursor
                    );
                }
                if let Some(last) = page.blobs.last() {
                    after = last.cursor;
                    pages += 1;
                } else if finished {
                    return (after, pages);
                } else {
                    tokio::task::yield_now().await;
                }
            }
        })
    };

    let mut pushes = JoinSet::new();
    for (n, node) in nodes.iter().enumerate() {
        for t in 0..TASKS_PER_NODE {
            let node = node.clone();
            let base = (n as u16 * TASKS_PER_NODE + t) * PER_TASK;
            pushes.spawn(async move {
                let mut outcomes = Vec::new();
                for i in 0..PER_TASK {
                    let b = blob(base + i, 100, NEVER);
                    outcomes.push((b.blob_id, node.push(G, b).await.unwrap()));
                }
                outcomes
            });
        }
    }
    let mut shared = JoinSet::new();
    for i in 0..SHARED {
        let (a, b) = (
            nodes[i as usize % 3].clone(),
            nodes[(i as usize + 1) % 3].clone(),
        );
        shared.spawn(async move {
            let x = blob(10_000 + i, 50, NEVER);
            let (p, q) = tokio::join!(a.push(G, x.clone()), b.push(G, x));
            (p.unwrap(), q.unwrap())
        });
    }
    let mut by_cursor: BTreeMap<u64, Option<[u8; 16]>> = BTreeMap::new();
    for (id, out) in pushes.join_all().await.into_iter().flatten() {
        assert!(!out.duplicate);
        assert!(
            by_cursor.insert(out.cursor, Some(id)).is_none(),
            "cursor given twice"
        );
    }
    for (p, q) in shared.join_all().await {
        assert_eq!((p.cursor, p.timestamp_ms), (q.cursor, q.timestamp_ms));
        assert!(p.duplicate != q.duplicate, "exactly one copy is stored");
        assert!(by_cursor.insert(p.cursor, None).is_none());
    }
    assert_eq!(
        by_cursor.keys().copied().collect::<Vec<_>>(),
        (1..=unique).collect::<Vec<_>>()
    );
    done.store(true, Ordering::SeqCst);
    let (seen, pages) = reader.await.unwrap();
    assert_eq!(seen, unique);
    assert!(pages > 1);
    for node in &nodes {
        assert_eq!(node.latest_cursor(G).await.unwrap(), unique);
    }
    let stored = pull_all(&nodes[2], G).await;
    assert_eq!(stored.len() as u64, unique);
    for b in stored {
        if let Some(id) = by_cursor[&b.cursor] {
            assert_eq!(b.blob_id, id);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quota_is_exact_under_pushes_from_three_nodes() {
    let backend = PgBackend::new().await;
    let nodes = nodes(&backend, 3, 1_000).await;
    let mut pushes = JoinSet::new();
    for (n, node) in nodes.iter().enumerate() {
        for i in 0..20u16 {
            let node = node.clone();
            pushes.spawn(async move { node.push(G, blob(n as u16 * 100 + i, 30, NEVER)).await });
        }
    }
    let results = pushes.join_all().await;
    let stored = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(stored, 33, "1000 bytes hold 33 blobs of 30");
    assert!(results.iter().all(|r| matches!(
        r,
        Ok(_) | Err(StorageError::QuotaExceeded { used: 990, .. })
    )));
    assert_eq!(backend.bytes_used(G).await, 990);
    assert_eq!(nodes[1].latest_cursor(G).await.unwrap(), 33);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expiry_from_several_nodes_at_once_frees_bytes_exactly_once() {
    let backend = PgBackend::new().await;
    let nodes = nodes(&backend, 3, contract_tests::DEFAULT_QUOTA).await;
    let groups: Vec<GroupId> = (0..5u8).map(|g| [g; 32]).collect();
    let mut expiring = 0;
    let mut kept = BTreeMap::new();
    for (g, group) in groups.iter().enumerate() {
        for i in 0..40u16 {
            let id = g as u16 * 1000 + i;
            let len = 10 + usize::from(i);
            let expires = if i % 3 == 0 {
                NEVER
            } else {
                1_000 + u64::from(i)
            };
            nodes[i as usize % 3]
                .push(*group, blob(id, len, expires))
                .await
                .unwrap();
            if expires == NEVER {
                *kept.entry(*group).or_insert(0u64) += len as u64;
            } else {
                expiring += 1;
            }
        }
    }
    let mut sweeps = JoinSet::new();
    for round in 0..4 {
        for node in &nodes {
            let node = node.clone();
            sweeps.spawn(async move { node.expire(1_000 + 10 * round + 30).await.unwrap() });
        }
    }
    let mut deleted: u64 = sweeps.join_all().await.into_iter().sum();
    deleted += nodes[0].expire(2_000).await.unwrap();
    assert_eq!(deleted, expiring);
    for group in &groups {
        assert_eq!(backend.bytes_used(*group).await, kept[group]);
        assert_eq!(nodes[2].latest_cursor(*group).await.unwrap(), 40);
    }
}

/// Pushes into several groups from three nodes (batches spanning groups) while every node
/// expires at once: no push fails, and each group's used bytes end up exactly the bytes of
/// the blobs that never expire.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_and_expiry_from_several_nodes_keep_exact_accounts() {
    let backend = PgBackend::new().await;
    let nodes = nodes(&backend, 3, contract_tests::DEFAULT_QUOTA).await;
    let groups: Vec<GroupId> = (0..4u8).map(|g| [g; 32]).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let mut sweepers = JoinSet::new();
    for node in &nodes {
        let (node, stop) = (node.clone(), Arc::clone(&stop));
        sweepers.spawn(async move {
            let mut deleted = 0;
            while !stop.load(Ordering::SeqCst) {
                deleted += node.expire(1_000).await.unwrap();
            }
            deleted
        });
    }
    let mut pushes = JoinSet::new();
    for (n, node) in nodes.iter().enumerate() {
        for i in 0..80u16 {
            let node = node.clone();
            let group = groups[(usize::from(i) * 7 + n) % groups.len()];
            let id = n as u16 * 1000 + i;
            let expires = if i % 2 == 0 { 500 } else { NEVER };
            pushes.spawn(async move {
                let b = blob(id, 20 + usize::from(i % 5), expires);
                let len = b.envelope.len() as u64;
                node.push(group, b).await.unwrap();
                (group, expires, len)
            });
        }
    }
    let pushed = pushes.join_all().await;
    stop.store(true, Ordering::SeqCst);
    let mut deleted: u64 = sweepers.join_all().await.into_iter().sum();
    deleted += nodes[0].expire(1_000).await.unwrap();
    assert_eq!(
        deleted,
        pushed.iter().filter(|p| p.1 != NEVER).count() as u64
    );
    for group in &groups {
        let kept: u64 = pushed
            .iter()
            .filter(|p| p.0 == *group && p.1 == NEVER)
            .map(|p| p.2)
            .sum();
        let count = pushed.iter().filter(|p| p.0 == *group).count() as u64;
        assert_eq!(backend.bytes_used(*group).await, kept);
        assert_eq!(nodes[1].latest_cursor(*group).await.unwrap(), count);
    }
}

/// Waits for the next notice, failing after a generous bound rather than hanging.
async fn next_notice(rx: &mut mpsc::UnboundedReceiver<CommitNotice>) -> CommitNotice {
    tokio::time::timeout(Duration::from_secs(30), rx.recv())
        .await
        .expect("no commit notice within 30 s")
        .expect("listener ended")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commit_notices_reach_other_nodes_and_not_the_own() {
    let backend = PgBackend::new().await;
    let mut all = nodes(&backend, 3, 1 << 20).await;
    let (c, b, a) = (all.pop().unwrap(), all.pop().unwrap(), all.pop().unwrap());
    let mut at_a = a.commit_notices().unwrap();
    let mut at_c = c.commit_notices().unwrap();
    assert!(a.commit_notices().is_none(), "taken once");
    // The first Resync says the listener is live.
    assert_eq!(next_notice(&mut at_a).await, CommitNotice::Resync);
    assert_eq!(next_notice(&mut at_c).await, CommitNotice::Resync);

    b.push(G, blob(1, 10, NEVER)).await.unwrap();
    let pushed = CommitNotice::Committed {
        group: G,
        cursor: 1,
    };
    assert_eq!(next_notice(&mut at_a).await, pushed);
    assert_eq!(next_notice(&mut at_c).await, pushed);

    // A's own commit: C hears it; once C has, it was notified, and a listener gets notices
    // in commit order, so A would have it before anything notified later.
    a.push(H, blob(2, 10, NEVER)).await.unwrap();
    assert_eq!(
        next_notice(&mut at_c).await,
        CommitNotice::Committed {
            group: H,
            cursor: 1
        }
    );
    let k: GroupId = [3; 32];
    for i in 0..3 {
        b.push(k, blob(10 + i, 10, NEVER)).await.unwrap();
    }
    let mut seen = Vec::new();
    while seen.last()
        != Some(&CommitNotice::Committed {
            group: k,
            cursor: 3,
        })
    {
        seen.push(next_notice(&mut at_a).await);
    }
    assert!(
        seen.iter()
            .all(|n| matches!(n, CommitNotice::Committed { group, .. } if *group == k)),
        "A heard something other than B's pushes to K: {seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_starting_at_once_migrate_once_and_share_a_cluster_id() {
    let backend = PgBackend::new().await;
    let mut starts = JoinSet::new();
    for _ in 0..4 {
        let url = backend.url.clone();
        starts.spawn(async move {
            PostgresStorage::connect(&url, PostgresConfig::default())
                .await
                .unwrap()
                .cluster_id()
        });
    }
    let ids: HashSet<_> = starts.join_all().await.into_iter().collect();
    assert_eq!(ids.len(), 1);
    let versions: Vec<i32> = backend
        .sql()
        .await
        .query("SELECT version FROM zerok_schema_migrations", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, (1..=schema::SCHEMA_VERSION).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_a_newer_schema() {
    let backend = PgBackend::new().await;
    let node = backend.node(100).await;
    node.push(G, blob(1, 10, NEVER)).await.unwrap();
    drop(node);
    backend
        .sql()
        .await
        .execute(
            "INSERT INTO zerok_schema_migrations (version) VALUES ($1)",
            &[&(schema::SCHEMA_VERSION + 1)],
        )
        .await
        .unwrap();
    let Err(StorageError::Backend(message)) =
        PostgresStorage::connect(&backend.url, PostgresConfig::default()).await
    else {
        panic!("opened a database from the future");
    };
    assert!(
        message.contains("newer") && message.contains("upgrade the relay"),
        "{message}"
    );
}

/// A database made by a relay before large objects (schema version 1), holding a blob, is
/// upgraded in place: the blob and its accounts stay, and objects work beside it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_1_database_is_upgraded_in_place() {
    let backend = PgBackend::new().await;
    let old = blob(1, 50, NEVER);
    {
        let sql = backend.sql().await;
        sql.batch_execute(
            "CREATE TABLE zerok_schema_migrations (
                 version    integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now());
             INSERT INTO zerok_schema_migrations (version) VALUES (1);",
        )
        .await
        .unwrap();
        sql.batch_execute(schema::MIGRATIONS[0]).await.unwrap();
        sql.execute(
            "INSERT INTO zerok_blobs VALUES ($1, 1, $2, $3, $4, 123, $5)",
            &[
                &&G[..],
                &&old.blob_id[..],
                &&old.origin[..],
                &old.envelope,
                &i64::MAX,
            ],
        )
        .await
        .unwrap();
        sql.execute("INSERT INTO zerok_groups VALUES ($1, 1, 50)", &[&&G[..]])
            .await
            .unwrap();
    }
    let s = backend.node(contract_tests::DEFAULT_QUOTA).await;
    let versions: Vec<i32> = backend
        .sql()
        .await
        .query(
            "SELECT version FROM zerok_schema_migrations ORDER BY version",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, [1, 2]);
    assert_eq!(schema::SCHEMA_VERSION, 2);
    contract_tests::objects_work_in_an_upgraded_store(&backend, &s, old, 123).await;
}

/// Any node may receive an upload's chunks and its commit (they share the database): chunks
/// put through two nodes, the commit through a third, which announces the manifest to the
/// others as a push would; the chunks read back through the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_object_uploaded_through_several_nodes_commits_through_another() {
    let backend = PgBackend::new().await;
    let mut all = nodes(&backend, 3, contract_tests::DEFAULT_QUOTA).await;
    let (c, b, a) = (all.pop().unwrap(), all.pop().unwrap(), all.pop().unwrap());
    let mut at_a = a.commit_notices().unwrap();
    assert_eq!(next_notice(&mut at_a).await, CommitNotice::Resync);

    let o = spec(1, 6, 100, 30);
    a.object_begin(G, o, LATER).await.unwrap();
    for index in 0..o.chunk_count {
        let node = if index % 2 == 0 { &a } else { &b };
        let put = node.put_chunk(G, o.object_id, index, chunk(&o, index), LATER);
        assert_eq!(put.await, Ok(false));
    }
    // A retry through the other node finds the chunk stored.
    assert_eq!(
        b.put_chunk(G, o.object_id, 0, chunk(&o, 0), LATER).await,
        Ok(true)
    );
    assert_eq!(c.object_begin(G, o, LATER).await.unwrap().stored, [(0, 6)]);
    let manifest = blob(1, 40, NEVER);
    let out = c
        .commit_object(G, o.object_id, manifest.clone())
        .await
        .unwrap();
    assert_eq!((out.cursor, out.duplicate), (1, false));
    assert_eq!(
        next_notice(&mut at_a).await,
        CommitNotice::Committed {
            group: G,
            cursor: 1
        }
    );
    // A repeat through another node answers the original outcome.
    assert_eq!(
        b.commit_object(G, o.object_id, manifest).await,
        Ok(PushOutcome {
            duplicate: true,
            ..out
        })
    );
    let read = a.chunks(G, o.object_id, 0, 100).await.unwrap();
    let expected: Vec<_> = (0..6).map(|i| (i, chunk(&o, i))).collect();
    assert_eq!(read, expected);
    assert_eq!(backend.bytes_used(G).await, 5 * 100 + 30 + 40);
}

/// Two nodes store chunks of two objects into one group at once, every chunk through both
/// nodes at the same time: the counter row lock makes the quota exact across them (exactly
/// as many chunks as fit, each stored and counted once) and the accounts agree with the rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quota_is_exact_under_chunk_puts_from_two_nodes() {
    let backend = PgBackend::new().await;
    let nodes = nodes(&backend, 2, 505).await;
    // Each object fits alone (400 bytes), together they do not: 50 chunks of 10 fit in 505.
    let objects = [spec(1, 40, 10, 10), spec(2, 40, 10, 10)];
    for o in objects {
        nodes[0].object_begin(G, o, LATER).await.unwrap();
    }
    let mut puts = JoinSet::new();
    for o in objects {
        for index in 0..o.chunk_count {
            for node in &nodes {
                let node = node.clone();
                puts.spawn(async move {
                    node.put_chunk(G, o.object_id, index, chunk(&o, index), LATER)
                        .await
                });
            }
        }
    }
    let results = puts.join_all().await;
    let stored = results.iter().filter(|r| **r == Ok(false)).count();
    assert_eq!(stored, 50, "505 bytes hold 50 chunks of 10");
    assert!(results.iter().all(|r| matches!(
        r,
        Ok(_) | Err(StorageError::QuotaExceeded { used: 500, .. })
    )));
    assert_eq!(backend.bytes_used(G).await, 500);
    let row = backend
        .sql()
        .await
        .query_one(
            "SELECT (SELECT sum(octet_length(envelope))::int8 FROM zerok_chunks),
                    (SELECT sum(bytes_stored)::int8 FROM zerok_objects)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (500, 500));
    let mut per_object = 0;
    for o in objects {
        let state = nodes[1]
            .object_state(G, o.object_id)
            .await
            .unwrap()
            .unwrap();
        let runs: u64 = state.stored.iter().map(|(s, e)| e - s).sum();
        assert_eq!(runs * 10, state.bytes_stored);
        per_object += state.bytes_stored;
    }
    assert_eq!(per_object, 500);
}

/// A server of this test's own (it is stopped and started), made by scripts/with-postgres;
/// removed on drop.
struct OwnServer {
    dir: PathBuf,
    url: String,
}

fn with_postgres() -> Command {
    Command::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scripts/with-postgres"
    ))
}

impl OwnServer {
    fn start() -> Self {
        let out = with_postgres().arg("--start").output().unwrap();
        assert!(
            out.status.success(),
            "with-postgres --start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let var = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("export {name}=")))
                .unwrap_or_else(|| panic!("no {name} in {text:?}"))
                .to_owned()
        };
        Self {
            dir: var("ZEROK_TEST_POSTGRES_DIR").into(),
            url: var("ZEROK_TEST_POSTGRES"),
        }
    }

    fn pg_ctl(&self, args: &[&str]) {
        let status = with_postgres()
            .arg("--pg-ctl")
            .arg(&self.dir)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "pg_ctl {args:?}");
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = with_postgres().arg("--remove").arg(&self.dir).status();
    }
}

/// Pushers keep pushing while the server stops and starts again: while it is down pushes fail
/// with `Unavailable` (and nothing else), afterwards they succeed again, and every
/// acknowledged push is in the database with its cursor, cursors still gap-free.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_restart_under_load_gives_unavailable_then_service_resumes() {
    let server = OwnServer::start();
    let url = fresh_database(&server.url).await;
    let config = PostgresConfig {
        connect_timeout: Duration::from_secs(2),
        ..PostgresConfig::default()
    };
    let node = PostgresStorage::connect(&url, config).await.unwrap();
    let mut notices = node.commit_notices().unwrap();
    assert_eq!(next_notice(&mut notices).await, CommitNotice::Resync);

    let acked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let unavailable = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let next_id = Arc::new(AtomicU64::new(0));
    let mut pushers = JoinSet::new();
    for _ in 0..4 {
        let (node, acked, unavailable, stop, next_id) = (
            node.clone(),
            Arc::clone(&acked),
            Arc::clone(&unavailable),
            Arc::clone(&stop),
            Arc::clone(&next_id),
        );
        pushers.spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let b = blob(next_id.fetch_add(1, Ordering::SeqCst) as u16, 64, NEVER);
                match node.push(G, b.clone()).await {
                    Ok(out) => acked.lock().unwrap().push((out.cursor, b)),
                    Err(StorageError::Unavailable(_)) => {
                        unavailable.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                    Err(e) => panic!("push failed with {e:?}, not Unavailable"),
                }
            }
        });
    }
    let acked_count = || acked.lock().unwrap().len();
    let wait_for = |what: &'static str, cond: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !cond() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    tokio::task::block_in_place(|| wait_for("pushes before the stop", &|| acked_count() >= 50));

    server.pg_ctl(&["stop", "-m", "fast"]);
    tokio::task::block_in_place(|| {
        wait_for("Unavailable errors while down", &|| {
            unavailable.load(Ordering::SeqCst) >= 8
        })
    });
    assert!(matches!(
        node.ping().await,
        Err(StorageError::Unavailable(_))
    ));
    let acked_while_down = acked_count();

    server.pg_ctl(&["start"]);
    tokio::task::block_in_place(|| {
        wait_for("pushes after the restart", &|| {
            acked_count() >= acked_while_down + 50
        })
    });
    node.ping().await.unwrap();
    // The listener reconnected and says notices may have been missed.
    loop {
        if next_notice(&mut notices).await == CommitNotice::Resync {
            break;
        }
    }
    stop.store(true, Ordering::SeqCst);
    pushers.join_all().await;

    let stored = pull_all(&node, G).await;
    let latest = node.latest_cursor(G).await.unwrap();
    assert_eq!(
        stored.iter().map(|b| b.cursor).collect::<Vec<_>>(),
        (1..=latest).collect::<Vec<_>>(),
        "cursors gap-free across the restart"
    );
    for (cursor, b) in acked.lock().unwrap().iter() {
        let got = &stored[*cursor as usize - 1];
        assert_eq!((got.blob_id, &got.envelope), (b.blob_id, &b.envelope));
    }
}
