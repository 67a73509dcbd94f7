//! One authenticated session with one relay: the handshake, and one stream per request.

use std::{
    sync::{
        Arc, OnceLock,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::{io::AsyncWriteExt, sync::watch};

use super::Liveness;
use crate::{
    Error, RelayAddr, Result,
    crypto::{GroupKeys, auth_transcript},
    protocol::{
        ErrorCode, FrameError, Limits, Message, SUPPORTED_VERSIONS, read_message,
        take_end_if_arrived, write_message,
    },
    transport::{Connection, Transport},
};

/// An authenticated connection to one relay.
pub(crate) struct Session<C: Connection> {
    conn: C,
    pub relay_index: usize,
    pub relay: RelayAddr,
    pub limits: Limits,
    /// The cluster the relay announced (`None`: an independent relay). Nodes of one cluster
    /// serve the same log: the device keeps one cursor for all of them.
    pub cluster: Option<[u8; 16]>,
    /// When the relay said it is shutting down (a graceful drain): the device moves to
    /// another relay at once, and does not dial this one first for a while.
    drained: Arc<OnceLock<Instant>>,
    /// Why the session ended; `None` while it is alive.
    ended: watch::Sender<Option<String>>,
    /// Whether the client has announced this session as its active one, and its end.
    announced: AtomicBool,
    end_reported: AtomicBool,
    /// Send half of the control stream, for `Bye`.
    control: tokio::sync::Mutex<Option<C::Send>>,
    request_timeout: Duration,
}

/// How long a relay that said it is shutting down is dialed only after every other one.
const DRAIN_AVOID: Duration = Duration::from_secs(30);

/// Who the device claims to be in the handshake.
pub(crate) struct Identity<'a> {
    pub keys: &'a GroupKeys,
    pub device_id: [u8; 16],
    pub device_name: &'a str,
}

pub(crate) fn frame_err(e: FrameError) -> Error {
    match e {
        FrameError::Closed => Error::Transport("relay closed the stream".into()),
        FrameError::Io(e) => Error::Transport(e.to_string()),
        FrameError::TooLarge(_) | FrameError::Malformed(_) => Error::Protocol(e.to_string()),
    }
}

pub(crate) fn unexpected(got: &Message, wanted: &str) -> Error {
    match got {
        Message::Error { code, message } => Error::from_wire(code.clone(), message.clone()),
        other => Error::Protocol(format!("expected {wanted}, relay sent {}", other.kind())),
    }
}

impl<C: Connection> Session<C> {
    /// Dials relay `relay_index` and proves group membership:
    /// `Hello → Challenge → Auth → Welcome`.
    pub async fn establish<T: Transport<Conn = C>>(
        transport: &T,
        relay_index: usize,
        relay: &RelayAddr,
        me: &Identity<'_>,
        liveness: Liveness,
        connect_timeout: Duration,
        request_timeout: Duration,
    ) -> Result<Arc<Self>> {
        let handshake = async {
            let conn = transport.connect(relay, liveness).await?;
            let (mut send, mut recv) = conn.open_bi().await?;
            let hello = Message::Hello {
                versions: SUPPORTED_VERSIONS.to_vec(),
                group_id: *me.keys.group_id(),
                device_id: me.device_id,
                device_name: me.device_name.to_owned(),
            };
            write_message(&mut send, &hello).await.map_err(frame_err)?;
            let (nonce, version) = match read_message(&mut recv).await.map_err(frame_err)? {
                Message::Challenge { nonce, version } => (nonce, version),
                other => return Err(unexpected(&other, "Challenge")),
            };
            if !SUPPORTED_VERSIONS.contains(&version) {
                return Err(Error::VersionMismatch {
                    client: SUPPORTED_VERSIONS.to_vec(),
                    relay: vec![version],
                });
            }
            let transcript = auth_transcript(
                version,
                &nonce,
                &conn.local_id(),
                &conn.remote_id(),
                me.keys.group_id(),
            );
            let auth = Message::Auth {
                auth_public: me.keys.auth_public(),
                signature: me.keys.sign_auth(&transcript),
            };
            write_message(&mut send, &auth).await.map_err(frame_err)?;
            let (limits, cluster) = match read_message(&mut recv).await.map_err(frame_err)? {
                Message::Welcome {
                    limits, cluster, ..
                } => (limits, cluster),
                other => return Err(unexpected(&other, "Welcome")),
            };
            Ok((conn, limits, cluster, send, recv))
        };
        let (conn, limits, cluster, send, recv) = tokio::time::timeout(connect_timeout, handshake)
            .await
            .map_err(|_| Error::ConnectionFailed {
                relay: relay.to_string(),
                reason: format!("no handshake within {connect_timeout:?}"),
            })??;

        // The session lives as long as the control stream: the relay ends it there (Bye,
        // Error, shutdown) and the connection closing ends it too.
        let ended = watch::channel(None).0;
        let drained = Arc::new(OnceLock::new());
        let watch = (conn.clone(), ended.clone(), drained.clone());
        tokio::spawn(async move {
            let (conn, ended, drained) = watch;
            let mut recv = recv;
            // What the relay said comes first: a drain's notice arrives right before its close.
            let reason = tokio::select! {
                biased;
                said = read_message(&mut recv) => match said {
                    Ok(Message::Error { code, message }) => {
                        if code == ErrorCode::ShuttingDown {
                            let _ = drained.set(Instant::now());
                        }
                        format!("the relay ended the session: {message}")
                    }
                    _ => "the relay ended the session".into(),
                },
                reason = conn.closed() => reason,
            };
            end(&ended, reason);
            // A draining relay answers the requests it is serving, then closes: no new
            // request goes to it, and those in flight get their replies.
            if drained.get().is_some() {
                let _ = tokio::time::timeout(request_timeout, conn.closed()).await;
            }
            conn.close();
        });
        Ok(Arc::new(Self {
            conn,
            relay_index,
            relay: relay.clone(),
            limits,
            cluster,
            drained,
            ended,
            announced: AtomicBool::new(false),
            end_reported: AtomicBool::new(false),
            control: tokio::sync::Mutex::new(Some(send)),
            request_timeout,
        }))
    }

    /// True the first time only: this session is to be announced as the active one.
    pub fn announce(&self) -> bool {
        !self.announced.swap(true, Ordering::AcqRel)
    }

    /// True the first time only, once the session ended: its end is to be announced.
    pub fn report_end(&self) -> bool {
        !self.is_alive() && !self.end_reported.swap(true, Ordering::AcqRel)
    }

    /// Records that the relay said it is shutting down (on any of the session's streams).
    pub fn mark_drained(&self) {
        let _ = self.drained.set(Instant::now());
    }

    /// The relay said it is shutting down: a failure of this session is no reason to wait
    /// before trying the next relay.
    pub fn drained(&self) -> bool {
        self.drained.get().is_some()
    }

    /// The relay said it is shutting down, not long ago: dial it only after the others.
    pub fn drained_recently(&self) -> bool {
        self.drained
            .get()
            .is_some_and(|at| at.elapsed() < DRAIN_AVOID)
    }

    pub fn is_alive(&self) -> bool {
        self.ended.borrow().is_none()
    }

    /// Resolves once the session has ended, with why.
    pub async fn ended(&self) -> String {
        let mut ended = self.ended.subscribe();
        let reason = ended.wait_for(Option::is_some).await;
        reason.map_or_else(
            |_| "session dropped".into(),
            |r| r.clone().unwrap_or_default(),
        )
    }

    /// Ends the session (`reason` says why, for events and logs); in-flight requests fail
    /// with a transport error, except on a relay that is draining: it answers them, then
    /// closes the connection itself.
    pub fn close(&self, reason: &str) {
        end(&self.ended, reason.into());
        if !self.drained() {
            self.conn.close();
        }
    }

    /// Says `Bye` on the control stream, gives the relay a moment to close, then closes.
    pub async fn goodbye(&self, reason: &str) {
        end(&self.ended, reason.into());
        if let Some(mut send) = self.control.lock().await.take() {
            let bye = async {
                let _ = write_message(&mut send, &Message::Bye).await;
                let _ = send.shutdown().await;
                self.conn.closed().await;
            };
            let _ = tokio::time::timeout(Duration::from_millis(250), bye).await;
        }
        self.conn.close();
    }

    /// Sends one request on a fresh stream and reads the one reply.
    pub async fn request(&self, msg: &Message) -> Result<Message> {
        self.send(msg).await?.reply().await
    }

    /// Sends one request on a fresh stream and ends the stream's sending side with it (the
    /// end travels in the request's packet); its reply is read later
    /// (`PendingReply::reply`), so the caller can work meanwhile (decrypt a page while the
    /// relay reads the next).
    pub async fn send(&self, msg: &Message) -> Result<PendingReply<'_, C>> {
        let deadline = tokio::time::Instant::now() + self.request_timeout;
        let (mut send, recv) = tokio::time::timeout_at(deadline, self.open(msg))
            .await
            .map_err(|_| self.timed_out(msg.kind()))??;
        // Only fails on a stream the relay already stopped; reading the reply says why.
        let _ = send.shutdown().await;
        Ok(PendingReply {
            session: self,
            kind: msg.kind(),
            deadline,
            recv,
        })
    }

    fn timed_out(&self, kind: &str) -> Error {
        Error::Timeout(format!(
            "{kind} to relay {} got no reply within {:?}",
            self.relay.short_id(),
            self.request_timeout
        ))
    }

    /// Opens a stream and sends `msg` on it; the caller reads the replies.
    pub async fn open(&self, msg: &Message) -> Result<(C::Send, C::Recv)> {
        let (mut send, recv) = self.conn.open_bi().await?;
        write_message(&mut send, msg).await.map_err(frame_err)?;
        Ok((send, recv))
    }
}

/// Records the first reason a session ended (later ones are consequences).
fn end(ended: &watch::Sender<Option<String>>, reason: String) {
    ended.send_if_modified(|current| {
        let first = current.is_none();
        if first {
            *current = Some(reason);
        }
        first
    });
}

/// A request on the wire whose one reply has not been read yet; the request's timeout runs
/// from when it was sent.
pub(crate) struct PendingReply<'s, C: Connection> {
    session: &'s Session<C>,
    kind: &'static str,
    deadline: tokio::time::Instant,
    recv: C::Recv,
}

impl<C: Connection> PendingReply<'_, C> {
    pub async fn reply(mut self) -> Result<Message> {
        let exchange = async {
            let reply = read_message(&mut self.recv).await.map_err(frame_err)?;
            take_end_if_arrived(&mut self.recv);
            if let Message::Error {
                code: ErrorCode::ShuttingDown,
                ..
            } = reply
            {
                self.session.mark_drained();
            }
            Ok(reply)
        };
        tokio::time::timeout_at(self.deadline, exchange)
            .await
            .map_err(|_| self.session.timed_out(self.kind))?
    }
}
