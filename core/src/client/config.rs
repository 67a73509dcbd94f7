//! What a client is configured with, and the defaults a desktop app and a phone each want.

use std::{path::PathBuf, time::Duration};

use crate::{Error, GroupSecret, Invite, KdfParams, RelayAddr, Result, Salt};

/// How a client keeps its connection to a relay alive and how soon it gives up on it.
///
/// QUIC closes a connection that hears nothing for the idle timeout; the client sends a
/// keep-alive after `keep_alive` of silence so that an idle connection stays open. Shorter
/// values notice a dead relay (and fail over) sooner; longer ones let a phone's radio sleep
/// longer and cost the relay less per idle device.
///
/// iroh 1.4, the transport, keeps each network path alive by itself at least every 5 s and
/// drops a path silent for 15 s, and refuses longer settings (for its hole punching). So a
/// keep-alive can be at most [`MAX_KEEP_ALIVE`] and an idle timeout at most
/// [`MAX_IDLE_TIMEOUT`]; longer ones are refused rather than silently not honoured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Liveness {
    pub keep_alive: Duration,
    pub idle_timeout: Duration,
}

/// The longest keep-alive interval: below iroh's 5 s path keep-alive, so the device's
/// keep-alive always arrives first and the relay, which restarts its own timer on every
/// packet it receives, never needs to send one.
pub const MAX_KEEP_ALIVE: Duration = Duration::from_millis(4500);
/// The longest idle timeout: iroh's limit for a path.
pub const MAX_IDLE_TIMEOUT: Duration = Duration::from_secs(15);

impl Liveness {
    /// Desktop and server apps: a dead relay is noticed within 10 s.
    pub const DEFAULT: Self = Self {
        keep_alive: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(10),
    };

    /// Phones: the longest the transport allows, one keep-alive every 4.5 s and a relay
    /// given up after 15 s of silence.
    pub const MOBILE: Self = Self {
        keep_alive: MAX_KEEP_ALIVE,
        idle_timeout: MAX_IDLE_TIMEOUT,
    };
}

/// Everything a client needs. Build with [`ClientConfig::new`] or
/// [`ClientConfig::from_invite`], then adjust the public fields.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub secret: GroupSecret,
    /// Salt and parameters the secret was derived with, if it came from a passphrase;
    /// carried into invites so a joiner can re-derive it from the passphrase too.
    pub kdf: Option<(Salt, KdfParams)>,
    /// Relays in order of preference; pushes are replicated to all of them.
    pub relays: Vec<RelayAddr>,
    pub device_name: String,
    /// Requested time to live of pushed blobs (the relay caps it); `None` = relay default.
    pub ttl: Option<Duration>,
    /// Where cursors and the device id persist; `None` keeps them in memory only. The
    /// outbox lives beside it (`<state_path>.outbox`), in memory too without a path.
    pub state_path: Option<PathBuf>,
    pub liveness: Liveness,
    /// How long dialing and authenticating with one relay may take.
    pub connect_timeout: Duration,
    /// How long one call (push, pull) may take in all, retries and pacing included.
    pub request_timeout: Duration,
    /// Sealed bytes the outbox may hold; `enqueue` beyond it fails with `OutboxFull`.
    pub outbox_max_bytes: u64,
}

/// Default outbox capacity: 256 MiB of sealed payloads.
pub const DEFAULT_OUTBOX_MAX_BYTES: u64 = 256 * 1024 * 1024;

impl ClientConfig {
    pub fn new(secret: GroupSecret, relays: Vec<RelayAddr>) -> Self {
        Self {
            secret,
            kdf: None,
            relays,
            device_name: "device".into(),
            ttl: None,
            state_path: None,
            liveness: Liveness::DEFAULT,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            outbox_max_bytes: DEFAULT_OUTBOX_MAX_BYTES,
        }
    }

    pub fn from_invite(invite: &Invite) -> Self {
        Self {
            kdf: invite.kdf,
            ..Self::new(invite.secret.clone(), invite.relays.clone())
        }
    }

    pub(crate) fn validate(&self) -> Result<()> {
        let bad = |why: &str| Err(Error::InvalidConfig(why.into()));
        if self.relays.is_empty() {
            return bad("at least one relay address is required");
        }
        if self.relays.iter().any(|r| r.addrs.is_empty()) {
            return bad("every relay needs at least one socket address");
        }
        if self.connect_timeout.is_zero() || self.request_timeout.is_zero() {
            return bad("timeouts must be positive");
        }
        let Liveness {
            keep_alive,
            idle_timeout,
        } = self.liveness;
        if keep_alive < Duration::from_millis(100) || keep_alive >= idle_timeout {
            return bad(
                "the keep-alive interval must be at least 100 ms and below the idle timeout",
            );
        }
        if idle_timeout > Duration::from_secs(600) {
            return bad("the idle timeout must be at most 600 s");
        }
        if self.ttl.is_some_and(|t| t.as_secs() == 0) {
            return bad("ttl must be at least one second");
        }
        if self.device_name.len() > 256 {
            return bad("device name is longer than 256 bytes");
        }
        if self.outbox_max_bytes == 0 {
            return bad("the outbox needs room for at least one byte");
        }
        Ok(())
    }
}
