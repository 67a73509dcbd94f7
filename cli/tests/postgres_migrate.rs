//! `zerok migrate`: a SQLite relay's groups, blobs and large objects copied into PostgreSQL by
//! the real binary, then served by a real `zerok relay` (or the PostgreSQL storage) with the
//! same cursors, blobs, chunks and used bytes. Needs `ZEROK_TEST_POSTGRES` (scripts/with-postgres).

mod common;

use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use common::*;
use tokio_postgres::NoTls;
use zerok_core::{ClientConfig, GroupSecret, RelayAddr};
use zerok_relay::storage::{
    GroupId, NewBlob, ObjectSpec, PostgresConfig, PostgresStorage, SqliteConfig, SqliteStorage,
    Storage,
};

/// A `zerok relay` on PostgreSQL; killed on drop.
struct PgRelay {
    child: Child,
    addr: RelayAddr,
}

impl PgRelay {
    fn start(url: &str, key: &Path) -> Self {
        let log = std::fs::File::create(key.with_extension("log")).unwrap();
        let mut child = Command::new(ZEROK)
            .args(["relay", "--db", url, "--listen", "127.0.0.1:0", "--key"])
            .arg(key)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("relay printed {line:?}: {e}"));
        Self { child, addr }
    }
}

impl Drop for PgRelay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client_config(secret: &GroupSecret, relay: RelayAddr) -> ClientConfig {
    let mut config = ClientConfig::new(secret.clone(), vec![relay]);
    config.connect_timeout = Duration::from_secs(5);
    config.request_timeout = Duration::from_secs(20);
    config
}

/// Everything a new device of the group gets: (cursor, blob id, timestamp, payload).
async fn everything(secret: &GroupSecret, relay: RelayAddr) -> Vec<(u64, [u8; 16], u64, Vec<u8>)> {
    let client = client_with(client_config(secret, relay)).await;
    client.connect().await.unwrap();
    let pulled = client.pull().await.unwrap();
    assert!(pulled.tampered.is_empty());
    client.shutdown().await;
    pulled
        .blobs
        .into_iter()
        .map(|b| (b.cursor, b.blob_id, b.timestamp_ms, b.payload))
        .collect()
}

type Counters = BTreeMap<Vec<u8>, (i64, i64)>;

fn sqlite_counters(db: &Path) -> Counters {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT group_id, last_cursor, bytes_used FROM groups")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

async fn postgres_counters(url: &str) -> Counters {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
    tokio::spawn(connection);
    client
        .query(
            "SELECT group_id, last_cursor, bytes_used FROM zerok_groups",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect()
}

fn migrate(from: &Path, to: &str) -> std::process::Output {
    Command::new(ZEROK)
        .args(["migrate", "--from"])
        .arg(from)
        .args(["--to", to])
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_sqlite_relay_to_postgres_keeps_cursors_blobs_and_quota_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &["--expiry-interval-secs", "1"]);
    let secrets: Vec<GroupSecret> = (0..3).map(|_| GroupSecret::generate()).collect();
    for (g, secret) in secrets.iter().enumerate() {
        let device = connected(secret, &[&relay]).await;
        for i in 0..4 + g {
            let payload = vec![g as u8; 100 * (i + 1)];
            device.push(&payload).await.unwrap();
        }
        device.shutdown().await;
    }
    // Group 0 gets blobs that expire (and are deleted by the relay's sweep), then more, so
    // its counter runs past blobs that no longer exist.
    {
        let mut config = config(&secrets[0], &[&relay]);
        config.ttl = Some(Duration::from_secs(1));
        let device = client_with(config).await;
        device.connect().await.unwrap();
        for i in 0..3u8 {
            device.push(&[0xee, i]).await.unwrap();
        }
        device.shutdown().await;
    }
    let db = dir.path().join("relay.db");
    let stored = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))
            .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while stored() != 4 + 5 + 6 {
        assert!(
            Instant::now() < deadline,
            "the short-lived blobs were never swept"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let device = connected(&secrets[0], &[&relay]).await;
    assert_eq!(
        device.push(b"after the expired ones").await.unwrap().cursor,
        8
    );
    device.shutdown().await;

    let mut before = Vec::new();
    for secret in &secrets {
        before.push(everything(secret, relay.addr.clone()).await);
    }
    assert_eq!(before[0].len(), 5);
    assert_eq!(before[0].last().unwrap().0, 8);
    relay.terminate();
    let counters = sqlite_counters(&db);
    assert_eq!(counters.len(), 3);

    let url = fresh_postgres_database().await;
    let out = migrate(&db, &url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "migrate failed: {stderr}");
    assert!(stderr.contains("copied 3 groups and 16 blobs"), "{stderr}");
    assert_eq!(postgres_counters(&url).await, counters);

    // A second copy into the now non-empty database is refused, and changes nothing.
    let again = migrate(&db, &url);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already holds relay data"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    // A relay on PostgreSQL needs its key named.
    let no_key = Command::new(ZEROK)
        .args(["relay", "--db", &url])
        .output()
        .unwrap();
    assert!(!no_key.status.success());
    assert!(String::from_utf8_lossy(&no_key.stderr).contains("--key is required"));

    let pg_relay = PgRelay::start(&url, &dir.path().join("pg-node.key"));
    for (secret, expected) in secrets.iter().zip(&before) {
        assert_eq!(&everything(secret, pg_relay.addr.clone()).await, expected);
    }
    assert_eq!(postgres_counters(&url).await, counters);
    // Cursors carry on after the last one ever assigned, not after the last one stored.
    let device = client_with(client_config(&secrets[0], pg_relay.addr.clone())).await;
    device.connect().await.unwrap();
    assert_eq!(device.push(b"on postgres").await.unwrap().cursor, 9);
    device.shutdown().await;
}

/// Chunk `index` of `spec`: its exact length, bytes distinct per object and index.
fn chunk_of(spec: &ObjectSpec, index: u64) -> Vec<u8> {
    let len = if index + 1 == spec.chunk_count {
        spec.last_chunk_bytes
    } else {
        spec.chunk_bytes
    };
    let seed = u64::from(spec.object_id[0]) * 131 + index * 7;
    (0..u64::from(len))
        .map(|i| (i.wrapping_mul(31) ^ seed) as u8)
        .collect()
}

fn in_ms(ms: u64) -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    now.as_millis() as u64 + ms
}

/// Large objects cross too: a committed object (more chunk bytes than one copy page, so its
/// chunks come in several) and a staging one with chunks missing arrive with their specs,
/// cursors, expiries, bytes and every chunk identical; the staging upload can then be
/// finished on PostgreSQL, its manifest taking the cursor after the last one copied.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_copies_committed_and_staging_objects_with_every_chunk() {
    const G: GroupId = [5; 32];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relay.db");
    let committed = ObjectSpec {
        object_id: [1; 16],
        origin: [2; 16],
        chunk_count: 20,
        chunk_bytes: (1 << 20) + 41,
        last_chunk_bytes: 1_000,
    };
    let staging = ObjectSpec {
        object_id: [3; 16],
        origin: [4; 16],
        chunk_count: 5,
        chunk_bytes: 1_000,
        last_chunk_bytes: 10,
    };
    let manifest = |spec: &ObjectSpec, len: usize| NewBlob {
        blob_id: spec.object_id,
        origin: spec.origin,
        envelope: vec![spec.object_id[0]; len],
        expires_at_ms: in_ms(86_400_000),
    };
    let staging_expiry = in_ms(3_600_000);
    let (states, blobs) = {
        let s = SqliteStorage::open(&db, SqliteConfig::default()).unwrap();
        let plain = NewBlob {
            blob_id: [9; 16],
            origin: [2; 16],
            envelope: vec![7; 100],
            expires_at_ms: u64::MAX,
        };
        s.push(G, plain).await.unwrap();
        s.object_begin(G, committed, staging_expiry).await.unwrap();
        for index in 0..committed.chunk_count {
            let envelope = chunk_of(&committed, index);
            s.put_chunk(G, committed.object_id, index, envelope, staging_expiry)
                .await
                .unwrap();
        }
        let out = s
            .commit_object(G, committed.object_id, manifest(&committed, 200))
            .await
            .unwrap();
        assert_eq!(out.cursor, 2);
        s.object_begin(G, staging, staging_expiry).await.unwrap();
        for index in [0, 2, 3] {
            let envelope = chunk_of(&staging, index);
            s.put_chunk(G, staging.object_id, index, envelope, staging_expiry)
                .await
                .unwrap();
        }
        let mut states = Vec::new();
        for spec in [committed, staging] {
            states.push(s.object_state(G, spec.object_id).await.unwrap().unwrap());
        }
        assert_eq!(states[1].stored, [(0, 1), (2, 4)]);
        let blobs = s.pull(G, 0, 100, usize::MAX, 0).await.unwrap().blobs;
        s.close().await;
        (states, blobs)
    };
    let counters = sqlite_counters(&db);

    let url = fresh_postgres_database().await;
    let out = migrate(&db, &url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "migrate failed: {stderr}");
    assert!(
        stderr.contains("copied 1 groups and 2 blobs, 2 objects (23 chunks)"),
        "{stderr}"
    );
    assert_eq!(postgres_counters(&url).await, counters);

    let pg = PostgresStorage::connect(&url, PostgresConfig::default())
        .await
        .unwrap();
    for (spec, state) in [committed, staging].iter().zip(&states) {
        assert_eq!(
            pg.object_state(G, spec.object_id).await.unwrap().as_ref(),
            Some(state)
        );
    }
    assert_eq!(
        pg.pull(G, 0, 100, usize::MAX, 0).await.unwrap().blobs,
        blobs
    );
    // Every chunk, read back a few at a time as a download does.
    let mut read = Vec::new();
    while read.len() < committed.chunk_count as usize {
        let page = pg
            .chunks(G, committed.object_id, read.len() as u64, 3)
            .await
            .unwrap();
        assert!(!page.is_empty());
        read.extend(page);
    }
    let expected: Vec<_> = (0..committed.chunk_count)
        .map(|i| (i, chunk_of(&committed, i)))
        .collect();
    assert!(read == expected, "a committed chunk differs after the copy");
    // The staging object's chunks (not served until committed) are the same bytes too: the
    // upload resumes with what is missing, and commits after the copied cursors.
    for index in [1, 4] {
        let envelope = chunk_of(&staging, index);
        let put = pg.put_chunk(G, staging.object_id, index, envelope, staging_expiry);
        assert_eq!(put.await, Ok(false));
    }
    let out = pg
        .commit_object(G, staging.object_id, manifest(&staging, 30))
        .await
        .unwrap();
    assert_eq!(out.cursor, 3);
    let read = pg.chunks(G, staging.object_id, 0, 10).await.unwrap();
    let expected: Vec<_> = (0..5).map(|i| (i, chunk_of(&staging, i))).collect();
    assert_eq!(read, expected);
    pg.close().await;
}
