//! Relay clusters, device side: nodes of one cluster (relays sharing one store) announce it in
//! `Welcome`, devices keep one cursor for the whole cluster, fail over between its nodes
//! without re-reading anything and never copy their pushes from one node to another, and
//! commits made through one node reach subscribers on the others. Independent relays keep
//! per-relay cursors and background replication. And the graceful drain: a relay told to
//! stop sends its devices to their next relay at once.
//!
//! The nodes are real `Relay`s over real iroh on 127.0.0.1, in this test process, sharing one
//! SQLite store through [`Node`]: the same contract a database-backed store keeps (a fixed
//! cluster id, commit notices of the other nodes' pushes), without a database server.

mod common;

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use common::{RelayProc, within};
use tokio::sync::{
    mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel},
    watch,
};
use zerok_core::{
    ClientConfig, GroupSecret, IrohTransport, Liveness, ObjectInfo, RelayAddr, Subscription,
    SyncClient, SyncEvent,
};
use zerok_relay::{
    Relay, RelayConfig,
    storage::{
        CommitNotice, GroupId, NewBlob, ObjectSpec, ObjectState, Page, PushOutcome, SqliteConfig,
        SqliteStorage, Storage, StorageError,
    },
};

const CLUSTER: [u8; 16] = [0xC1; 16];

/// One node's view of a store shared by a cluster of nodes: pushes go to the shared
/// store and are announced to the other nodes after the commit, as a database's
/// notifications would be. Counts what this node asked of the store.
struct Node {
    store: Arc<SqliteStorage>,
    notices: Mutex<Option<UnboundedReceiver<CommitNotice>>>,
    /// Where this node announces its commits (the other node's notices).
    peer: UnboundedSender<CommitNotice>,
    /// While set, this node's commits go unannounced (a lost notification).
    muted: Arc<AtomicBool>,
    pushes: Arc<AtomicU64>,
    /// The lowest cursor this node was asked to read after (`u64::MAX`: never read).
    lowest_read: Arc<AtomicU64>,
    /// Pushes wait while this is false (a slow commit, to hold a request in flight) …
    open: watch::Receiver<bool>,
    /// … and count themselves here while they wait.
    waiting: Arc<watch::Sender<u32>>,
}

/// What a test sees of a node's store.
#[derive(Clone)]
struct Probe {
    /// Feeds this node's commit notices (to send it a `Resync`).
    notices: UnboundedSender<CommitNotice>,
    muted: Arc<AtomicBool>,
    pushes: Arc<AtomicU64>,
    lowest_read: Arc<AtomicU64>,
    open: Arc<watch::Sender<bool>>,
    waiting: Arc<watch::Sender<u32>>,
}

/// Two nodes on one store, each announcing its commits to the other.
fn two_nodes(store: Arc<SqliteStorage>) -> [(Node, Probe); 2] {
    let (to_1, from_2) = unbounded_channel();
    let (to_2, from_1) = unbounded_channel();
    let node = |notices, feed: &UnboundedSender<CommitNotice>, peer| {
        let (muted, pushes) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicU64::new(0)),
        );
        let lowest_read = Arc::new(AtomicU64::new(u64::MAX));
        let (open, waiting) = (
            Arc::new(watch::channel(true).0),
            Arc::new(watch::channel(0).0),
        );
        let probe = Probe {
            notices: feed.clone(),
            muted: muted.clone(),
            pushes: pushes.clone(),
            lowest_read: lowest_read.clone(),
            open: open.clone(),
            waiting: waiting.clone(),
        };
        let node = Node {
            store: store.clone(),
            notices: Mutex::new(Some(notices)),
            peer,
            muted,
            pushes,
            lowest_read,
            open: open.subscribe(),
            waiting,
        };
        (node, probe)
    };
    [
        node(from_2, &to_1, to_2.clone()),
        node(from_1, &to_2, to_1.clone()),
    ]
}

impl Node {
    /// Tells the peer node of a new commit, as a shared database's notices would (unless
    /// muted).
    fn announce(&self, group: GroupId, outcome: PushOutcome) {
        if !outcome.duplicate && !self.muted.load(Ordering::Acquire) {
            let _ = self.peer.send(CommitNotice::Committed {
                group,
                cursor: outcome.cursor,
            });
        }
    }
}

impl Storage for Node {
    async fn push(&self, group: GroupId, blob: NewBlob) -> Result<PushOutcome, StorageError> {
        self.pushes.fetch_add(1, Ordering::AcqRel);
        if !*self.open.borrow() {
            self.waiting.send_modify(|n| *n += 1);
            let _ = self.open.clone().wait_for(|o| *o).await;
        }
        let outcome = self.store.push(group, blob).await?;
        self.announce(group, outcome);
        Ok(outcome)
    }

    async fn pull(
        &self,
        group: GroupId,
        after: u64,
        limit: u32,
        max_bytes: usize,
        now_ms: u64,
    ) -> Result<Page, StorageError> {
        self.lowest_read.fetch_min(after, Ordering::AcqRel);
        self.store
            .pull(group, after, limit, max_bytes, now_ms)
            .await
    }

    async fn latest_cursor(&self, group: GroupId) -> Result<u64, StorageError> {
        self.store.latest_cursor(group).await
    }

    async fn expire(&self, now_ms: u64) -> Result<u64, StorageError> {
        self.store.expire(now_ms).await
    }

    async fn object_begin(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> Result<ObjectState, StorageError> {
        self.store
            .object_begin(group, spec, staging_expires_at_ms)
            .await
    }

    async fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        self.store
            .put_chunk(group, object_id, index, envelope, staging_expires_at_ms)
            .await
    }

    /// The manifest enters the log as a push does, and is announced as one.
    async fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    ) -> Result<PushOutcome, StorageError> {
        let outcome = self.store.commit_object(group, object_id, manifest).await?;
        self.announce(group, outcome);
        Ok(outcome)
    }

    async fn abort_object(&self, group: GroupId, object_id: [u8; 16]) -> Result<(), StorageError> {
        self.store.abort_object(group, object_id).await
    }

    async fn object_state(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> Result<Option<ObjectState>, StorageError> {
        self.store.object_state(group, object_id).await
    }

    async fn chunks(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        self.store.chunks(group, object_id, from, limit).await
    }

    /// The shared store outlives a node's shutdown (the other node still serves it); the
    /// test closes it at the end.
    async fn close(&self) {}

    fn cluster_id(&self) -> Option<[u8; 16]> {
        Some(CLUSTER)
    }

    fn commit_notices(&self) -> Option<UnboundedReceiver<CommitNotice>> {
        self.notices.lock().unwrap().take()
    }
}

struct Cluster {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStorage>,
    nodes: [Option<Relay<Node>>; 2],
    probes: [Probe; 2],
    addrs: [RelayAddr; 2],
}

impl Cluster {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(
            SqliteStorage::open(&dir.path().join("shared.db"), SqliteConfig::default()).unwrap(),
        );
        let [(n1, p1), (n2, p2)] = two_nodes(store.clone());
        let r1 = Relay::start(n1, RelayConfig::default()).await.unwrap();
        let r2 = Relay::start(n2, RelayConfig::default()).await.unwrap();
        Self {
            _dir: dir,
            store,
            addrs: [r1.addr(), r2.addr()],
            nodes: [Some(r1), Some(r2)],
            probes: [p1, p2],
        }
    }

    /// The graceful drain of node `i` (what SIGTERM does to a relay process).
    async fn drain(&mut self, i: usize) {
        self.nodes[i].take().unwrap().shutdown().await;
    }

    async fn stop(mut self) {
        for node in self.nodes.iter_mut().filter_map(Option::take) {
            node.shutdown().await;
        }
        self.store.close().await;
    }
}

/// Timeouts long enough that a test passing within a few seconds shows that none of them
/// was waited out: the device moved on because it was told to, or was refused.
fn patient(secret: &GroupSecret, relays: &[&RelayAddr]) -> ClientConfig {
    let mut config = ClientConfig::new(secret.clone(), relays.iter().map(|&r| r.clone()).collect());
    config.connect_timeout = Duration::from_secs(10);
    config.request_timeout = Duration::from_secs(20);
    config.liveness = Liveness {
        keep_alive: Duration::from_secs(4),
        idle_timeout: Duration::from_secs(15),
    };
    config
}

async fn device(config: ClientConfig) -> SyncClient<IrohTransport> {
    let client = SyncClient::new(IrohTransport::loopback().await.unwrap(), config).unwrap();
    client.connect().await.unwrap();
    client
}

async fn next_payload(sub: &Subscription) -> Vec<u8> {
    within(10, "a live blob", sub.next())
        .await
        .expect("subscription open")
        .expect("a good blob")
        .payload
}

fn group_of(client: &SyncClient<IrohTransport>) -> GroupId {
    hex::decode(client.group_id()).unwrap().try_into().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_on_two_nodes_see_each_others_pushes_live_and_nothing_is_copied_between_nodes() {
    let cluster = Cluster::start().await;
    let [n1, n2] = &cluster.addrs;
    let secret = GroupSecret::generate();
    // Each prefers its own node and knows the other: a device with independent relays
    // would copy every push to the other one.
    let a = device(patient(&secret, &[n1, n2])).await;
    let b = device(patient(&secret, &[n2, n1])).await;
    let (sub_a, sub_b) = (a.subscribe().await.unwrap(), b.subscribe().await.unwrap());

    for round in 0..3u8 {
        a.push(&[b'a', round]).await.unwrap();
        assert_eq!(
            next_payload(&sub_b).await,
            vec![b'a', round],
            "node 1 → node 2"
        );
        b.push(&[b'b', round]).await.unwrap();
        assert_eq!(
            next_payload(&sub_a).await,
            vec![b'b', round],
            "node 2 → node 1"
        );
    }
    a.replication_idle().await;
    b.replication_idle().await;
    // The first copy was queued before A knew node 2's cluster; its worker learned it on
    // connecting and dropped the copy. Later pushes were never queued.
    assert_eq!(
        cluster.probes[0].pushes.load(Ordering::Acquire),
        3,
        "A's pushes only"
    );
    assert_eq!(
        cluster.probes[1].pushes.load(Ordering::Acquire),
        3,
        "B's pushes only"
    );
    let latest = cluster.store.latest_cursor(group_of(&a)).await.unwrap();
    assert_eq!(latest, 6, "one cursor per push in the cluster's log");
    // Each device's cursor is past the other's last push (its own are skipped, not taken).
    assert_eq!((a.current_cursor(), b.current_cursor()), (6, 5));

    for c in [a, b] {
        c.shutdown().await;
    }
    cluster.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_over_between_nodes_rereads_nothing() {
    let mut cluster = Cluster::start().await;
    let [n1, n2] = cluster.addrs.clone();
    let secret = GroupSecret::generate();
    let a = device(patient(&secret, &[&n1, &n2])).await;
    let events = a.events();
    let pusher = device(patient(&secret, &[&n2])).await;
    let sub = a.subscribe().await.unwrap();
    for i in 0..3u8 {
        pusher.push(&[i]).await.unwrap();
        assert_eq!(next_payload(&sub).await, vec![i]);
    }
    assert_eq!(a.active_relay(), Some(n1.clone()));

    let drained_at = Instant::now();
    cluster.drain(0).await;
    loop {
        match within(5, "failover", events.next()).await {
            Some(SyncEvent::Failover { from, to }) => {
                assert_eq!((from, to), (n1.clone(), n2.clone()));
                break;
            }
            Some(_) => {}
            None => panic!("event stream ended"),
        }
    }
    for i in 3..5u8 {
        pusher.push(&[i]).await.unwrap();
        assert_eq!(
            next_payload(&sub).await,
            vec![i],
            "each blob exactly once, in order"
        );
    }
    let took = drained_at.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "serving from node 2 {took:?} after node 1 drained (connect timeout 10 s, idle 15 s)"
    );
    let lowest = cluster.probes[1].lowest_read.load(Ordering::Acquire);
    assert!(
        lowest >= 3,
        "node 2 was asked to read after cursor {lowest}: the device re-read blobs it had"
    );
    assert_eq!(a.current_cursor(), 5);
    // Nothing more arrives: a duplicate would be the next item.
    pusher.push(b"last").await.unwrap();
    assert_eq!(next_payload(&sub).await, b"last".to_vec());

    for c in [a, pusher] {
        c.shutdown().await;
    }
    cluster.stop().await;
}

/// A node draining with a push in flight: the push is committed and acknowledged by that
/// node, and meanwhile a device dialing it is refused at once and served by the other node
/// (a dial left unanswered would wait out the 10 s connect timeout).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draining_node_finishes_requests_in_flight_and_refuses_new_devices() {
    let mut cluster = Cluster::start().await;
    let [n1, n2] = cluster.addrs.clone();
    let secret = GroupSecret::generate();
    let a = device(patient(&secret, &[&n1, &n2])).await;
    let probe = cluster.probes[0].clone();
    probe.open.send_replace(false);
    let in_flight = tokio::spawn({
        let a = a.clone();
        async move { a.push(b"in flight").await }
    });
    within(5, "the push reaching node 1", async {
        probe
            .waiting
            .subscribe()
            .wait_for(|n| *n == 1)
            .await
            .unwrap();
    })
    .await;
    let events = a.events();
    let node1 = cluster.nodes[0].take().unwrap();
    let draining = tokio::spawn(node1.shutdown());
    // A is told to move (its session ends) while its push is still being committed.
    loop {
        match within(5, "the end of A's session", events.next()).await {
            Some(SyncEvent::Disconnected { relay, .. }) if relay == n1 => break,
            Some(_) => {}
            None => panic!("event stream ended"),
        }
    }
    let moved = a.push(b"after the drain began");
    let moved = within(5, "a push during the drain", moved).await.unwrap();
    assert_eq!(a.active_relay(), Some(n2.clone()));

    let dialed_at = Instant::now();
    let newcomer = device(patient(&secret, &[&n1, &n2])).await;
    assert_eq!(newcomer.active_relay(), Some(n2.clone()));
    let took = dialed_at.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "refused by the draining node after {took:?}"
    );

    probe.open.send_replace(true);
    let acked = within(10, "the push in flight", in_flight)
        .await
        .unwrap()
        .unwrap();
    within(10, "the drain", draining).await.unwrap();
    assert_eq!(
        probe.pushes.load(Ordering::Acquire),
        1,
        "acknowledged by node 1, not retried elsewhere"
    );
    let latest = cluster.store.latest_cursor(group_of(&a)).await.unwrap();
    assert_eq!(latest, 2);
    assert_ne!(acked.cursor, moved.cursor);

    for c in [a, newcomer] {
        c.shutdown().await;
    }
    cluster.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resync_delivers_what_lost_notices_did_not_announce() {
    let cluster = Cluster::start().await;
    let [n1, n2] = &cluster.addrs;
    let secret = GroupSecret::generate();
    let pusher = device(patient(&secret, &[n1])).await;
    let reader = device(patient(&secret, &[n2])).await;
    let sub = reader.subscribe().await.unwrap();
    pusher.push(b"announced").await.unwrap();
    assert_eq!(next_payload(&sub).await, b"announced".to_vec());

    cluster.probes[0].muted.store(true, Ordering::Release);
    pusher.push(b"lost notice 1").await.unwrap();
    pusher.push(b"lost notice 2").await.unwrap();
    // Node 2's listener reconnected, say: notices may have been missed.
    cluster.probes[1]
        .notices
        .send(CommitNotice::Resync)
        .unwrap();
    assert_eq!(next_payload(&sub).await, b"lost notice 1".to_vec());
    assert_eq!(next_payload(&sub).await, b"lost notice 2".to_vec());

    for c in [pusher, reader] {
        c.shutdown().await;
    }
    cluster.stop().await;
}

/// Notices from other nodes may come late, twice, out of order, or for cursors a catch-up
/// already delivered: each blob still reaches the subscriber once, in cursor order (the
/// device refuses a cursor at or below one it has, so a duplicate would fail the read).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_repeated_and_out_of_order_notices_deliver_each_blob_once_in_order() {
    let cluster = Cluster::start().await;
    let [n1, n2] = &cluster.addrs;
    let secret = GroupSecret::generate();
    let pusher = device(patient(&secret, &[n1])).await;
    let reader = device(patient(&secret, &[n2])).await;
    let sub = reader.subscribe().await.unwrap();
    pusher.push(b"1").await.unwrap();
    assert_eq!(next_payload(&sub).await, b"1".to_vec());

    cluster.probes[0].muted.store(true, Ordering::Release);
    for p in [b"2", b"3", b"4"] {
        pusher.push(p).await.unwrap();
    }
    let group = group_of(&pusher);
    let to_node_2 = &cluster.probes[1].notices;
    for cursor in [3, 1, 2, 3, 4, 4, 2] {
        to_node_2
            .send(CommitNotice::Committed { group, cursor })
            .unwrap();
    }
    for p in [b"2", b"3", b"4"] {
        assert_eq!(next_payload(&sub).await, p.to_vec());
    }
    cluster.probes[0].muted.store(false, Ordering::Release);
    pusher.push(b"5").await.unwrap();
    assert_eq!(
        next_payload(&sub).await,
        b"5".to_vec(),
        "nothing in between"
    );
    assert_eq!(reader.current_cursor(), 5);

    for c in [pusher, reader] {
        c.shutdown().await;
    }
    cluster.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn independent_relays_keep_per_relay_cursors_and_replication() {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let open = |d: &tempfile::TempDir| {
        SqliteStorage::open(&d.path().join("relay.db"), SqliteConfig::default()).unwrap()
    };
    let r1 = Relay::start(open(&dirs[0]), RelayConfig::default())
        .await
        .unwrap();
    let r2 = Relay::start(open(&dirs[1]), RelayConfig::default())
        .await
        .unwrap();
    let (n1, n2) = (r1.addr(), r2.addr());
    let secret = GroupSecret::generate();
    let a = device(patient(&secret, &[&n1, &n2])).await;
    for i in 0..3u8 {
        a.push(&[i]).await.unwrap();
    }
    a.replication_idle().await;
    let group = group_of(&a);
    assert_eq!(r1.storage().latest_cursor(group).await.unwrap(), 3);
    assert_eq!(
        r2.storage().latest_cursor(group).await.unwrap(),
        3,
        "copied"
    );

    // A reader that moves from relay 2 to relay 1 reads relay 1's log from its own start
    // (its cursors are per relay), and gets each blob once.
    let reader = device(patient(&secret, &[&n2, &n1])).await;
    assert_eq!(reader.pull().await.unwrap().blobs.len(), 3);
    assert_eq!(reader.current_cursor(), 3);
    r2.shutdown().await;
    assert!(reader.pull().await.unwrap().blobs.is_empty(), "deduped");
    assert_eq!(reader.active_relay(), Some(n1));
    for c in [a, reader] {
        c.shutdown().await;
    }
    r1.shutdown().await;
}

/// Real relay processes: SIGTERM on the relay a subscribed device uses. The device is
/// served by its next relay well within its connect timeout and idle timeout: it was told
/// to move, and the draining relay refused it rather than leaving its dial unanswered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_sends_devices_to_their_next_relay_at_once() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let r1 = RelayProc::start(d1.path(), &[]);
    let r2 = RelayProc::start(d2.path(), &[]);
    let secret = GroupSecret::generate();
    let a = device(patient(&secret, &[&r1.addr, &r2.addr])).await;
    let events = a.events();
    let sub = a.subscribe().await.unwrap();
    let pusher = device(patient(&secret, &[&r2.addr])).await;
    pusher.push(b"before").await.unwrap();
    // A is on relay 1, which has nothing: the blob reaches A after the failover, live.
    assert_eq!(a.active_relay(), Some(r1.addr.clone()));

    let terminated_at = Instant::now();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &r1.pid().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    loop {
        match within(5, "failover", events.next()).await {
            Some(SyncEvent::Failover { from, to }) => {
                assert_eq!((from, to), (r1.addr.clone(), r2.addr.clone()));
                break;
            }
            Some(_) => {}
            None => panic!("event stream ended"),
        }
    }
    assert_eq!(next_payload(&sub).await, b"before".to_vec());
    pusher.push(b"after").await.unwrap();
    assert_eq!(next_payload(&sub).await, b"after".to_vec());
    let took = terminated_at.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "served by relay 2 {took:?} after SIGTERM to relay 1 (connect timeout 10 s, idle 15 s)"
    );
    let mut r1 = r1;
    assert!(r1.exited_within(Duration::from_secs(10)), "relay 1 exits");
    for c in [a, pusher] {
        c.shutdown().await;
    }
}

/// An object pushed through one of two independent relays is copied to the other (chunks and
/// manifest, from the relay that took it): a device whose relay is the other one downloads it
/// from there, and one still dialing the first reads it from the second when the first lacks it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn objects_are_copied_to_independent_relays() {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let open = |d: &tempfile::TempDir| {
        SqliteStorage::open(&d.path().join("relay.db"), SqliteConfig::default()).unwrap()
    };
    let r1_key = [0x11; 32];
    let r1_config = || RelayConfig {
        secret_key: Some(r1_key),
        ..RelayConfig::default()
    };
    let r1 = Relay::start(open(&dirs[0]), r1_config()).await.unwrap();
    let r2 = Relay::start(open(&dirs[1]), RelayConfig::default())
        .await
        .unwrap();
    let (n1, n2) = (r1.addr(), r2.addr());
    let secret = GroupSecret::generate();
    let a = device(patient(&secret, &[&n1, &n2])).await;
    let file = dirs[0].path().join("object.bin");
    let bytes: Vec<u8> = (0..3_500_000u32).map(|i| (i ^ (i >> 9)) as u8).collect();
    std::fs::write(&file, &bytes).unwrap();
    let pushed = within(20, "push", a.push_file(&file).await.unwrap().wait())
        .await
        .unwrap();
    within(20, "copies", a.replication_idle()).await;
    let group = group_of(&a);
    let state = r2
        .storage()
        .object_state(group, pushed.object_id)
        .await
        .unwrap();
    assert_eq!(
        state.map(|s| s.committed.is_some()),
        Some(true),
        "copied and committed"
    );

    // Relay 1 goes away: the reader is served by relay 2 alone.
    r1.shutdown().await;
    let reader = device(patient(&secret, &[&n2])).await;
    let blob = reader.pull().await.unwrap().blobs.remove(0);
    let object = blob.object.expect("an object");
    let downloaded = async |client: &SyncClient<IrohTransport>, object: &ObjectInfo| {
        let dest = dirs[1].path().join(hex::encode(object.object_id));
        let download = client.download(object, &dest).unwrap();
        within(20, "download", download.wait()).await.unwrap();
        std::fs::read(&dest).unwrap()
    };
    assert_eq!(downloaded(&reader, &object).await, bytes);

    // An object only relay 2 holds (pushed there while relay 1 was gone): a device whose
    // relay 1 is back, and preferred, lacks it there and reads it from relay 2.
    let late = within(20, "push", reader.push_file(&file).await.unwrap().wait())
        .await
        .unwrap();
    let again = RelayConfig {
        listen: n1.addrs[0],
        ..r1_config()
    };
    let r1 = Relay::start(open(&dirs[0]), again).await.unwrap();
    let both = device(patient(&secret, &[&n1, &n2])).await;
    assert_eq!(both.active_relay(), Some(n1.clone()));
    let late_object = ObjectInfo {
        object_id: late.object_id,
        ..object.clone()
    };
    assert_eq!(downloaded(&both, &late_object).await, bytes);
    for c in [a, reader, both] {
        c.shutdown().await;
    }
    r1.shutdown().await;
    r2.shutdown().await;
}
