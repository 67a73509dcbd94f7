//! Where the session's streams and events go in a Tauri app: each streaming request's chunks
//! to the `Channel` the web side passed with it, events to every webview.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use serde_json::{Value, json};
use tauri::{AppHandle, Emitter, Runtime, ipc::Channel};
use zerok_rpc::{Outlet, Session};
use zerok_sync_ffi::SyncError;

/// The app event a client's events arrive as, after `events`: `{event, data}`, with `event`
/// the kind (`connected`, `outbox_sent`, …, then `events_closed`) and `data` as the daemon's.
pub const EVENT: &str = "zerok-sync://event";

pub(crate) struct WebviewOutlet<R: Runtime> {
    app: AppHandle<R>,
    requests: AtomicU64,
    /// The channel of each streaming request in flight, by request id.
    streams: Mutex<HashMap<u64, Channel<Value>>>,
}

impl<R: Runtime> WebviewOutlet<R> {
    pub(crate) fn new(app: AppHandle<R>) -> Self {
        Self {
            app,
            requests: AtomicU64::new(0),
            streams: Mutex::default(),
        }
    }

    /// Performs `method`, its chunks (if it streams) going to `stream`.
    pub(crate) async fn call(
        &self,
        session: &std::sync::Arc<Session<Self>>,
        method: &str,
        params: Value,
        stream: Option<Channel<Value>>,
    ) -> Result<Value, SyncError> {
        let id = self.requests.fetch_add(1, Ordering::Relaxed);
        if let Some(channel) = stream {
            self.streams.lock().expect("streams").insert(id, channel);
        }
        let result = zerok_rpc::call(session, method, params, &id.into()).await;
        self.streams.lock().expect("streams").remove(&id);
        result
    }
}

impl<R: Runtime> Outlet for WebviewOutlet<R> {
    async fn chunk(&self, request: &Value, data: Value) -> bool {
        let channel = request
            .as_u64()
            .and_then(|id| self.streams.lock().expect("streams").get(&id).cloned());
        channel.is_some_and(|channel| channel.send(data).is_ok())
    }

    async fn event(&self, name: &str, data: Value) -> bool {
        self.app
            .emit(EVENT, json!({ "event": name, "data": data }))
            .is_ok()
    }
}
