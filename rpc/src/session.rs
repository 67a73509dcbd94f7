//! A session: the handles one peer (e.g. one connection to the daemon) has been given, and
//! where its streams' chunks and its events go.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use serde_json::Value;
use zerok_sync_ffi::{EventStream, Pairing, Subscription, SyncClient, SyncError, Transfer, Upload};

use crate::clients::Clients;

/// Where a session's output goes: the transport's side of it.
pub trait Outlet: Send + Sync + 'static {
    /// A chunk of the streaming request `request` (its id); false once nobody reads it.
    fn chunk(&self, request: &Value, data: Value) -> impl Future<Output = bool> + Send;
    /// An event (`connected`, `events_closed`, …); false once the peer is gone.
    fn event(&self, name: &str, data: Value) -> impl Future<Output = bool> + Send;
}

/// What a handle id names. A client this session shut down stays: once shut down for good
/// it answers as a shut-down client does in-process (`Shutdown` from every fallible call);
/// while other sessions still share it, every call from this one fails with `Shutdown`.
#[derive(Clone)]
pub(crate) enum Handle {
    Client(Arc<SyncClient>),
    /// Shut down by this session: its share is given back.
    Released(Arc<SyncClient>),
    /// Shut down by this session, and still running for the others that share it.
    Detached,
    Subscription(Arc<Subscription>),
    Transfer(Arc<Transfer>),
    Upload(Arc<Upload>),
    Pairing(Arc<Pairing>),
    Events(Arc<EventStream>),
}

pub struct Session<O> {
    clients: Arc<Clients>,
    handles: Mutex<Handles>,
    outlet: O,
}

#[derive(Default)]
struct Handles {
    issued: u64,
    table: HashMap<String, Handle>,
}

/// Picks one kind of handle: `handle!(session, id, Transfer)` is the `Arc<Transfer>` named
/// `id`, or a `Protocol` error naming what was expected.
macro_rules! handle {
    ($session:expr, $id:expr, $kind:ident) => {{
        let id: &str = &$id;
        match $session.get(id, stringify!($kind))? {
            $crate::session::Handle::$kind(h) => Ok::<_, zerok_sync_ffi::SyncError>(h),
            _ => Err($crate::session::not_a(id, stringify!($kind))),
        }
    }};
}
pub(crate) use handle;

pub(crate) fn not_a(id: &str, kind: &str) -> SyncError {
    SyncError::Protocol(format!("`{id}` is not a {kind} handle of this session"))
}

impl<O: Outlet> Session<O> {
    pub fn new(clients: Arc<Clients>, outlet: O) -> Self {
        Self {
            clients,
            handles: Mutex::default(),
            outlet,
        }
    }

    pub(crate) fn clients(&self) -> &Clients {
        &self.clients
    }

    pub fn outlet(&self) -> &O {
        &self.outlet
    }

    /// Keeps `handle` and returns its id, e.g. `transfer-7`.
    pub(crate) fn add(&self, prefix: &str, handle: Handle) -> String {
        let mut handles = self.handles.lock().expect("handles");
        handles.issued += 1;
        let id = format!("{prefix}-{}", handles.issued);
        handles.table.insert(id.clone(), handle);
        id
    }

    pub(crate) fn get(&self, id: &str, kind: &str) -> Result<Handle, SyncError> {
        let handles = self.handles.lock().expect("handles");
        match handles.table.get(id) {
            Some(Handle::Detached) => {
                Err(SyncError::Shutdown(format!("client `{id}` was shut down")))
            }
            Some(Handle::Released(client)) => Ok(Handle::Client(client.clone())),
            Some(handle) => Ok(handle.clone()),
            None => Err(not_a(id, kind)),
        }
    }

    /// This session's share of the client ends (see `Clients` and `Handle`).
    pub(crate) async fn shut_down(&self, id: &str) -> Result<(), SyncError> {
        let client = {
            let mut handles = self.handles.lock().expect("handles");
            match handles.table.get(id) {
                Some(Handle::Client(client)) => {
                    let client = client.clone();
                    handles
                        .table
                        .insert(id.into(), Handle::Released(client.clone()));
                    client
                }
                Some(Handle::Released(_) | Handle::Detached) => return Ok(()),
                _ => return Err(not_a(id, "Client")),
            }
        };
        if !self.clients.release(&client).await {
            let mut handles = self.handles.lock().expect("handles");
            handles.table.insert(id.into(), Handle::Detached);
        }
        Ok(())
    }

    /// Every subscription and event stream of the session ends.
    pub fn end_streams(&self) {
        for handle in self.handles.lock().expect("handles").table.values() {
            match handle {
                Handle::Subscription(s) => s.close(),
                Handle::Events(e) => e.close_events(),
                _ => {}
            }
        }
    }

    /// The session is over: streams end, transfers and pairings it started are cancelled
    /// (as when the last handle is freed in-process), and its client shares are released.
    pub async fn end(&self) {
        self.end_streams();
        let table = std::mem::take(&mut self.handles.lock().expect("handles").table);
        for handle in table.into_values() {
            if let Handle::Client(client) = handle {
                self.clients.release(&client).await;
            }
        }
    }
}
