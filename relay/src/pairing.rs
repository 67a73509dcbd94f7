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

use tokio::{
    io::AsyncWriteExt,
    sync::{mpsc, watch},
};
use zerok_core::{
    crypto::random_bytes,
    pairing::{MAILBOX_IDS, MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_SIDE},
    protocol::{ErrorCode, Message, read_message, write_message},
};

use crate::{
    rate_limit::TokenBucket,
    server::now_ms,
    streams::{Reply, Request},
};

/// A mailbox id is not handed out again for this long after its mailbox ended: a device
/// that typed an old code must not reach a new pairing.
const RETIRED_FOR: Duration = Duration::from_secs(3600);

/// Open and retired mailboxes together stay under half the id space, which bounds their
/// memory and keeps a random draw of a free id quick; beyond it no mailbox opens until ids
/// retire.
const MAX_TRACKED: usize = (MAILBOX_IDS / 2) as usize;

/// Operator settings of pairing (see `RelayConfig`).
#[derive(Clone, Debug)]
pub struct PairingLimits {
    /// The longest a mailbox may stay open, whatever the device asks.
    pub max_ttl: Duration,
    /// Mailboxes open at once on this relay.
    pub max_open: usize,
    /// Joins (mailbox look-ups by devices that are no members) per minute and source IP;
    /// members opening mailboxes get as many opens per minute and source IP.
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
    opens: HashMap<IpAddr, TokenBucket>,
}

/// Takes a token from `source`'s bucket in `buckets` (`per_minute`, as a burst too).
fn take(
    buckets: &mut HashMap<IpAddr, TokenBucket>,
    source: Option<IpAddr>,
    per_minute: u32,
    now: Instant,
) -> Result<(), Refusal> {
    let Some(ip) = source else {
        return Ok(());
    };
    if buckets.len() > 100_000 {
        buckets.retain(|_, bucket| !bucket.is_full(now));
    }
    let per_minute = f64::from(per_minute.max(1));
    let bucket = buckets
        .entry(ip)
        .or_insert_with(|| TokenBucket::with_rate(per_minute / 60.0, per_minute));
    bucket.take(now).map_err(|wait| {
        (
            ErrorCode::RateLimited {
                retry_after_ms: (wait.as_millis() as u64).max(1),
            },
            "too many pairing attempts from this address".into(),
        )
    })
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

    fn open(&self, ttl: Duration, source: Option<IpAddr>) -> Result<Ends, Refusal> {
        let now = Instant::now();
        let mut state = self.state.lock().expect("mailboxes lock");
        take(&mut state.opens, source, self.limits.joins_per_minute, now)?;
        state.retired.retain(|_, (until, _)| *until > now);
        if state.open.len() >= self.limits.max_open
            || state.open.len() + state.retired.len() >= MAX_TRACKED
        {
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
        take(&mut state.joins, source, self.limits.joins_per_minute, now)?;
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
    source: Option<IpAddr>,
    mut send: impl Reply,
    recv: impl Request,
    ending: watch::Receiver<bool>,
) {
    let ends = match mailboxes.open(Duration::from_secs(ttl_secs), source) {
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
    send: impl Reply,
    recv: impl Request,
    ending: watch::Receiver<bool>,
) {
    match mailboxes.join(mailbox, source) {
        Ok(ends) => exchange(send, recv, ends, ending).await,
        Err(refusal) => refuse(send, refusal).await,
    }
}

async fn refuse(mut send: impl Reply, (code, message): Refusal) {
    tracing::debug!(?code, "pairing refused");
    let _ = write_message(&mut send, &Message::Error { code, message }).await;
    let _ = send.shutdown().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), send.stopped()).await;
}

/// Passes one side's messages to the other until the pairing ends: either side finishing,
/// failing or leaving, the mailbox expiring, or the relay stopping. Each side is told why
/// in a typed `Error` frame.
async fn exchange(
    mut send: impl Reply,
    mut recv: impl Request,
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
    let _ = send.shutdown().await;
    // The device reads our last frame, then ends its side; bounded for one that does not.
    let _ = tokio::time::timeout(Duration::from_secs(5), send.stopped()).await;
    reader.abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailboxes(per_minute: u32) -> Mailboxes {
        Mailboxes::new(PairingLimits {
            joins_per_minute: per_minute,
            ..PairingLimits::default()
        })
    }

    fn code(refused: Result<Ends, Refusal>) -> ErrorCode {
        refused.err().expect("refused").0
    }

    const ONE: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1)));
    const TWO: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2)));

    #[test]
    fn a_mailbox_admits_one_joiner_and_its_id_is_not_handed_out_again() {
        let boxes = mailboxes(100);
        let opened = boxes.open(Duration::from_secs(60), ONE).unwrap();
        let joined = boxes.join(opened.mailbox, TWO).unwrap();
        assert_eq!(joined.mailbox, opened.mailbox);
        assert_eq!(
            code(boxes.join(opened.mailbox, TWO)),
            ErrorCode::MailboxUnknown
        );
        boxes.close(opened.mailbox); // the opener's end: nothing left to close
        let state = boxes.state.lock().unwrap();
        assert!(state.retired.contains_key(&opened.mailbox));
        assert!(state.open.is_empty());
    }

    #[test]
    fn an_expired_mailbox_says_so() {
        let boxes = mailboxes(100);
        let opened = boxes.open(Duration::from_secs(1), ONE).unwrap();
        boxes.close(opened.mailbox);
        // Retired, not yet past its expiry: unknown (closed by its opener).
        assert_eq!(
            code(boxes.join(opened.mailbox, TWO)),
            ErrorCode::MailboxUnknown
        );
        let expired = boxes.open(Duration::from_secs(1), ONE).unwrap();
        let past = Instant::now() - Duration::from_secs(1);
        boxes
            .state
            .lock()
            .unwrap()
            .open
            .get_mut(&expired.mailbox)
            .unwrap()
            .expires = past;
        assert_eq!(
            code(boxes.join(expired.mailbox, TWO)),
            ErrorCode::PairingExpired
        );
    }

    #[test]
    fn opens_and_joins_are_limited_per_source_address() {
        let boxes = mailboxes(2);
        let first = boxes.open(Duration::from_secs(60), ONE).unwrap();
        boxes.open(Duration::from_secs(60), ONE).unwrap();
        let limited = code(boxes.open(Duration::from_secs(60), ONE));
        assert!(matches!(limited, ErrorCode::RateLimited { retry_after_ms } if retry_after_ms > 0));
        boxes.open(Duration::from_secs(60), TWO).unwrap(); // another address is not affected
        let unknown = (0..MAILBOX_IDS)
            .find(|id| !boxes.state.lock().unwrap().open.contains_key(id))
            .unwrap();
        for _ in 0..2 {
            assert_eq!(code(boxes.join(unknown, ONE)), ErrorCode::MailboxUnknown);
        }
        assert!(matches!(
            code(boxes.join(first.mailbox, ONE)),
            ErrorCode::RateLimited { .. }
        ));
        boxes.join(first.mailbox, TWO).unwrap();
    }
}
