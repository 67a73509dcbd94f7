//! Accept loop, background expiry, commit notices from other nodes of a cluster, and the
//! graceful drain.

use std::{
    net::SocketAddr,
    sync::{Arc, atomic::AtomicU64},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use iroh::{Endpoint, SecretKey, endpoint::IncomingAddr};
use tokio::sync::{Semaphore, watch};
use tokio_util::task::TaskTracker;
use zerok_core::{
    RelayAddr,
    protocol::{ALPN, ErrorCode},
    transport::iroh::{bind_endpoint, relay_transport_config},
};

use crate::{
    RelayConfig,
    metrics::Metrics,
    notifier::{Notice, Notifier},
    ops_http::OpsHttp,
    pairing::Mailboxes,
    read_ahead, session,
    storage::{CommitNotice, Storage, StorageError},
};

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("network: {0}")]
    Network(String),
}

/// What every session of a relay shares.
pub(crate) struct Shared<S> {
    pub storage: S,
    pub config: RelayConfig,
    pub notifier: Notifier,
    pub endpoint_id: [u8; 32],
    /// The cluster this relay is a node of (`Storage::cluster_id`), announced in `Welcome`.
    pub cluster: Option<[u8; 16]>,
    /// Flips to true when the relay starts shutting down.
    pub stopping: watch::Receiver<bool>,
    pub tasks: TaskTracker,
    /// Budget of pull pages read ahead (`read_ahead`).
    pub read_aheads: Arc<Semaphore>,
    /// Bytes of large request frames held by all sessions (`RelayConfig::frame_bytes_in_flight`).
    pub frame_bytes: Arc<Semaphore>,
    /// New commits so far (for `RelayConfig::crash_after_commits`).
    pub commits: AtomicU64,
    pub metrics: Metrics,
    pub mailboxes: Mailboxes,
}

impl<S: Storage> Shared<S> {
    pub(crate) fn new(
        storage: S,
        config: RelayConfig,
        endpoint_id: [u8; 32],
        stopping: watch::Receiver<bool>,
    ) -> Self {
        Self {
            cluster: storage.cluster_id(),
            storage,
            endpoint_id,
            notifier: Notifier::default(),
            stopping,
            tasks: TaskTracker::new(),
            read_aheads: read_ahead::budget(),
            frame_bytes: Arc::new(Semaphore::new(config.frame_bytes_in_flight)),
            commits: AtomicU64::new(0),
            metrics: Metrics::register(),
            mailboxes: Mailboxes::new(config.pairing.clone()),
            config,
        }
    }
}

/// A running relay. Dropping it without [`shutdown`](Relay::shutdown) aborts nothing;
/// call `shutdown` to finish in-flight requests and close the store cleanly.
pub struct Relay<S: Storage> {
    shared: Arc<Shared<S>>,
    endpoint: Endpoint,
    stop: watch::Sender<bool>,
    /// The operator HTTP listener, when `RelayConfig::http_listen` asks for one.
    ops: Option<OpsHttp>,
    /// Outlives the sessions: while they drain it refuses every new connection, and it
    /// ends once the endpoint closes.
    accepting: tokio::task::JoinHandle<()>,
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl<S: Storage> Relay<S> {
    pub async fn start(storage: S, config: RelayConfig) -> Result<Self, RelayError> {
        let secret = config.secret_key.map(|k| SecretKey::from_bytes(&k));
        let transport = relay_transport_config();
        let endpoint = bind_endpoint(config.listen, vec![ALPN.to_vec()], secret, transport)
            .await
            .map_err(|e| RelayError::Network(e.to_string()))?;
        let (stop, stopping) = watch::channel(false);
        // The recorder first, so the handles registered below record into it.
        let prometheus = config.http_listen.map(|_| crate::metrics::prometheus());
        let notices = storage.commit_notices();
        let endpoint_id = *endpoint.id().as_bytes();
        let shared = Arc::new(Shared::new(storage, config, endpoint_id, stopping));
        let ops = match (shared.config.http_listen, prometheus) {
            (Some(addr), Some(prometheus)) => {
                Some(OpsHttp::start(addr, shared.clone(), prometheus).await?)
            }
            _ => None,
        };
        let accepting = tokio::spawn(accept_loop(shared.clone(), endpoint.clone()));
        shared.tasks.spawn(expiry_loop(shared.clone()));
        if let Some(notices) = notices {
            shared.tasks.spawn(cluster_notices(shared.clone(), notices));
        }
        match shared.cluster {
            Some(cluster) => {
                tracing::info!(id = %endpoint.id(), cluster = %hex::encode(cluster), "relay listening as a cluster node");
            }
            None => tracing::info!(id = %endpoint.id(), "relay listening"),
        }
        Ok(Self {
            shared,
            endpoint,
            stop,
            ops,
            accepting,
        })
    }

    /// Where the operator HTTP listener (`/healthz`, `/readyz`, `/metrics`) is bound, when
    /// `RelayConfig::http_listen` set one.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.ops.as_ref().map(|ops| ops.addr)
    }

    /// The address clients dial: endpoint id and the socket addresses it listens on.
    pub fn addr(&self) -> RelayAddr {
        let listen = self.shared.config.listen;
        let addrs = if listen.ip().is_unspecified() {
            let port = self
                .endpoint
                .bound_sockets()
                .first()
                .map_or(listen.port(), |a| a.port());
            self.endpoint
                .addr()
                .ip_addrs()
                .filter(|a| a.port() == port)
                .copied()
                .collect()
        } else {
            self.endpoint.bound_sockets()
        };
        RelayAddr {
            endpoint_id: self.shared.endpoint_id,
            addrs,
        }
    }

    pub fn storage(&self) -> &S {
        &self.shared.storage
    }

    /// The graceful drain (SIGTERM): refuses new connections at once (a dialing device is
    /// told so and tries its next relay instead of waiting for a connect timeout), tells
    /// every session `ShuttingDown` (devices move to another relay or node at once), lets
    /// in-flight requests finish (up to a few seconds), then closes the store: everything
    /// acknowledged is committed. The operator HTTP listener answers throughout (`/readyz`
    /// with 503) and stops last.
    pub async fn shutdown(self) {
        self.stop.send_replace(true);
        tracing::info!("relay draining");
        self.shared.tasks.close();
        if tokio::time::timeout(Duration::from_secs(5), self.shared.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("sessions did not finish within 5 s; closing anyway");
        }
        self.endpoint.close().await;
        let _ = self.accepting.await;
        self.shared.storage.close().await;
        if let Some(ops) = self.ops {
            ops.stop().await;
        }
        tracing::info!("relay stopped");
    }
}

async fn accept_loop<S: Storage>(shared: Arc<Shared<S>>, endpoint: Endpoint) {
    let sessions = Arc::new(Semaphore::new(shared.config.max_sessions));
    let stopping = shared.stopping.clone();
    while let Some(incoming) = endpoint.accept().await {
        if *stopping.borrow() {
            incoming.refuse();
            continue;
        }
        let permit = sessions.clone().try_acquire_owned().ok();
        let shared = shared.clone();
        let source = match incoming.remote_addr() {
            IncomingAddr::Ip(addr) => Some(addr.ip()),
            _ => None,
        };
        shared.tasks.clone().spawn(async move {
            let conn = match incoming.accept() {
                Ok(accepting) => match accepting.await {
                    Ok(conn) => conn,
                    Err(e) => return tracing::debug!(error = %e, "handshake failed"),
                },
                Err(e) => return tracing::debug!(error = %e, "refused connection"),
            };
            match permit {
                Some(_permit) => session::serve(shared, conn, source).await,
                None => {
                    shared.metrics.session_refused(Some(&ErrorCode::Busy));
                    session::refuse_busy(conn).await
                }
            }
        });
    }
}

/// Relays commits made through other nodes of the cluster to this node's subscribers, who
/// read them back from storage (a notice carries no blob). After a `Resync` (notices may
/// have been lost) every subscriber re-reads its group from its own cursor.
async fn cluster_notices<S: Storage>(
    shared: Arc<Shared<S>>,
    mut notices: tokio::sync::mpsc::UnboundedReceiver<CommitNotice>,
) {
    let mut stopping = shared.stopping.clone();
    loop {
        let notice = tokio::select! {
            n = notices.recv() => n,
            _ = stopping.wait_for(|s| *s) => return,
        };
        match notice {
            Some(CommitNotice::Committed { group, cursor }) => shared.notifier.publish(
                group,
                Notice::Committed {
                    cursor,
                    blob: None,
                    committed: std::time::Instant::now(),
                },
            ),
            Some(CommitNotice::Resync) => shared.notifier.resync_all(),
            None => {
                if !*shared.stopping.borrow() {
                    tracing::warn!("the store stopped announcing other nodes' commits");
                }
                return;
            }
        }
    }
}

async fn expiry_loop<S: Storage>(shared: Arc<Shared<S>>) {
    let mut stopping = shared.stopping.clone();
    let mut tick = tokio::time::interval(shared.config.expiry_interval);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stopping.wait_for(|s| *s) => return,
        }
        match shared.storage.expire(now_ms()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "expired blobs deleted"),
            Err(e) => tracing::warn!(error = %e, "expiry failed"),
        }
    }
}
