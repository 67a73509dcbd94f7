//! LISTEN on a dedicated connection (not the pool's: a LISTEN belongs to its session), turning
//! other processes' notices into [`CommitNotice`]s.
//!
//! A LISTEN dies with its session and PostgreSQL replays nothing, so after every (re)connect
//! the listener sends [`CommitNotice::Resync`]: subscribers re-read from their own cursors, and
//! a notice missed while disconnected loses nothing. The first `Resync` also tells that the
//! listener is live. Reconnects back off from 100 ms to 5 s.

use std::future::poll_fn;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls};
use tokio_util::sync::CancellationToken;

use super::super::CommitNotice;
use super::notify::{CHANNEL, parse};

const MIN_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Runs until `stop` is cancelled or the receiver of `out` is dropped.
pub(super) async fn run(
    config: tokio_postgres::Config,
    node_id: [u8; 16],
    out: mpsc::UnboundedSender<CommitNotice>,
    stop: CancellationToken,
) {
    let mut backoff = MIN_BACKOFF;
    loop {
        let ended = tokio::select! {
            _ = stop.cancelled() => return,
            ended = listen(&config, &node_id, &out, &mut backoff) => ended,
        };
        match ended {
            Ended::ReceiverGone => return,
            Ended::Lost(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "commit notice listener disconnected");
                crate::metrics::storage_event("listener");
            }
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

enum Ended {
    ReceiverGone,
    Lost(String),
}

/// One session: connect, LISTEN, forward notices until the connection ends.
async fn listen(
    config: &tokio_postgres::Config,
    node_id: &[u8; 16],
    out: &mpsc::UnboundedSender<CommitNotice>,
    backoff: &mut Duration,
) -> Ended {
    let (client, mut connection) = match config.connect(NoTls).await {
        Ok(pair) => pair,
        Err(e) => return Ended::Lost(e.to_string()),
    };
    let (payloads, mut received) = mpsc::unbounded_channel();
    // Drives the connection: the client's queries and the notifications both arrive here.
    let driver = async move {
        loop {
            match poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(n))) => {
                    if payloads.send(n.payload().to_owned()).is_err() {
                        return "listener stopped".to_owned();
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return e.to_string(),
                None => return "connection closed".to_owned(),
            }
        }
    };
    tokio::pin!(driver);
    let sql = format!("LISTEN {CHANNEL}");
    let listening = client.batch_execute(&sql);
    tokio::select! {
        lost = &mut driver => return Ended::Lost(lost),
        result = listening => if let Err(e) = result {
            return Ended::Lost(e.to_string());
        },
    }
    *backoff = MIN_BACKOFF;
    if out.send(CommitNotice::Resync).is_err() {
        return Ended::ReceiverGone;
    }
    loop {
        tokio::select! {
            lost = &mut driver => return Ended::Lost(lost),
            Some(payload) = received.recv() => {
                for notice in parse(node_id, &payload) {
                    if out.send(notice).is_err() {
                        return Ended::ReceiverGone;
                    }
                }
            }
        }
    }
}
