//! Side A of pairing by code: the mailbox is opened on the active session (retried like any
//! call), then the exchange runs as a task of its own while the app shows the code.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::{sync::watch, task::AbortHandle};

use super::{
    SyncClient,
    session::{frame_err, unexpected},
};
use crate::{
    Error, Result,
    pairing::{self, DEFAULT_TTL, MAILBOX_IDS, PairingCode, Pake, Side},
    protocol::{Message, read_message},
    transport::Transport,
};

/// A code this device shows, and the pairing waiting behind it. Dropping it (or
/// [`cancel`](Self::cancel)) ends the pairing: the relay burns the mailbox and tells the
/// other device.
pub struct Pairing {
    code: String,
    expires_at_ms: u64,
    outcome: watch::Receiver<Option<Result<String>>>,
    task: AbortHandle,
}

impl Pairing {
    /// `XXXX-XXXX-XXXX-XXXX`: what the other device types. Show it only to its user.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// When the code stops working (the relay's clock, Unix milliseconds).
    pub fn expires_at_ms(&self) -> u64 {
        self.expires_at_ms
    }

    /// Waits until the other device has the invite; returns the verifier digits both
    /// devices can show. Any number of callers may wait; each gets the one outcome.
    pub async fn wait(&self) -> Result<String> {
        let mut outcome = self.outcome.clone();
        match outcome.wait_for(Option::is_some).await {
            Ok(done) => done.clone().expect("waited for a value"),
            Err(_) => Err(Error::PairingFailed("the pairing was cancelled".into())),
        }
    }

    /// Ends the pairing now; waiting callers get `PairingFailed`.
    pub fn cancel(&self) {
        self.task.abort();
    }
}

impl Drop for Pairing {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl<T: Transport> SyncClient<T> {
    /// Opens a pairing mailbox on the active relay and returns the code to show, valid for
    /// `ttl` (10 minutes by default; the relay may shorten it). The device that types the
    /// code gets an invite to this group ([`crate::pairing::join`]).
    pub async fn create_pairing_code(&self, ttl: Option<Duration>) -> Result<Pairing> {
        self.inner.ensure_running()?;
        let ttl = ttl.unwrap_or(DEFAULT_TTL);
        if ttl < Duration::from_secs(1) {
            return Err(Error::InvalidConfig(
                "a pairing code lives at least 1 s".into(),
            ));
        }
        // Decoded by the other device as soon as it arrives; valid a while longer anyway.
        let invite = self.create_invite(ttl.max(DEFAULT_TTL))?;
        let timeout = self.inner.config.request_timeout;
        let ttl_secs = ttl.as_secs();
        let opened = self
            .inner
            .call(Some(Instant::now() + timeout), |s| async move {
                let (send, mut recv) = s.open(&Message::PairOpen { ttl_secs }).await?;
                let reply = tokio::time::timeout(timeout, read_message(&mut recv))
                    .await
                    .map_err(|_| Error::Timeout("the relay did not open a mailbox".into()))?;
                match reply.map_err(frame_err)? {
                    Message::PairOpened {
                        mailbox,
                        expires_at_ms,
                    } if mailbox < MAILBOX_IDS => {
                        Ok((send, recv, s.relay.endpoint_id, mailbox, expires_at_ms))
                    }
                    other => Err(unexpected(&other, "PairOpened")),
                }
            })
            .await;
        let (send, recv, relay, mailbox, expires_at_ms) = opened?;
        let code = PairingCode::generate(mailbox);
        let pake = Pake::start(Side::A, &code, relay);
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as u64;
        let expires = Instant::now() + Duration::from_millis(expires_at_ms.saturating_sub(now_ms));
        let (done, outcome) = watch::channel(None);
        let task = tokio::spawn(async move {
            let result = pairing::show(send, recv, pake, &invite, expires, timeout).await;
            done.send_replace(Some(result));
        });
        Ok(Pairing {
            code: code.reveal(),
            expires_at_ms,
            outcome,
            task: task.abort_handle(),
        })
    }
}
