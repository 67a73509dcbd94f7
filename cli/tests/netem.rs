//! Devices and two relays on a faulty network: each relay in a network namespace of its own,
//! reached over a veth link from the test's namespace, through an impairment stage that drops,
//! delays (100–300 ms, so packets overtake each other) and duplicates datagrams both ways; the
//! preferred relay's link is cut (`ip link set down`) for 30 s and comes back. Every blob a
//! device had acknowledged reaches every other device exactly once, each in cursor order of
//! the relay it came from, the devices fail over, and no call outlives its timeout.
//!
//! The impairment is in this test, not `tc netem`: the kernel here is built without
//! `CONFIG_NET_SCH_NETEM` (`tc qdisc add … netem` answers "Specified qdisc kind is unknown").
//! It does what netem's `loss`, `delay … distribution uniform` and `duplicate` do, per
//! datagram, on the link's only traffic (QUIC over UDP). The namespaces, links and the cut are
//! the kernel's. Needs root (as CI has): it fails, never skips, without it.

mod common;

use std::{
    collections::{HashMap, HashSet},
    net::{IpAddr, Ipv4Addr, SocketAddr},
    process::Command,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use common::{RelayProc, from_the_others, settle, within};
use tokio::net::UdpSocket;
use zerok_core::{
    ClientConfig, GroupSecret, IrohTransport, Liveness, RelayAddr, SyncClient, SyncEvent,
};

const DEVICES: usize = 3;
/// Per datagram and direction.
const LOSS: f64 = 0.10;
const DUPLICATE: f64 = 0.05;
const DELAY_MS: std::ops::Range<u64> = 100..300;
const CUT: Duration = Duration::from_secs(30);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs `ip ARGS…`, failing the test with its error.
fn ip(args: &[&str]) {
    let out = Command::new("ip").args(args).output().expect("running ip");
    assert!(
        out.status.success(),
        "ip {}: {} (this test needs root)",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A network namespace joined to the test's by a veth link: `near` on this side, `far`
/// inside. Deleted (with the link) on drop.
struct Link {
    netns: String,
    device: String,
    near: Ipv4Addr,
    far: Ipv4Addr,
}

impl Link {
    fn new(index: u8) -> Self {
        let pid = std::process::id();
        let (netns, device, peer) = (
            format!("zk{pid}r{index}"),
            format!("zk{pid}a{index}"),
            format!("zk{pid}b{index}"),
        );
        let net = [10, 100 + index, (pid % 250) as u8];
        let near = Ipv4Addr::new(net[0], net[1], net[2], 1);
        let far = Ipv4Addr::new(net[0], net[1], net[2], 2);
        ip(&["netns", "add", &netns]);
        let link = Self {
            netns,
            device,
            near,
            far,
        };
        ip(&[
            "link",
            "add",
            &link.device,
            "type",
            "veth",
            "peer",
            "name",
            &peer,
        ]);
        ip(&["link", "set", &peer, "netns", &link.netns]);
        ip(&["addr", "add", &format!("{near}/24"), "dev", &link.device]);
        ip(&["link", "set", &link.device, "up"]);
        let inside = |args: &[&str]| {
            let mut all = vec!["netns", "exec", &link.netns, "ip"];
            all.extend(args);
            ip(&all);
        };
        inside(&["addr", "add", &format!("{far}/24"), "dev", &peer]);
        inside(&["link", "set", &peer, "up"]);
        inside(&["link", "set", "lo", "up"]);
        link
    }

    fn set_up(&self, up: bool) {
        ip(&["link", "set", &self.device, if up { "up" } else { "down" }]);
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["link", "del", &self.device])
            .status();
        let _ = Command::new("ip")
            .args(["netns", "del", &self.netns])
            .status();
    }
}

/// The impairment stage in front of one relay: a UDP address devices dial instead of the
/// relay's, forwarding each datagram both ways with loss, delay and duplication.
struct Impaired {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Impaired {
    async fn start(near: Ipv4Addr, relay: SocketAddr, seed: u64) -> Self {
        let listen = Arc::new(UdpSocket::bind((near, 0)).await.unwrap());
        let addr = listen.local_addr().unwrap();
        let task = tokio::spawn(forward(listen, near, relay, seed));
        Self { addr, task }
    }
}

impl Drop for Impaired {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One upstream socket per device address (as a NAT would), each answered back to it.
async fn forward(listen: Arc<UdpSocket>, near: Ipv4Addr, relay: SocketAddr, seed: u64) {
    let rng = Arc::new(Mutex::new(fastrand::Rng::with_seed(seed)));
    let mut upstreams: HashMap<SocketAddr, Arc<UdpSocket>> = HashMap::new();
    let mut buf = vec![0; 65536];
    loop {
        let Ok((len, device)) = listen.recv_from(&mut buf).await else {
            return;
        };
        let upstream = match upstreams.get(&device) {
            Some(upstream) => upstream.clone(),
            None => {
                let upstream = Arc::new(UdpSocket::bind((near, 0)).await.unwrap());
                let (back, listen, rng) = (upstream.clone(), listen.clone(), rng.clone());
                tokio::spawn(async move {
                    let mut buf = vec![0; 65536];
                    while let Ok((len, _)) = back.recv_from(&mut buf).await {
                        impair(&listen, &buf[..len], device, &rng);
                    }
                });
                upstreams.insert(device, upstream.clone());
                upstream
            }
        };
        impair(&upstream, &buf[..len], relay, &rng);
    }
}

/// Sends `datagram` to `to` from `socket`: dropped, or sent once or twice, each copy after its
/// own delay. Send errors (the link is down) are a loss like any other.
fn impair(socket: &Arc<UdpSocket>, datagram: &[u8], to: SocketAddr, rng: &Mutex<fastrand::Rng>) {
    let mut rng = rng.lock().unwrap();
    if rng.f64() < LOSS {
        return;
    }
    let copies = if rng.f64() < DUPLICATE { 2 } else { 1 };
    for _ in 0..copies {
        let delay = Duration::from_millis(rng.u64(DELAY_MS));
        let (socket, datagram) = (socket.clone(), datagram.to_vec());
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let _ = socket.send_to(&datagram, to).await;
        });
    }
}

/// What one device's subscription handed it, in order: blob id and cursor.
type Deliveries = Arc<Mutex<Vec<([u8; 16], u64)>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_blob_arrives_once_in_order_through_loss_delay_and_a_cut() {
    let seed = fastrand::u64(..);
    println!("netem: seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    let links = [Link::new(1), Link::new(2)];
    let mut relays = Vec::new();
    let mut stages = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let home = dir.path().join(format!("relay-{i}"));
        std::fs::create_dir_all(&home).unwrap();
        let listen = SocketAddr::new(IpAddr::V4(link.far), 0);
        let relay = RelayProc::start_in_netns(&home, &link.netns, listen);
        stages.push(Impaired::start(link.near, relay.addr.addrs[0], seed ^ i as u64).await);
        relays.push(relay);
    }
    // Devices dial the impairment stages, under each relay's real identity.
    let relay_addrs: Vec<RelayAddr> = relays
        .iter()
        .zip(&stages)
        .map(|(relay, stage)| RelayAddr {
            endpoint_id: relay.addr.endpoint_id,
            addrs: vec![stage.addr],
        })
        .collect();
    let secret = GroupSecret::generate();
    let mut devices = Vec::new();
    let mut deliveries = Vec::new();
    let mut events = Vec::new();
    let (progress, mut progressed) = tokio::sync::watch::channel(());
    let progress = Arc::new(progress);
    for _ in 0..DEVICES {
        let mut config = ClientConfig::new(secret.clone(), relay_addrs.clone());
        config.connect_timeout = Duration::from_secs(10);
        config.request_timeout = REQUEST_TIMEOUT;
        config.liveness = Liveness {
            keep_alive: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(5),
        };
        let transport = IrohTransport::for_relays(&relay_addrs).await.unwrap();
        let device = SyncClient::new(transport, config).unwrap();
        events.push(device.events());
        within(60, "connect", device.connect()).await.unwrap();
        let subscription = device.subscribe().await.unwrap();
        let log: Deliveries = Arc::default();
        let (into, progress) = (log.clone(), progress.clone());
        tokio::spawn(async move {
            while let Some(blob) = subscription.next().await {
                let blob = blob.expect("no stream errors");
                into.lock().unwrap().push((blob.blob_id, blob.cursor));
                progress.send_replace(());
            }
        });
        deliveries.push(log);
        devices.push(device);
    }

    // Every device writes every 0.3–0.8 s for 45 s; 5 s in, the preferred relay's link is
    // cut for 30 s.
    let deadline = Instant::now() + Duration::from_secs(45);
    let writers: Vec<_> = devices
        .iter()
        .enumerate()
        .map(|(i, device)| {
            let device = device.clone();
            let mut rng = fastrand::Rng::with_seed(seed ^ (100 + i as u64));
            tokio::spawn(async move {
                let (mut acked, mut refused) = (Vec::new(), 0);
                let mut seq = 0;
                while Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(rng.u64(300..800))).await;
                    seq += 1;
                    let payload = format!("device {i} blob {seq}");
                    let started = Instant::now();
                    let push = device.push(payload.as_bytes());
                    let pushed = tokio::time::timeout(REQUEST_TIMEOUT * 2, push)
                        .await
                        .unwrap_or_else(|_| panic!("a push hung: {:?}", started.elapsed()));
                    match pushed {
                        Ok(pushed) => acked.push(pushed.blob_id),
                        Err(_) => refused += 1,
                    }
                }
                (acked, refused)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(5)).await;
    links[0].set_up(false);
    let cut_at = Instant::now();
    tokio::time::sleep(CUT).await;
    links[0].set_up(true);
    println!("netem: link to relay 1 was down {:?}", cut_at.elapsed());
    let mut written = Vec::new();
    for writer in writers {
        written.push(writer.await.unwrap());
    }

    // Every device ends with every acknowledged blob of the others.
    let acked: Vec<&[[u8; 16]]> = written.iter().map(|(acked, _)| &acked[..]).collect();
    let expected = from_the_others(&acked);
    settle(&mut progressed, 120, || {
        expected.iter().zip(&deliveries).all(|(want, got)| {
            let got: HashSet<_> = got.lock().unwrap().iter().map(|(id, _)| *id).collect();
            want.is_subset(&got)
        })
    })
    .await;

    // Each relay's log, read directly (no impairment), to check cursors against.
    let mut logs = Vec::new();
    for relay in &relays {
        let direct = vec![relay.addr.clone()];
        let transport = IrohTransport::for_relays(&direct).await.unwrap();
        let reader = SyncClient::new(transport, ClientConfig::new(secret.clone(), direct)).unwrap();
        reader.connect().await.unwrap();
        let all = within(60, "reading a relay's log", reader.pull_after(0))
            .await
            .unwrap()
            .blobs;
        logs.push(
            all.iter()
                .map(|b| (b.blob_id, b.cursor))
                .collect::<HashMap<_, _>>(),
        );
        reader.shutdown().await;
    }

    let acked: usize = acked.iter().map(|a| a.len()).sum();
    let refused: usize = written.iter().map(|(_, r)| r).sum();
    let mut report = Vec::new();
    for (i, (log, device)) in deliveries.iter().zip(&devices).enumerate() {
        let log = log.lock().unwrap().clone();
        let ids: Vec<_> = log.iter().map(|(id, _)| *id).collect();
        let unique: HashSet<_> = ids.iter().copied().collect();
        let missing = expected[i].difference(&unique).count();
        // The events so far (the stream holds them until read).
        let (mut switches, mut failovers) = (0, 0);
        while let Ok(Some(event)) =
            tokio::time::timeout(Duration::from_millis(10), events[i].next()).await
        {
            match event {
                SyncEvent::Connected { .. } => switches += 1,
                SyncEvent::Failover { .. } => failovers += 1,
                _ => {}
            }
        }
        // In cursor order of the relay each came from: every (blob, cursor) is that blob's
        // position in one relay's log, and cursors go back only when the device connects to
        // a relay again (a failover or a reconnect), never otherwise.
        for (id, cursor) in &log {
            assert!(
                logs.iter().any(|l| l.get(id) == Some(cursor)),
                "device {i} got a blob at cursor {cursor}, which no relay has it at"
            );
        }
        let backwards = log.windows(2).filter(|w| w[1].1 <= w[0].1).count();
        report.push(format!(
            "device {i}: {} received, {missing} missing, {} duplicated, {backwards} cursor \
             steps back over {switches} connections, {failovers} failovers",
            log.len(),
            ids.len() - unique.len()
        ));
        assert_eq!(missing, 0, "device {i} lacks acknowledged blobs");
        assert_eq!(ids.len(), unique.len(), "device {i} got a blob twice");
        assert!(backwards <= switches, "device {i}: {}", report.join("; "));
        assert!(failovers >= 1, "device {i} never failed over");
        device.shutdown().await;
    }
    println!(
        "netem: {DEVICES} devices, 2 relays, loss {LOSS}, duplicate {DUPLICATE}, delay \
         {DELAY_MS:?} ms, relay 1 cut {CUT:?}: {acked} acknowledged, {refused} refused; {}",
        report.join("; ")
    );
}
