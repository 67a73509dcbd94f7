//! The PAKE and what comes after it. SPAKE2 (Ed25519 group, RustCrypto's `spake2`, the
//! construction Magic Wormhole uses) gives both devices one key if and only if they used the
//! same password; it does no key confirmation, so this adds it:
//!
//! ```text
//! idA, idB   = "0k-sync/v1/pair/A" or ".../B" ‖ relay endpoint id (32) ‖ mailbox (4 chars)
//! transcript = SHA-256("0k-sync/v1/pair/transcript" ‖ relay id ‖ mailbox ‖ msgA ‖ msgB)
//! k_side     = HKDF-SHA256(ikm = SPAKE2 key, salt = transcript, info = "0k-sync/v1/pair/" ‖ name)
//!              for name in confirm-A, confirm-B, seal (32 bytes each), verifier (4 bytes)
//! confirm_X  = HMAC-SHA256(k_confirm-X, transcript)
//! sealed     = nonce (24) ‖ XChaCha20-Poly1305(k_seal, nonce, invite, "0k-sync/v1/pair/invite" ‖ transcript)
//! verifier   = the 4 bytes as a big-endian u32, mod 10^6, shown as "ddd ddd"
//! ```
//!
//! A message that is not a valid curve point, or is one of small order, is refused before
//! SPAKE2 sees it (`spake2` 0.4 decompresses without that check).

use chacha20poly1305::{AeadInOut, KeyInit, Tag, XChaCha20Poly1305, XNonce};
use curve25519_dalek::edwards::CompressedEdwardsY;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use spake2::{Ed25519Group, Identity, Password, Spake2};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::code::PairingCode;
use crate::{Error, Result, crypto::random_bytes};

const LABEL: &[u8] = b"0k-sync/v1/pair/";

/// Which side of a pairing: A shows the code (a member), B types it (the new device).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    A,
    B,
}

/// A started PAKE: the message to send and what finishing it needs.
pub(crate) struct Pake {
    side: Side,
    state: Spake2<Ed25519Group>,
    message: Vec<u8>,
    relay: [u8; 32],
    mailbox: String,
}

impl Pake {
    pub fn start(side: Side, code: &PairingCode, relay: [u8; 32]) -> Self {
        let mailbox = code.mailbox_text();
        let identity =
            |s: &str| Identity::new(&[LABEL, s.as_bytes(), &relay, mailbox.as_bytes()].concat());
        let (id_a, id_b) = (identity("A"), identity("B"));
        let password = Password::new(code.password());
        let (state, message) = match side {
            Side::A => Spake2::<Ed25519Group>::start_a(&password, &id_a, &id_b),
            Side::B => Spake2::<Ed25519Group>::start_b(&password, &id_a, &id_b),
        };
        Self {
            side,
            state,
            message,
            relay,
            mailbox,
        }
    }

    /// This side's PAKE message.
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// Finishes with the other side's message. Succeeds whatever the passwords: only key
    /// confirmation tells whether they matched.
    pub fn finish(self, theirs: &[u8]) -> Result<SessionKeys> {
        let refused =
            || Error::PairingFailed("the other device sent an invalid PAKE message".into());
        let point: [u8; 32] = theirs
            .get(1..)
            .and_then(|p| p.try_into().ok())
            .ok_or_else(refused)?;
        match CompressedEdwardsY(point).decompress() {
            Some(p) if !p.is_small_order() => {}
            _ => return Err(refused()),
        }
        let key = self.state.finish(theirs).map_err(|_| refused())?;
        let (msg_a, msg_b) = match self.side {
            Side::A => (&self.message[..], theirs),
            Side::B => (theirs, &self.message[..]),
        };
        let transcript = transcript(&self.relay, &self.mailbox, msg_a, msg_b);
        let keys = SessionKeys::derive(&key, transcript);
        let mut key = key;
        key.zeroize();
        Ok(keys)
    }
}

fn transcript(relay: &[u8; 32], mailbox: &str, msg_a: &[u8], msg_b: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update([LABEL, b"transcript"].concat())
        .chain_update(relay)
        .chain_update(mailbox.as_bytes())
        .chain_update(msg_a)
        .chain_update(msg_b)
        .finalize()
        .into()
}

/// The keys of one pairing, from the PAKE key and the transcript. Never leave this crate.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct SessionKeys {
    #[zeroize(skip)]
    transcript: [u8; 32],
    confirm_a: [u8; 32],
    confirm_b: [u8; 32],
    seal: [u8; 32],
    verifier: u32,
}

impl SessionKeys {
    pub fn derive(pake_key: &[u8], transcript: [u8; 32]) -> Self {
        let hkdf = Hkdf::<Sha256>::new(Some(&transcript), pake_key);
        let expand = |name: &str, out: &mut [u8]| {
            hkdf.expand(&[LABEL, name.as_bytes()].concat(), out)
                .expect("a valid HKDF output length");
        };
        let mut keys = Self {
            transcript,
            confirm_a: [0; 32],
            confirm_b: [0; 32],
            seal: [0; 32],
            verifier: 0,
        };
        expand("confirm-A", &mut keys.confirm_a);
        expand("confirm-B", &mut keys.confirm_b);
        expand("seal", &mut keys.seal);
        let mut verifier = [0u8; 4];
        expand("verifier", &mut verifier);
        keys.verifier = u32::from_be_bytes(verifier);
        keys
    }

    fn mac(&self, side: Side) -> Hmac<Sha256> {
        let key = match side {
            Side::A => &self.confirm_a,
            Side::B => &self.confirm_b,
        };
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        mac.update(&self.transcript);
        mac
    }

    /// `side`'s key confirmation.
    pub fn confirmation(&self, side: Side) -> [u8; 32] {
        self.mac(side).finalize().into_bytes().into()
    }

    /// Whether `received` is `side`'s confirmation (compared in constant time).
    pub fn confirms(&self, side: Side, received: &[u8; 32]) -> bool {
        self.mac(side).verify_slice(received).is_ok()
    }

    /// The digits both devices can show, for people who want to compare: "ddd ddd".
    pub fn verifier(&self) -> String {
        let n = self.verifier % 1_000_000;
        format!("{:03} {:03}", n / 1000, n % 1000)
    }

    pub fn seal(&self, invite: &[u8]) -> Vec<u8> {
        self.seal_with_nonce(invite, random_bytes())
    }

    pub(crate) fn seal_with_nonce(&self, invite: &[u8], nonce: [u8; 24]) -> Vec<u8> {
        let mut body = invite.to_vec();
        let tag = self
            .cipher()
            .encrypt_inout_detached(
                &XNonce::from(nonce),
                &self.aad(),
                body.as_mut_slice().into(),
            )
            .expect("XChaCha20-Poly1305 seals any invite");
        [&nonce[..], &body, &tag[..]].concat()
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>> {
        let tampered = || Error::PairingFailed("the sealed invite failed authentication".into());
        if sealed.len() < 24 + 16 {
            return Err(tampered());
        }
        let (nonce, rest) = sealed.split_at(24);
        let (body, tag) = rest.split_at(rest.len() - 16);
        let nonce = XNonce::try_from(nonce).map_err(|_| tampered())?;
        let tag = Tag::try_from(tag).map_err(|_| tampered())?;
        let mut body = body.to_vec();
        self.cipher()
            .decrypt_inout_detached(&nonce, &self.aad(), body.as_mut_slice().into(), &tag)
            .map_err(|_| tampered())?;
        Ok(body)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.seal).into())
    }

    fn aad(&self) -> Vec<u8> {
        [LABEL, b"invite", &self.transcript].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a_code: &PairingCode, b_code: &PairingCode) -> (SessionKeys, SessionKeys) {
        let relay = [7u8; 32];
        let a = Pake::start(Side::A, a_code, relay);
        let b = Pake::start(Side::B, b_code, relay);
        let (msg_a, msg_b) = (a.message().to_vec(), b.message().to_vec());
        (a.finish(&msg_b).unwrap(), b.finish(&msg_a).unwrap())
    }

    #[test]
    fn the_same_code_confirms_both_ways_and_opens_the_invite() {
        let code = PairingCode::generate(42);
        let (a, b) = run(&code, &code);
        assert!(a.confirms(Side::B, &b.confirmation(Side::B)));
        assert!(b.confirms(Side::A, &a.confirmation(Side::A)));
        assert!(
            !a.confirms(Side::A, &b.confirmation(Side::B)),
            "roles are not interchangeable"
        );
        assert_eq!(a.verifier(), b.verifier());
        assert_eq!(b.open(&a.seal(b"0k1.invite")).unwrap(), b"0k1.invite");
    }

    #[test]
    fn another_password_fails_confirmation() {
        let code = PairingCode::generate(42);
        let other = PairingCode::parse(&{
            let mut wrong = PairingCode::generate(42);
            while wrong == code {
                wrong = PairingCode::generate(42);
            }
            wrong.reveal()
        })
        .unwrap();
        let (a, b) = run(&code, &other);
        assert!(!a.confirms(Side::B, &b.confirmation(Side::B)));
        assert!(matches!(
            b.open(&a.seal(b"x")),
            Err(Error::PairingFailed(_))
        ));
    }

    #[test]
    fn a_tampered_invite_is_refused() {
        let code = PairingCode::generate(1);
        let (a, b) = run(&code, &code);
        let mut sealed = a.seal(b"0k1.invite");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(matches!(b.open(&sealed), Err(Error::PairingFailed(_))));
        assert!(matches!(
            b.open(&sealed[..20]),
            Err(Error::PairingFailed(_))
        ));
    }

    /// tests/vectors/pairing.json, written by an independent implementation
    /// (tests/tools/pairing_vectors.py).
    #[test]
    fn the_key_schedule_matches_the_vectors() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/vectors/pairing.json")).unwrap();
        let schedules = file["schedules"].as_array().unwrap();
        assert!(!schedules.is_empty());
        for case in schedules {
            let bytes = |name: &str| hex::decode(case[name].as_str().unwrap()).unwrap();
            let array = |name: &str| -> [u8; 32] { bytes(name).try_into().unwrap() };
            let mailbox = case["mailbox"].as_str().unwrap();
            let transcript = transcript(&array("relay"), mailbox, &bytes("msg_a"), &bytes("msg_b"));
            assert_eq!(
                hex::encode(transcript),
                case["transcript"].as_str().unwrap()
            );
            let keys = SessionKeys::derive(&bytes("pake_key"), transcript);
            assert_eq!(keys.confirmation(Side::A), array("confirm_a"));
            assert_eq!(keys.confirmation(Side::B), array("confirm_b"));
            assert_eq!(keys.verifier(), case["verifier"].as_str().unwrap());
            let invite = case["invite"].as_str().unwrap().as_bytes();
            let nonce: [u8; 24] = bytes("nonce").try_into().unwrap();
            assert_eq!(keys.seal_with_nonce(invite, nonce), bytes("sealed"));
            assert_eq!(keys.open(&bytes("sealed")).unwrap(), invite);
        }
    }

    #[test]
    fn small_order_and_invalid_points_are_refused() {
        let code = PairingCode::generate(9);
        // The identity, a point of order 2, and a y with no point, each as B's message.
        let identity = CompressedEdwardsY::default().0;
        let mut order_two = [0u8; 32];
        order_two[0] = 0xec;
        order_two[1..31].fill(0xff);
        order_two[31] = 0x7f;
        let not_on_curve = (2u8..)
            .map(|y| {
                let mut point = [0u8; 32];
                point[0] = y;
                point
            })
            .find(|p| CompressedEdwardsY(*p).decompress().is_none())
            .unwrap();
        for point in [identity, order_two, not_on_curve] {
            let a = Pake::start(Side::A, &code, [0; 32]);
            let message = [&[b'B'][..], &point].concat();
            assert!(matches!(a.finish(&message), Err(Error::PairingFailed(_))));
        }
        let a = Pake::start(Side::A, &code, [0; 32]);
        assert!(matches!(a.finish(&[b'B'; 5]), Err(Error::PairingFailed(_))));
    }
}
