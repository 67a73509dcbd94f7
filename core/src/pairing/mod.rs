//! Pairing a device by a short code, through a mailbox on a relay (Magic Wormhole's shape).
//!
//! A member device (side A) opens a mailbox on its relay ([`crate::SyncClient::
//! create_pairing_code`]) and shows a code naming the mailbox and carrying a PAKE password;
//! the new device (side B) types it ([`join`]), reaches the mailbox without being a member,
//! and both run SPAKE2 through it. B's key confirmation goes first; A releases nothing before
//! it verifies, then sends its own confirmation and the group's invite sealed under the
//! pairing key. A wrong code burns the mailbox and both sides get `PairingFailed`: whoever
//! guesses (the relay included) gets one try per code shown, about 2^-55.
//!
//! Messages in the mailbox (`Step`, postcard inside `PairMessage`), in order:
//! A: `Pake` · B: `Pake`, `Confirm` · A: `Confirm`, `Invite` · B: `Done`.
//! See core/PROTOCOL.md, "Pairing by code".

mod code;
mod keys;

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

pub use code::{MAILBOX_IDS, PairingCode};
pub(crate) use keys::{Pake, Side};

use crate::{
    Error, Invite, RelayAddr, Result,
    client::{Liveness, frame_err},
    protocol::{ErrorCode, Message, SUPPORTED_VERSIONS, read_message, write_message},
    transport::{Connection, Transport},
};

/// How long a code is valid unless the showing device says otherwise.
pub const DEFAULT_TTL: Duration = Duration::from_secs(10 * 60);
/// The largest mailbox message a relay accepts (a sealed invite with a few relays is far
/// below it) …
pub const MAX_MESSAGE_BYTES: usize = 4096;
/// … and how many each side may post.
pub const MAX_MESSAGES_PER_SIDE: usize = 4;

/// One mailbox message; the relay sees only its size.
#[derive(Debug, Serialize, Deserialize)]
enum Step {
    Pake(#[serde(with = "serde_bytes")] Vec<u8>),
    Confirm([u8; 32]),
    Invite(#[serde(with = "serde_bytes")] Vec<u8>),
    Done,
}

/// What the device that typed the code receives.
#[derive(Debug)]
pub struct Joined {
    /// The group's invite, as a QR code would have carried it.
    pub invite: Invite,
    /// The digits both devices can show ("ddd ddd"), for people who want to compare.
    pub verifier: String,
}

/// Side B over iroh, with a client's default timeouts: joins the mailbox `typed` names on the
/// first of `relays` that answers (the relay the code was shown through), runs the PAKE and
/// returns the invite. Fails with `InvalidPairingCode` before any network traffic when the
/// code is malformed.
pub async fn join_with_code(relays: &[RelayAddr], typed: &str) -> Result<Joined> {
    PairingCode::parse(typed)?;
    let transport = crate::IrohTransport::for_relays(relays).await?;
    let defaults = crate::ClientConfig::new(crate::GroupSecret::generate(), relays.to_vec());
    let joined = join(
        &transport,
        relays,
        typed,
        defaults.liveness,
        defaults.connect_timeout,
        defaults.request_timeout,
    )
    .await;
    transport.close().await;
    joined
}

/// Side B over any transport: joins the mailbox a code names on the first of `relays` that
/// answers, runs the PAKE and returns the invite. Each step waits at most `step_timeout`.
pub async fn join<T: Transport>(
    transport: &T,
    relays: &[RelayAddr],
    typed: &str,
    liveness: Liveness,
    connect_timeout: Duration,
    step_timeout: Duration,
) -> Result<Joined> {
    let code = PairingCode::parse(typed)?;
    if relays.is_empty() {
        return Err(Error::InvalidConfig("no relay to pair through".into()));
    }
    let mut failures = Vec::new();
    for relay in relays {
        let dialed =
            tokio::time::timeout(connect_timeout, transport.connect(relay, liveness)).await;
        let conn = match dialed {
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => {
                failures.push(e.to_string());
                continue;
            }
            Err(_) => {
                failures.push(format!(
                    "relay {relay}: no connection within {connect_timeout:?}"
                ));
                continue;
            }
        };
        let joined = join_on(&conn, &code, step_timeout).await;
        conn.close();
        return joined;
    }
    Err(match failures.len() {
        1 => Error::ConnectionFailed {
            relay: relays[0].to_string(),
            reason: failures.remove(0),
        },
        _ => Error::AllRelaysFailed { reasons: failures },
    })
}

async fn join_on<C: Connection>(conn: &C, code: &PairingCode, step: Duration) -> Result<Joined> {
    let (mut send, mut recv) = conn.open_bi().await?;
    let join = Message::PairJoin {
        versions: SUPPORTED_VERSIONS.to_vec(),
        mailbox: code.mailbox(),
    };
    write_message(&mut send, &join).await.map_err(frame_err)?;
    let pake = Pake::start(Side::B, code, conn.remote_id());
    let outcome = async {
        let Step::Pake(theirs) = next_step(&mut recv, Instant::now() + step).await? else {
            return Err(out_of_order("Pake"));
        };
        let own = pake.message().to_vec();
        let keys = pake.finish(&theirs)?;
        send_step(&mut send, &Step::Pake(own)).await?;
        send_step(&mut send, &Step::Confirm(keys.confirmation(Side::B))).await?;
        let Step::Confirm(confirm) = next_step(&mut recv, Instant::now() + step).await? else {
            return Err(out_of_order("Confirm"));
        };
        if !keys.confirms(Side::A, &confirm) {
            return Err(Error::PairingFailed(
                "the other device's key confirmation did not verify".into(),
            ));
        }
        let Step::Invite(sealed) = next_step(&mut recv, Instant::now() + step).await? else {
            return Err(out_of_order("Invite"));
        };
        let opened = keys.open(&sealed)?;
        let invite = std::str::from_utf8(&opened)
            .map_err(|_| Error::InvalidInvite("the paired invite is not text".into()))
            .and_then(Invite::decode)?;
        send_step(&mut send, &Step::Done).await?;
        Ok(Joined {
            invite,
            verifier: keys.verifier(),
        })
    }
    .await;
    finish(&mut send, &mut recv, &outcome, step).await;
    outcome
}

/// Side A, once the mailbox is open: posts its PAKE message, waits (until `expires`) for
/// side B, checks B's confirmation, then sends its own and the sealed invite, and waits for
/// B's `Done`. Returns the verifier digits.
pub(crate) async fn show<W, R>(
    mut send: W,
    mut recv: R,
    pake: Pake,
    invite: &Invite,
    expires: Instant,
    step: Duration,
) -> Result<String>
where
    W: AsyncWrite + Unpin,
    R: AsyncRead + Unpin,
{
    let outcome = async {
        send_step(&mut send, &Step::Pake(pake.message().to_vec())).await?;
        // The relay says `PairingExpired` at `expires`; the margin lets that arrive first.
        let Step::Pake(theirs) =
            next_step(&mut recv, expires + step)
                .await
                .map_err(|e| match e {
                    Error::Timeout(_) => Error::PairingExpired("no device joined in time".into()),
                    other => other,
                })?
        else {
            return Err(out_of_order("Pake"));
        };
        let keys = pake.finish(&theirs)?;
        let Step::Confirm(confirm) = next_step(&mut recv, Instant::now() + step).await? else {
            return Err(out_of_order("Confirm"));
        };
        if !keys.confirms(Side::B, &confirm) {
            return Err(Error::PairingFailed(
                "the other device typed a wrong code; this code is used up".into(),
            ));
        }
        send_step(&mut send, &Step::Confirm(keys.confirmation(Side::A))).await?;
        let sealed = keys.seal(invite.encode().as_bytes());
        send_step(&mut send, &Step::Invite(sealed)).await?;
        let Step::Done = next_step(&mut recv, Instant::now() + step).await? else {
            return Err(out_of_order("Done"));
        };
        Ok(keys.verifier())
    }
    .await;
    finish(&mut send, &mut recv, &outcome, step).await;
    outcome
}

/// Ends this side's stream. After a failure of our own making the relay is told
/// (`PairingFailed`), so it burns the mailbox and tells the other side; after success, waits
/// (briefly) for the relay to end its side, so our last message is delivered before the
/// connection may close.
async fn finish<W, R>(send: &mut W, recv: &mut R, outcome: &Result<impl Sized>, step: Duration)
where
    W: AsyncWrite + Unpin,
    R: AsyncRead + Unpin,
{
    if let Err(e) = outcome {
        let told = Message::Error {
            code: ErrorCode::PairingFailed,
            message: e.to_string(),
        };
        let _ = write_message(send, &told).await;
    }
    let _ = send.shutdown().await;
    let _ = tokio::time::timeout(step, async { while read_message(recv).await.is_ok() {} }).await;
}

async fn send_step<W: AsyncWrite + Unpin>(send: &mut W, step: &Step) -> Result<()> {
    let body = postcard::to_stdvec(step).expect("a step encodes");
    write_message(send, &Message::PairMessage { body })
        .await
        .map_err(frame_err)
}

async fn next_step<R: AsyncRead + Unpin>(recv: &mut R, deadline: Instant) -> Result<Step> {
    let read = tokio::time::timeout_at(deadline.into(), read_message(recv))
        .await
        .map_err(|_| Error::Timeout("the other device did not answer in time".into()))?;
    match read.map_err(frame_err)? {
        Message::PairMessage { body } => postcard::from_bytes(&body)
            .map_err(|_| Error::Protocol("a malformed pairing message".into())),
        Message::Error { code, message } => Err(Error::from_wire(code, message)),
        other => Err(Error::Protocol(format!(
            "expected a pairing message, relay sent {}",
            other.kind()
        ))),
    }
}

fn out_of_order(wanted: &str) -> Error {
    Error::Protocol(format!(
        "the other device sent pairing steps out of order (expected {wanted})"
    ))
}
