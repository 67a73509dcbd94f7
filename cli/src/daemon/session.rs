//! One JSON-lines session (stdio, or one socket connection): its handles, its requests (each
//! on a task of its own, so calls run concurrently and streams interleave) and the one task
//! that writes its lines.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use serde_json::Value;
use tokio::{
    io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufWriter},
    sync::mpsc,
    task::JoinSet,
};
use zerok_sync_ffi::{EventStream, Pairing, Subscription, SyncClient, SyncError, Transfer, Upload};

use super::{
    clients::Clients,
    methods,
    wire::{Line, Lines, Request},
};

/// Lines queued for the writer: a reader that does not drain its side makes streams wait
/// rather than the daemon buffer without bound.
const QUEUED_LINES: usize = 256;

/// What a handle id names. A client this session shut down stays: once shut down for good
/// it answers as a shut-down client does in-process (`Shutdown` from every fallible call);
/// while other sessions still share it, every call from this one fails with `Shutdown`.
#[derive(Clone)]
pub enum Handle {
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

pub struct Session {
    pub clients: Arc<Clients>,
    handles: Mutex<Handles>,
    out: mpsc::Sender<String>,
}

#[derive(Default)]
struct Handles {
    issued: u64,
    table: HashMap<String, Handle>,
}

/// Picks one kind of handle: `handle!(session, id, Transfer)` is the `Arc<Transfer>` named
/// `id`, or a `Protocol` error naming what was expected.
macro_rules! handle {
    ($session:expr, $id:expr, $kind:ident) => {
        match $session.get($id, stringify!($kind))? {
            $crate::daemon::session::Handle::$kind(h) => Ok::<_, zerok_sync_ffi::SyncError>(h),
            _ => Err($crate::daemon::session::not_a($id, stringify!($kind))),
        }
    };
}
pub(crate) use handle;

pub fn not_a(id: &str, kind: &str) -> SyncError {
    SyncError::Protocol(format!("`{id}` is not a {kind} handle of this session"))
}

impl Session {
    /// Keeps `handle` and returns its id, e.g. `transfer-7`.
    pub fn add(&self, prefix: &str, handle: Handle) -> String {
        let mut handles = self.handles.lock().expect("handles");
        handles.issued += 1;
        let id = format!("{prefix}-{}", handles.issued);
        handles.table.insert(id.clone(), handle);
        id
    }

    pub fn get(&self, id: &str, kind: &str) -> Result<Handle, SyncError> {
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
    pub async fn shut_down(&self, id: &str) -> Result<(), SyncError> {
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

    /// Queues a line; false once the peer is gone.
    pub async fn send(&self, line: Line) -> bool {
        self.out.send(line.to_json()).await.is_ok()
    }

    /// Every subscription and event stream of the session ends.
    fn end_streams(&self) {
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
    async fn end(&self) {
        self.end_streams();
        let table = std::mem::take(&mut self.handles.lock().expect("handles").table);
        for handle in table.into_values() {
            if let Handle::Client(client) = handle {
                self.clients.release(&client).await;
            }
        }
    }
}

/// Serves one session until its input ends or its output is gone.
pub async fn serve(
    clients: Arc<Clients>,
    reader: impl AsyncRead + Unpin,
    writer: impl AsyncWrite + Unpin + Send + 'static,
    max_line: usize,
) {
    let (out, lines_out) = mpsc::channel(QUEUED_LINES);
    let writing = tokio::spawn(write_lines(lines_out, writer));
    let session = Arc::new(Session {
        clients,
        handles: Mutex::default(),
        out,
    });
    let ready = serde_json::json!({ "version": zerok_sync_ffi::version() });
    session.send(Line::event("ready", ready)).await;
    let mut lines = Lines::new(reader, max_line);
    let mut requests = JoinSet::new();
    let input_ended = loop {
        tokio::select! {
            line = lines.next() => match line {
                None => break true,
                Some(Ok(line)) => match parse(&line) {
                    Ok(request) => {
                        requests.spawn(answer(session.clone(), request));
                    }
                    Err((id, e)) => {
                        session.send(Line::answer(id, Err(e))).await;
                    }
                },
                Some(Err(e)) => {
                    session.send(Line::answer(Value::Null, Err(e))).await;
                }
            },
            _ = session.out.closed() => break false,
            Some(_) = requests.join_next(), if !requests.is_empty() => {}
        }
    };
    if input_ended {
        // The peer sent its last request (`zerok daemon --stdio < requests`): streams end,
        // and what was asked is answered while the output lasts.
        session.end_streams();
        tokio::select! {
            () = async { while requests.join_next().await.is_some() {} } => {}
            _ = session.out.closed() => {}
        }
    }
    requests.shutdown().await;
    session.end().await;
    drop(session);
    let _ = writing.await;
}

/// A request, or the error to answer a line with (under its id when it has one).
fn parse(line: &str) -> Result<Request, (Value, SyncError)> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| (Value::Null, SyncError::Protocol(format!("not JSON: {e}"))))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    serde::Deserialize::deserialize(value)
        .map_err(|e| (id, SyncError::Protocol(format!("not a request: {e}"))))
}

async fn answer(session: Arc<Session>, request: Request) {
    let Request { id, method, params } = request;
    let result = methods::call(&session, &method, params, &id).await;
    session.send(Line::answer(id, result)).await;
}

async fn write_lines(mut lines: mpsc::Receiver<String>, writer: impl AsyncWrite + Unpin) {
    let mut writer = BufWriter::new(writer);
    while let Some(line) = lines.recv().await {
        if writer.write_all(line.as_bytes()).await.is_err() {
            return;
        }
        // Whatever else is queued goes out with it, then one flush.
        while let Ok(line) = lines.try_recv() {
            if writer.write_all(line.as_bytes()).await.is_err() {
                return;
            }
        }
        if writer.flush().await.is_err() {
            return;
        }
    }
}
