//! Relay clusters for real: every node a `zerok relay` process of its own (own key, own
//! address) on one PostgreSQL database, every device a real `SyncClient` over iroh on
//! 127.0.0.1. A push through one node reaches subscribers on the others; three nodes with
//! concurrent pushers keep one gap-free log; a node killed by SIGKILL mid-storm loses nothing
//! acknowledged and its devices move on without gaps, duplicates or re-reads; PostgreSQL
//! restarted under load gives typed errors while it is down and service resumes through the
//! same relay processes.
//!
//! Needs `ZEROK_TEST_POSTGRES` (and `ZEROK_TEST_POSTGRES_DIR` for the restart):
//! run through `scripts/with-postgres` (scripts/test-all does). Each test makes its own
//! database on that server; the restart test takes the server down, so it runs alone
//! ([`SERVER`]).

mod common;

use std::{
    collections::{HashMap, HashSet},
    path::Path,
    process::Command,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use common::{RelayDb, RelayProc, config, fresh_postgres_database, metric, within};
use tokio::sync::{
    RwLock,
    mpsc::{UnboundedReceiver, unbounded_channel},
};
use tokio_postgres::NoTls;
use zerok_core::{
    ClientConfig, Error, GroupSecret, IrohTransport, RelayAddr, Subscription, SyncBlob, SyncClient,
    SyncEvent,
};

/// Tests that only use the server hold it shared; the one that stops and starts it holds it
/// alone, so no other test sees its database vanish.
static SERVER: RwLock<()> = RwLock::const_new(());

async fn sql(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

/// Every stored blob of `group`: (cursor, blob id), in cursor order.
async fn stored(url: &str, group: &[u8]) -> Vec<(u64, [u8; 16])> {
    sql(url)
        .await
        .query(
            "SELECT cursor, blob_id FROM zerok_blobs WHERE group_id = $1 ORDER BY cursor",
            &[&group],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let id: Vec<u8> = r.get(1);
            (r.get::<_, i64>(0) as u64, id.try_into().unwrap())
        })
        .collect()
}

/// The group's last assigned cursor (its counter row).
async fn last_cursor(url: &str, group: &[u8]) -> u64 {
    let row = sql(url)
        .await
        .query_one(
            "SELECT last_cursor FROM zerok_groups WHERE group_id = $1",
            &[&group],
        )
        .await
        .unwrap();
    row.get::<_, i64>(0) as u64
}

/// A `zerok relay` process on the database `url` with its own key file (`<name>.key` in
/// `dir`), optionally with its operator HTTP listener; SIGKILLed on drop.
fn node(url: &str, dir: &Path, name: &str, http: bool) -> RelayProc {
    let store = RelayDb::Postgres {
        url: url.to_owned(),
        key: dir.join(format!("{name}.key")),
    };
    let flags: &[&str] = if http {
        &["--http-listen", "127.0.0.1:0"]
    } else {
        &[]
    };
    RelayProc::start_on(&store, flags)
}

/// Short timeouts so failures fail fast: a killed node (which says nothing) is given up
/// after 4 s of silence.
async fn device(config: ClientConfig) -> SyncClient<IrohTransport> {
    let client = SyncClient::new(IrohTransport::loopback().await.unwrap(), config).unwrap();
    within(20, "connect", client.connect()).await.unwrap();
    client
}

fn group_of(client: &SyncClient<IrohTransport>) -> Vec<u8> {
    hex::decode(client.group_id()).unwrap()
}

/// Everything a new device reads through `relay`: (cursor, blob id, payload).
async fn pull_all(secret: &GroupSecret, relay: &RelayAddr) -> Vec<(u64, [u8; 16], Vec<u8>)> {
    let reader = device(config(secret, &[relay])).await;
    let pulled = within(60, "a full pull", reader.pull()).await.unwrap();
    assert!(pulled.tampered.is_empty());
    reader.shutdown().await;
    pulled
        .blobs
        .into_iter()
        .map(|b| (b.cursor, b.blob_id, b.payload))
        .collect()
}

/// A subscription read by a task of its own, so the test can wait on what it received.
struct Inbox {
    rx: UnboundedReceiver<zerok_core::Result<SyncBlob>>,
    got: Vec<SyncBlob>,
}

impl Inbox {
    fn new(sub: Subscription) -> Self {
        let (tx, rx) = unbounded_channel();
        tokio::spawn(async move {
            while let Some(item) = sub.next().await {
                if tx.send(item).is_err() {
                    break;
                }
            }
        });
        Self {
            rx,
            got: Vec::new(),
        }
    }

    async fn receive_one(&mut self) {
        let blob = self
            .rx
            .recv()
            .await
            .expect("subscription open")
            .expect("a good blob");
        self.got.push(blob);
    }

    /// Waits until `n` blobs were received in all.
    async fn until(&mut self, n: usize, secs: u64, what: &str) {
        within(secs, what, async {
            while self.got.len() < n {
                self.receive_one().await;
            }
        })
        .await;
    }

    async fn next(&mut self, what: &str) -> SyncBlob {
        let n = self.got.len() + 1;
        self.until(n, 20, what).await;
        self.got.last().unwrap().clone()
    }

    fn cursors(&self) -> Vec<u64> {
        self.got.iter().map(|b| b.cursor).collect()
    }
}

/// The cluster id (hex) a device's state file says `relay` announced in its Welcome.
fn announced_cluster(state: &Path, relay: &RelayAddr) -> String {
    let text = std::fs::read_to_string(state).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["clusters"][hex::encode(relay.endpoint_id)]
        .as_str()
        .unwrap_or_else(|| panic!("no cluster recorded for the relay in {text}"))
        .to_owned()
}

async fn wait_for_failover(events: &zerok_core::EventStream, from: &RelayAddr) -> RelayAddr {
    loop {
        match within(30, "failover", events.next()).await {
            Some(SyncEvent::Failover { from: f, to }) => {
                assert_eq!(&f, from);
                return to;
            }
            Some(_) => {}
            None => panic!("event stream ended"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_through_node_1_reaches_a_subscriber_on_node_2_live() {
    let _server = SERVER.read().await;
    let url = fresh_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    let n1 = node(&url, dir.path(), "node1", false);
    let n2 = node(&url, dir.path(), "node2", false);
    assert_ne!(n1.addr.endpoint_id, n2.addr.endpoint_id, "own keys");
    let secret = GroupSecret::generate();
    let (state_a, state_b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let mut config_a = config(&secret, &[&n1.addr]);
    config_a.state_path = Some(state_a.clone());
    let mut config_b = config(&secret, &[&n2.addr]);
    config_b.state_path = Some(state_b.clone());
    let a = device(config_a).await;
    let b = device(config_b).await;
    let mut inbox_a = Inbox::new(a.subscribe().await.unwrap());
    let mut inbox_b = Inbox::new(b.subscribe().await.unwrap());

    // Each blob is read on the other node only once its subscriber has the previous one:
    // from the second round on, it can reach the subscriber only as a live notice across
    // nodes (nothing polls).
    let mut acked = Vec::new();
    for round in 0..3u8 {
        let sent = a.push(&[b'a', round]).await.unwrap();
        let got = inbox_b.next("node 1 → node 2").await;
        assert_eq!(
            (&got.payload, got.blob_id, got.cursor),
            (&vec![b'a', round], sent.blob_id, sent.cursor)
        );
        acked.push((sent.cursor, sent.blob_id, vec![b'a', round]));
        let sent = b.push(&[b'b', round]).await.unwrap();
        let got = inbox_a.next("node 2 → node 1").await;
        assert_eq!(
            (&got.payload, got.blob_id, got.cursor),
            (&vec![b'b', round], sent.blob_id, sent.cursor)
        );
        acked.push((sent.cursor, sent.blob_id, vec![b'b', round]));
    }
    let cursors: Vec<u64> = acked.iter().map(|(c, ..)| *c).collect();
    assert_eq!(
        cursors,
        (1..=6).collect::<Vec<_>>(),
        "one log, in push order"
    );
    assert_eq!((a.current_cursor(), b.current_cursor()), (6, 5));

    // Both nodes named the same cluster in Welcome: the one the database holds.
    let row = sql(&url)
        .await
        .query_one("SELECT cluster_id FROM zerok_meta", &[])
        .await
        .unwrap();
    let cluster = hex::encode(row.get::<_, Vec<u8>>(0));
    assert_eq!(announced_cluster(&state_a, &n1.addr), cluster);
    assert_eq!(announced_cluster(&state_b, &n2.addr), cluster);
    for node in [&n1, &n2] {
        assert!(
            node.log()
                .lines()
                .any(|l| l.contains("cluster node") && l.contains(&cluster)),
            "{}",
            node.log()
        );
    }

    // A new device reads the same log, with the same cursors, from either node.
    assert_eq!(pull_all(&secret, &n1.addr).await, acked);
    assert_eq!(pull_all(&secret, &n2.addr).await, acked);
    for c in [a, b] {
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushers_on_three_nodes_share_one_gap_free_log_delivered_once_everywhere() {
    const NODES: usize = 3;
    const PER_NODE: usize = 3;
    const PUSHES: usize = 50;
    const TOTAL: usize = NODES * PER_NODE * PUSHES;
    let _server = SERVER.read().await;
    let url = fresh_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    let nodes: Vec<RelayProc> = (0..NODES)
        .map(|i| node(&url, dir.path(), &format!("node{i}"), false))
        .collect();
    let secret = GroupSecret::generate();

    let mut subscribers = Vec::new();
    let mut inboxes = Vec::new();
    for node in &nodes {
        let s = device(config(&secret, &[&node.addr])).await;
        inboxes.push(Inbox::new(s.subscribe().await.unwrap()));
        subscribers.push(s);
    }
    let mut pushers = Vec::new();
    for node in &nodes {
        for _ in 0..PER_NODE {
            pushers.push(device(config(&secret, &[&node.addr])).await);
        }
    }
    let mut storm = tokio::task::JoinSet::new();
    for (d, pusher) in pushers.iter().enumerate() {
        let pusher = pusher.clone();
        storm.spawn(async move {
            let mut acked = Vec::new();
            for i in 0..PUSHES {
                let payload = format!("device {d} push {i}").into_bytes();
                let r = pusher.push(&payload).await.unwrap();
                acked.push((r.cursor, r.blob_id, payload));
            }
            acked
        });
    }
    let mut acked = Vec::new();
    within(180, "every push acknowledged", async {
        while let Some(done) = storm.join_next().await {
            acked.extend(done.unwrap());
        }
    })
    .await;
    acked.sort();
    let cursors: Vec<u64> = acked.iter().map(|(c, ..)| *c).collect();
    assert_eq!(
        cursors,
        (1..=TOTAL as u64).collect::<Vec<_>>(),
        "acknowledged cursors: one each, gap-free"
    );

    for (i, inbox) in inboxes.iter_mut().enumerate() {
        inbox.until(TOTAL, 120, "every blob on each node").await;
        let got: Vec<_> = inbox
            .got
            .iter()
            .map(|b| (b.cursor, b.blob_id, b.payload.clone()))
            .collect();
        assert_eq!(
            got, acked,
            "subscriber on node {i}: each blob once, in cursor order"
        );
    }
    // Nothing more was delivered: a duplicate would come before this blob.
    let last = pushers[0].push(b"the last one").await.unwrap();
    assert_eq!(last.cursor, TOTAL as u64 + 1);
    for (i, inbox) in inboxes.iter_mut().enumerate() {
        let next = inbox.next("the last blob").await;
        assert_eq!(
            (next.cursor, next.payload),
            (last.cursor, b"the last one".to_vec()),
            "subscriber on node {i}"
        );
    }
    acked.push((last.cursor, last.blob_id, b"the last one".to_vec()));

    for node in &nodes {
        assert_eq!(
            pull_all(&secret, &node.addr).await,
            acked,
            "a pull through a node"
        );
    }
    let group = group_of(&pushers[0]);
    let in_db: Vec<_> = acked.iter().map(|(c, id, _)| (*c, *id)).collect();
    assert_eq!(stored(&url, &group).await, in_db);
    assert_eq!(last_cursor(&url, &group).await, TOTAL as u64 + 1);
    for c in subscribers.into_iter().chain(pushers) {
        c.shutdown().await;
    }
}

/// What pushers acknowledged: blob id → (cursor, payload).
type Acked = Arc<Mutex<HashMap<[u8; 16], (u64, Vec<u8>)>>>;

/// Devices pushing fixed-size payloads until `stop`; each returns its failures.
fn push_storm(
    pushers: &[SyncClient<IrohTransport>],
    acked: &Acked,
    stop: &Arc<AtomicBool>,
) -> tokio::task::JoinSet<Vec<Error>> {
    let mut storm = tokio::task::JoinSet::new();
    for (w, pusher) in pushers.iter().enumerate() {
        let (pusher, acked, stop) = (pusher.clone(), acked.clone(), stop.clone());
        storm.spawn(async move {
            let mut failures = Vec::new();
            let mut i = 0u32;
            while !stop.load(Ordering::Acquire) {
                let payload = format!("writer {w:02} blob {i:06}").into_bytes();
                i += 1;
                match pusher.push(&payload).await {
                    Ok(r) => {
                        let before = acked.lock().unwrap().insert(r.blob_id, (r.cursor, payload));
                        assert!(before.is_none(), "a blob id acknowledged twice");
                    }
                    Err(e) => failures.push(e),
                }
            }
            failures
        });
    }
    storm
}

async fn acked_at_least(acked: &Acked, n: usize, what: &str) {
    within(120, what, async {
        while acked.lock().unwrap().len() < n {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}

/// Checks a full pull against every acknowledged push: each present at its cursor, cursors
/// gap-free from 1, no payload twice.
fn check_log(pulled: &[(u64, [u8; 16], Vec<u8>)], acked: &HashMap<[u8; 16], (u64, Vec<u8>)>) {
    let cursors: Vec<u64> = pulled.iter().map(|(c, ..)| *c).collect();
    assert_eq!(
        cursors,
        (1..=pulled.len() as u64).collect::<Vec<_>>(),
        "gap-free"
    );
    let payloads: HashSet<&Vec<u8>> = pulled.iter().map(|(.., p)| p).collect();
    assert_eq!(payloads.len(), pulled.len(), "a payload stored twice");
    let by_id: HashMap<[u8; 16], (u64, &Vec<u8>)> =
        pulled.iter().map(|(c, id, p)| (*id, (*c, p))).collect();
    assert_eq!(by_id.len(), pulled.len(), "a blob id stored twice");
    for (id, (cursor, payload)) in acked {
        let found = by_id
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged blob at cursor {cursor} lost"));
        assert_eq!(*found, (*cursor, payload));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_of_a_node_mid_storm_loses_nothing_and_devices_fail_over_without_rereading() {
    let _server = SERVER.read().await;
    let url = fresh_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    let mut n1 = node(&url, dir.path(), "node1", false);
    let n2 = node(&url, dir.path(), "node2", true);
    let n3 = node(&url, dir.path(), "node3", true);
    let all = [&n1.addr, &n2.addr, &n3.addr];
    let secret = GroupSecret::generate();

    let subscriber = device(config(&secret, &all)).await;
    let events = subscriber.events();
    let mut inbox = Inbox::new(subscriber.subscribe().await.unwrap());
    let mut pushers = Vec::new();
    for _ in 0..4 {
        let p = device(config(&secret, &all)).await;
        assert_eq!(p.active_relay(), Some(n1.addr.clone()));
        pushers.push(p);
    }
    assert_eq!(subscriber.active_relay(), Some(n1.addr.clone()));
    let acked: Acked = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut storm = push_storm(&pushers, &acked, &stop);

    acked_at_least(&acked, 200, "200 pushes through node 1").await;
    inbox.until(50, 30, "50 blobs live through node 1").await;
    // Everything up to here came through node 1 (the only node anyone used so far).
    let seen_before_kill = inbox.got.last().unwrap().cursor;
    let acked_at_kill = acked.lock().unwrap().len();
    n1.kill();

    let moved_to = wait_for_failover(&events, &n1.addr).await;
    assert_ne!(moved_to, n1.addr);
    acked_at_least(&acked, acked_at_kill + 300, "300 pushes after the kill").await;
    stop.store(true, Ordering::Release);
    let mut failures = Vec::new();
    within(60, "pushers stop", async {
        while let Some(done) = storm.join_next().await {
            failures.extend(done.unwrap());
        }
    })
    .await;
    assert!(
        failures.is_empty(),
        "pushes failed although two nodes were up: {failures:?}"
    );
    for p in &pushers {
        assert_ne!(
            p.active_relay(),
            Some(n1.addr.clone()),
            "a pusher on the dead node"
        );
    }

    let group = group_of(&subscriber);
    let total = last_cursor(&url, &group).await as usize;
    inbox
        .until(total, 60, "every blob, through node 1 then another node")
        .await;
    assert_eq!(
        inbox.cursors(),
        (1..=total as u64).collect::<Vec<_>>(),
        "the subscriber got each blob once, in order, across the failover"
    );
    // Nothing more: a duplicate would come before this blob.
    let last = pushers[0].push(b"after the storm").await.unwrap();
    assert_eq!(last.cursor, total as u64 + 1);
    let next = inbox.next("the blob after the storm").await;
    assert_eq!(
        (next.cursor, next.payload),
        (last.cursor, b"after the storm".to_vec())
    );
    assert_eq!(
        subscriber.current_cursor(),
        last.cursor,
        "one cursor for the cluster"
    );

    // The surviving nodes sent the subscriber (their only reader so far) only what came after
    // what it had from node 1: a device that re-read its log from the start would have made
    // them send every blob again.
    let row = sql(&url)
        .await
        .query_one(
            "SELECT coalesce(sum(length(envelope)), 0)::bigint FROM zerok_blobs \
             WHERE group_id = $1 AND cursor > $2",
            &[&group, &(seen_before_kill as i64)],
        )
        .await
        .unwrap();
    let after_kill_bytes = row.get::<_, i64>(0) as f64;
    let sent: f64 = [&n2, &n3]
        .iter()
        .map(|n| {
            let http = n.http_addr();
            metric(http, "zerok_notify_envelope_bytes_total")
                + metric(http, "zerok_pull_envelope_bytes_total")
        })
        .sum();
    assert!(sent > 0.0, "the subscriber was served after the failover");
    assert!(
        sent <= after_kill_bytes,
        "the surviving nodes sent {sent} envelope bytes; only {after_kill_bytes} were \
         committed after cursor {seen_before_kill}, which the device had from node 1"
    );

    let mut acked = std::mem::take(&mut *acked.lock().unwrap());
    acked.insert(last.blob_id, (last.cursor, b"after the storm".to_vec()));
    let pulled = pull_all(&secret, &n3.addr).await;
    check_log(&pulled, &acked);
    assert_eq!(pulled.len(), total + 1);
    eprintln!(
        "kill test: {} acknowledged, {acked_at_kill} before the kill, subscriber had cursor \
         {seen_before_kill} from node 1, moved to {}, surviving nodes sent {sent} of \
         {after_kill_bytes} bytes",
        acked.len(),
        moved_to.short_id()
    );
    for c in pushers.into_iter().chain([subscriber]) {
        c.shutdown().await;
    }
}

/// `scripts/with-postgres --pg-ctl DIR ARGS`, on the server of `ZEROK_TEST_POSTGRES_DIR`.
async fn pg_ctl(args: &[&str]) {
    let dir = std::env::var("ZEROK_TEST_POSTGRES_DIR").unwrap_or_else(|_| {
        panic!(
            "ZEROK_TEST_POSTGRES_DIR is not set: run the PostgreSQL tests through \
             scripts/with-postgres (scripts/test-all does)"
        )
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/with-postgres");
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(script)
            .arg("--pg-ctl")
            .arg(dir)
            .args(args)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "pg_ctl failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Brings the server back if the test fails while it is down (the other tests need it).
struct RestartOnDrop(bool);

impl Drop for RestartOnDrop {
    fn drop(&mut self) {
        if self.0 {
            let dir = std::env::var("ZEROK_TEST_POSTGRES_DIR").unwrap();
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/with-postgres");
            let _ = Command::new(script)
                .args(["--pg-ctl", &dir, "start"])
                .status();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_gives_typed_errors_then_service_resumes() {
    let _server = SERVER.write().await;
    let url = fresh_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    let mut n1 = node(&url, dir.path(), "node1", true);
    let mut n2 = node(&url, dir.path(), "node2", false);
    let (pid1, pid2) = (n1.pid(), n2.pid());
    let secret = GroupSecret::generate();
    // A request timeout short enough that a push made while the database is down fails
    // (the client retries StorageUnavailable as transient within it).
    let through_node_1 = || {
        let mut c = config(&secret, &[&n1.addr]);
        c.request_timeout = Duration::from_secs(3);
        c
    };
    let pushers = vec![
        device(through_node_1()).await,
        device(through_node_1()).await,
    ];
    let probe = device(through_node_1()).await;
    // Reads through node 2: its notices of node 1's commits come over its LISTEN
    // connection, which dies with the server and must come back.
    let reader = device(config(&secret, &[&n2.addr])).await;
    let mut inbox = Inbox::new(reader.subscribe().await.unwrap());

    let acked: Acked = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut storm = push_storm(&pushers, &acked, &stop);
    acked_at_least(&acked, 100, "100 pushes before the restart").await;

    let mut guard = RestartOnDrop(true);
    pg_ctl(&["stop", "-m", "fast"]).await;
    let down_at = Instant::now();
    let refused_before = metric(
        n1.http_addr(),
        r#"zerok_requests_total{kind="push",outcome="storage_unavailable"}"#,
    );
    let err = probe
        .push(b"while the database is down")
        .await
        .expect_err("a push acknowledged while the database was down");
    assert!(
        matches!(&err, Error::Transport(m) if m.contains("storage unavailable")),
        "{err:?}"
    );
    assert!(err.is_transient());
    let refused = metric(
        n1.http_addr(),
        r#"zerok_requests_total{kind="push",outcome="storage_unavailable"}"#,
    );
    assert!(
        refused > refused_before,
        "node 1 answered no push with StorageUnavailable ({refused_before} → {refused})"
    );
    let acked_while_down = acked.lock().unwrap().len();
    assert!(down_at.elapsed() < Duration::from_secs(30));

    pg_ctl(&["start"]).await;
    guard.0 = false;
    // Service resumes through the same processes, without a restart.
    let resumed = within(60, "a push after the database came back", async {
        loop {
            match probe.push(b"after the restart").await {
                Ok(r) => break r,
                Err(e) => assert!(e.is_transient(), "{e:?}"),
            }
        }
    })
    .await;
    acked_at_least(
        &acked,
        acked_while_down + 100,
        "100 more pushes after the restart",
    )
    .await;
    stop.store(true, Ordering::Release);
    let mut failures = Vec::new();
    within(60, "pushers stop", async {
        while let Some(done) = storm.join_next().await {
            failures.extend(done.unwrap());
        }
    })
    .await;
    for e in &failures {
        assert!(e.is_transient(), "a push failed for good: {e:?}");
    }
    assert!(n1.running() && n2.running(), "a node exited");
    assert_eq!((n1.pid(), n2.pid()), (pid1, pid2));

    let group = group_of(&probe);
    let mut acked = std::mem::take(&mut *acked.lock().unwrap());
    acked.insert(
        resumed.blob_id,
        (resumed.cursor, b"after the restart".to_vec()),
    );
    let total = last_cursor(&url, &group).await as usize;
    // Every blob reaches node 2's subscriber once, in order, the restart notwithstanding.
    inbox.until(total, 60, "every blob through node 2").await;
    assert_eq!(inbox.cursors(), (1..=total as u64).collect::<Vec<_>>());
    for blob in &inbox.got {
        if let Some((cursor, payload)) = acked.get(&blob.blob_id) {
            assert_eq!((cursor, payload), (&blob.cursor, &blob.payload));
        }
    }
    let pulled = pull_all(&secret, &n1.addr).await;
    check_log(&pulled, &acked);
    assert_eq!(pulled.len(), total);
    eprintln!(
        "restart test: {} acknowledged, {} transient failures while down",
        acked.len(),
        failures.len()
    );
    for c in pushers.into_iter().chain([probe, reader]) {
        c.shutdown().await;
    }
}
