//! One JSON-lines session (stdio, or one socket connection): its requests (each on a task of
//! its own, so calls run concurrently and streams interleave) and the one task that writes
//! its lines.

use std::sync::Arc;

use serde_json::Value;
use tokio::{
    io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufWriter},
    sync::mpsc,
    task::JoinSet,
};
use zerok_rpc::{Clients, Outlet};
use zerok_sync_ffi::SyncError;

use super::wire::{Line, Lines, Request};

/// Lines queued for the writer: a reader that does not drain its side makes streams wait
/// rather than the daemon buffer without bound.
const QUEUED_LINES: usize = 256;

/// The session's output as lines for the writer task.
struct LineOutlet(mpsc::Sender<String>);

impl Outlet for LineOutlet {
    async fn chunk(&self, request: &Value, data: Value) -> bool {
        self.0
            .send(Line::chunk(request.clone(), data).to_json())
            .await
            .is_ok()
    }

    async fn event(&self, name: &str, data: Value) -> bool {
        self.0.send(Line::event(name, data).to_json()).await.is_ok()
    }
}

impl LineOutlet {
    async fn answer(&self, id: Value, result: Result<Value, SyncError>) -> bool {
        self.0
            .send(Line::answer(id, result).to_json())
            .await
            .is_ok()
    }
}

type Session = zerok_rpc::Session<LineOutlet>;

/// Serves one session until its input ends or its output is gone.
pub async fn serve(
    clients: Arc<Clients>,
    reader: impl AsyncRead + Unpin,
    writer: impl AsyncWrite + Unpin + Send + 'static,
    max_line: usize,
) {
    let (out, lines_out) = mpsc::channel(QUEUED_LINES);
    let writing = tokio::spawn(write_lines(lines_out, writer));
    let session = Arc::new(Session::new(clients, LineOutlet(out)));
    let ready = serde_json::json!({ "version": zerok_sync_ffi::version() });
    session.outlet().event("ready", ready).await;
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
                        session.outlet().answer(id, Err(e)).await;
                    }
                },
                Some(Err(e)) => {
                    session.outlet().answer(Value::Null, Err(e)).await;
                }
            },
            () = session.outlet().0.closed() => break false,
            Some(_) = requests.join_next(), if !requests.is_empty() => {}
        }
    };
    if input_ended {
        // The peer sent its last request (`zerok daemon --stdio < requests`): streams end,
        // and what was asked is answered while the output lasts.
        session.end_streams();
        tokio::select! {
            () = async { while requests.join_next().await.is_some() {} } => {}
            () = session.outlet().0.closed() => {}
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
    let result = zerok_rpc::call(&session, &method, params, &id).await;
    session.outlet().answer(id, result).await;
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
