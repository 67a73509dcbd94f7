//! Pairing mailboxes: where a member device (side A) and a device joining by short code
//! (side B) exchange a handful of opaque messages (PAKE messages, key confirmations, a sealed
//! invite). The relay learns neither the code's password nor the invite: it stores nothing,
//! passes at most `MAX_MESSAGES_PER_SIDE` messages of at most `MAX_MESSAGE_BYTES` each way,
//! and forgets the mailbox when either side ends.
//!
//! Mailboxes live in this process's memory: they last minutes, and a pairing is one sitting
//! (either side leaving ends it). Both devices therefore meet on one relay process; a
//! restart ends the pairings under way, and both sides are told.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

use iroh::endpoint::{RecvStream, SendStream};
use tokio::sync::{mpsc, watch};
use zerok_core::{
    crypto::random_bytes,
    pairing::{MAILBOX_IDS, MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_SIDE},
    protocol::{ErrorCode, Message, read_message, write_message},
};

use crate::{rate_limit::TokenBucket, server::now_ms};

/// A mailbox id is not handed out again for this long after its mailbox ended: a device
/// that typed an old code must not reach a new pairing.
const RETIRED_FOR: Duration = Duration::from_secs(3600);

/// Operator settings of pairing (see `RelayConfig`).
#[derive(Clone, Debug)]
pub struct PairingLimits {
    /// The longest a mailbox may stay open, whatever the device asks.
    pub max_ttl: Duration,
    /// Mailboxes open at once on this relay.
    pub max_open: usize,
    /// Joins (mailbox look-ups by devices that are no members) per minute and source IP.
    pub joins_per_minute: u32,
}

impl Default for PairingLimits {
    fn default() -> Self {
        Self {
            max_ttl: Duration::from_secs(3600),
            max_open: 10_000,
            joins_per_minute: 30,
        }
    }
}

/// What one side's task passes to the other's.
enum Relayed {
    Body(Vec<u8>),
    /// The other side reported a failure (a wrong code), or broke the protocol.
    Failed(String),
    Left,
    Expired,
}

type Refusal = (ErrorCode, String);

struct Mailbox {
    expires: Instant,
    /// Side B's ends, until B joins: its inbox and the sender into A's.
    for_b: (mpsc::Receiver<Relayed>, mpsc::Sender<Relayed>),
}

#[derive(Default)]
struct State {
    open: HashMap<u32, Mailbox>,
    /// Ended mailboxes: (reusable after, when the mailbox expired or would have).
    retired: HashMap<u32, (Instant, Instant)>,
    joins: HashMap<IpAddr, TokenBucket>,
}

pub(crate) struct Mailboxes {
    limits: PairingLimits,
    state: Mutex<State>,
}

/// One side's ends of a mailbox.
struct Ends {
    mailbox: u32,
    inbox: mpsc::Receiver<Relayed>,
    other: mpsc::Sender<Relayed>,
    expires: Instant,
}

impl Mailboxes {
    pub fn new(limits: PairingLimits) -> Self {
        Self {
            limits,
            state: Mutex::default(),
        }
    }

    fn open(&self, ttl: Duration) -> Result<Ends, Refusal> {
        let now = Instant::now();
        let mut state = self.state.lock().expect("mailboxes lock");
        state.retired.retain(|_, (until, _)| *until > now);
        if state.open.len() >= self.limits.max_open {
            return Err((
                ErrorCode::RateLimited {
                    retry_after_ms: 1000,
                },
                "too many pairing mailboxes open on this relay".into(),
            ));
        }
        let taken = |id: &u32| state.open.contains_key(id) || state.retired.contains_key(id);
        let Some(mailbox) = (0..64)
            .map(|_| u32::from_le_bytes(random_bytes()) % MAILBOX_IDS)
            .find(|id| !taken(id))
        else {
            return Err((
                ErrorCode::RateLimited {
                    retry_after_ms: 1000,
                },
                "no free pairing mailbox id".into(),
            ));
        };
        let capacity = MAX_MESSAGES_PER_SIDE + 2;
        let (to_a, a_inbox) = mpsc::channel(capacity);
        let (to_b, b_inbox) = mpsc::channel(capacity);
        let expires = now + ttl.clamp(Duration::from_secs(1), self.limits.max_ttl);
        let for_b = (b_inbox, to_a);
        state.open.insert(mailbox, Mailbox { expires, for_b });
        Ok(Ends {
            mailbox,
            inbox: a_inbox,
            other: to_b,
            expires,
        })
    }

    /// Side B claims `mailbox`: it leaves the open set at once, so no third device can.
    fn join(&self, mailbox: u32, source: Option<IpAddr>) -> Result<Ends, Refusal> {
        let now = Instant::now();
        let mut state = self.state.lock().expect("mailboxes lock");
        if let Some(ip) = source {
            let per_second = f64::from(self.limits.joins_per_minute.max(1)) / 60.0;
            let burst = f64::from(self.limits.joins_per_minute.max(1));
            if state.joins.len() > 100_000 {
                state.joins.retain(|_, bucket| !bucket.is_full(now));
            }
            let bucket = state
                .joins
                .entry(ip)
                .or_insert_with(|| TokenBucket::with_rate(per_second, burst));
            if let Err(wait) = bucket.take(now) {
                return Err((
                    ErrorCode::RateLimited {
                        retry_after_ms: (wait.as_millis() as u64).max(1),
                    },
                    "too many pairing attempts from this address".into(),
                ));
            }
        }
        match state.open.remove(&mailbox) {
            Some(Mailbox { expires, for_b }) if expires > now => {
                state.retired.insert(mailbox, (now + RETIRED_FOR, expires));
                let (inbox, other) = for_b;
                Ok(Ends {
                    mailbox,
                    inbox,
                    other,
                    expires,
                })
            }
            Some(Mailbox { expires, .. }) => {
                state
                    .retired
                    .insert(mailbox, (expires + RETIRED_FOR, expires));
                Err(expired())
            }
            None => match state.retired.get(&mailbox) {
                Some((_, expires)) if *expires <= now => Err(expired()),
                _ => Err((
                    ErrorCode::MailboxUnknown,
                    "no open pairing mailbox with this code on this relay".into(),
                )),
            },
        }
    }

    /// Side A's mailbox ended before anyone joined (or after): it is not open any more.
    fn close(&self, mailbox: u32) {
        let mut state = self.state.lock().expect("mailboxes lock");
        if let Some(m) = state.open.remove(&mailbox) {
            let until = m.expires.max(Instant::now()) + RETIRED_FOR;
            state.retired.insert(mailbox, (until, m.expires));
        }
    }
}

fn expired() -> Refusal {
    (ErrorCode::PairingExpired, "the pairing code expired".into())
}

/// Side A: a member's `PairOpen` on a request stream. `ending` flips when its session ends.
pub(crate) async fn open(
    mailboxes: &Mailboxes,
    ttl_secs: u64,
    mut send: SendStream,
    recv: RecvStream,
    ending: watch::Receiver<bool>,
) {
    let ends = match mailboxes.open(Duration::from_secs(ttl_secs)) {
        Ok(ends) => ends,
        Err(refusal) => return refuse(send, refusal).await,
    };
    let mailbox = ends.mailbox;
    let left_ms = ends
        .expires
        .saturating_duration_since(Instant::now())
        .as_millis() as u64;
    let opened = Message::PairOpened {
        mailbox,
        expires_at_ms: now_ms() + left_ms,
    };
    if write_message(&mut send, &opened).await.is_ok() {
        exchange(send, recv, ends, ending).await;
    }
    mailboxes.close(mailbox);
}

/// Side B: a connection whose first frame was `PairJoin`. Refusals are answered on `send`.
pub(crate) async fn join(
    mailboxes: &Mailboxes,
    mailbox: u32,
    source: Option<IpAddr>,
    send: SendStream,
    recv: RecvStream,
    ending: watch::Receiver<bool>,
) {
    match mailboxes.join(mailbox, source) {
        Ok(ends) => exchange(send, recv, ends, ending).await,
        Err(refusal) => refuse(send, refusal).await,
    }
}

async fn refuse(mut send: SendStream, (code, message): Refusal) {
    tracing::debug!(?code, "pairing refused");
    let _ = write_message(&mut send, &Message::Error { code, message }).await;
    let _ = send.finish();
    let _ = tokio::time::timeout(Duration::from_secs(5), send.stopped()).await;
}

/// Passes one side's messages to the other until the pairing ends: either side finishing,
/// failing or leaving, the mailbox expiring, or the relay stopping. Each side is told why
/// in a typed `Error` frame.
async fn exchange(
    mut send: SendStream,
    mut recv: RecvStream,
    mut ends: Ends,
    mut ending: watch::Receiver<bool>,
) {
    // A frame read is not cancel-safe: one task reads, the loop selects on its channel.
    let (frames_tx, mut frames) = mpsc::channel(1);
    let reader = tokio::spawn(async move {
        loop {
            let frame = read_message(&mut recv).await;
            let last = frame.is_err();
            if frames_tx.send(frame).await.is_err() || last {
                return;
            }
        }
    });
    let mut posted = 0;
    let tell: Option<(ErrorCode, String)> = loop {
        tokio::select! {
            frame = frames.recv() => match frame {
                Some(Ok(Message::PairMessage { body })) => {
                    posted += 1;
                    if body.len() > MAX_MESSAGE_BYTES || posted > MAX_MESSAGES_PER_SIDE {
                        let why = "pairing messages over the relay's bounds";
                        let _ = ends.other.try_send(Relayed::Failed(why.into()));
                        break Some((ErrorCode::BadFrame, why.into()));
                    }
                    // Never blocks: the channel holds every message a side may post.
                    let _ = ends.other.try_send(Relayed::Body(body));
                }
                Some(Ok(Message::Error { code: ErrorCode::PairingFailed, message })) => {
                    let _ = ends.other.try_send(Relayed::Failed(message));
                    break None;
                }
                Some(Ok(other)) => {
                    let why = format!("{} is not a pairing message", other.kind());
                    let _ = ends.other.try_send(Relayed::Failed(
                        "the other device broke the pairing protocol".into(),
                    ));
                    break Some((ErrorCode::UnexpectedMessage, why));
                }
                Some(Err(_)) | None => {
                    let _ = ends.other.try_send(Relayed::Left);
                    break None;
                }
            },
            relayed = ends.inbox.recv() => match relayed {
                Some(Relayed::Body(body)) => {
                    if write_message(&mut send, &Message::PairMessage { body }).await.is_err() {
                        let _ = ends.other.try_send(Relayed::Left);
                        break None;
                    }
                }
                Some(Relayed::Failed(message)) => break Some((ErrorCode::PairingFailed, message)),
                Some(Relayed::Expired) => break Some(expired()),
                Some(Relayed::Left) | None => {
                    break Some((ErrorCode::PairingFailed, "the other device left".into()));
                }
            },
            _ = tokio::time::sleep_until(ends.expires.into()) => {
                let _ = ends.other.try_send(Relayed::Expired);
                break Some(expired());
            }
            _ = async { ending.wait_for(|e| *e).await.map(|_| ()) } => {
                let _ = ends.other.try_send(Relayed::Left);
                break Some((ErrorCode::ShuttingDown, "the session ended".into()));
            }
        }
    };
    if let Some((code, message)) = tell {
        let _ = write_message(&mut send, &Message::Error { code, message }).await;
    }
    let _ = send.finish();
    // The device reads our last frame, then ends its side; bounded for one that does not.
    let _ = tokio::time::timeout(Duration::from_secs(5), send.stopped()).await;
    reader.abort();
}
