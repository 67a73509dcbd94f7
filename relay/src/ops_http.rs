//! The operator HTTP listener (`RelayConfig::http_listen`): `/healthz`, `/readyz` and
//! `/metrics`. Plain HTTP/1.1 on hyper; meant for a loopback or internal address that a
//! load balancer, an orchestrator and Prometheus reach, never for devices.
//!
//! It lives in the library, not the CLI, so a program embedding the relay gets the same
//! endpoints with one setting. It outlives the relay's drain: `/readyz` says 503 while the
//! relay finishes its sessions, which is how a load balancer learns to send no one new.

use std::{convert::Infallible, net::SocketAddr, sync::Arc, time::Duration};

use http_body_util::Full;
use hyper::{Method, Request, Response, StatusCode, body::Bytes, header, service::service_fn};
use hyper_util::rt::TokioIo;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::{net::TcpListener, sync::watch, task::JoinSet};

use crate::{
    server::{RelayError, Shared},
    storage::{Storage, StorageError},
};

/// How long `/readyz` waits for the store before calling it unreachable.
const PING_TIMEOUT: Duration = Duration::from_secs(2);
/// How often histogram samples are folded into their buckets when nobody scrapes.
const UPKEEP: Duration = Duration::from_secs(5);

/// A running listener; stopped by [`OpsHttp::stop`].
pub(crate) struct OpsHttp {
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl OpsHttp {
    pub async fn start<S: Storage>(
        addr: SocketAddr,
        shared: Arc<Shared<S>>,
        metrics: PrometheusHandle,
    ) -> Result<Self, RelayError> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| RelayError::Network(format!("operator HTTP listener on {addr}: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| RelayError::Network(e.to_string()))?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve(listener, shared, metrics, stopped));
        tracing::info!(%addr, "operator HTTP listening");
        Ok(Self { addr, stop, task })
    }

    /// Stops listening and ends open connections.
    pub async fn stop(self) {
        self.stop.send_replace(true);
        let _ = self.task.await;
    }
}

async fn serve<S: Storage>(
    listener: TcpListener,
    shared: Arc<Shared<S>>,
    metrics: PrometheusHandle,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    let mut upkeep = tokio::time::interval(UPKEEP);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::debug!(error = %e, "operator HTTP accept failed");
                    continue;
                }
            },
            _ = upkeep.tick() => {
                metrics.run_upkeep();
                continue;
            }
            _ = stopped.wait_for(|s| *s) => break,
        };
        while connections.try_join_next().is_some() {}
        let (shared, metrics) = (shared.clone(), metrics.clone());
        connections.spawn(async move {
            let service = service_fn(move |request| {
                let (shared, metrics) = (shared.clone(), metrics.clone());
                async move { Ok::<_, Infallible>(respond(&shared, &metrics, &request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
    connections.shutdown().await;
}

async fn respond<S: Storage, B>(
    shared: &Shared<S>,
    metrics: &PrometheusHandle,
    request: &Request<B>,
) -> Response<Full<Bytes>> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return text(StatusCode::METHOD_NOT_ALLOWED, "GET only\n".into());
    }
    match request.uri().path() {
        "/healthz" => text(StatusCode::OK, "ok\n".into()),
        "/readyz" => match readiness(shared).await {
            Ok(()) => text(StatusCode::OK, "ready\n".into()),
            Err(why) => text(StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
        },
        "/metrics" => {
            let mut response = text(StatusCode::OK, metrics.render());
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            );
            response
        }
        _ => text(StatusCode::NOT_FOUND, "not found\n".into()),
    }
}

/// Ready: accepting sessions and the store answers. The reason otherwise names the kind of
/// failure only: a storage error's text may carry details of the database connection.
async fn readiness<S: Storage>(shared: &Shared<S>) -> Result<(), &'static str> {
    if *shared.stopping.borrow() {
        return Err("draining: the relay is shutting down");
    }
    match tokio::time::timeout(PING_TIMEOUT, shared.storage.ping()).await {
        Ok(Ok(())) => Ok(()),
        Err(_) => Err("storage did not answer in time"),
        Ok(Err(StorageError::Unavailable(_))) => Err("storage unavailable"),
        Ok(Err(StorageError::Closed)) => Err("storage closed"),
        Ok(Err(_)) => Err("storage failed"),
    }
}

fn text(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
