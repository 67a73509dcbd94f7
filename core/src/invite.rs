//! The invite: everything a device hands to another so it can join the group.
//!
//! Shown as a QR code or pasted as text, so it is compact and URL-safe:
//!
//! ```text
//! "0k1." ‖ base64url-no-pad( version(1) ‖ postcard(body) ‖ checksum(4) )
//! checksum = SHA-256(version ‖ postcard(body))[..4]
//! body     = { relays: [RelayAddr], secret: [u8; 32], kdf: Option<(Salt, KdfParams)>,
//!              expires_at: u64 (unix seconds) }
//! ```
//!
//! The checksum only catches typos and truncation; it is no MAC. An invite carries the group
//! secret in clear, so whoever sees it joins the group: hand it over only on a channel you
//! trust (a QR code shown in person, an end-to-end encrypted messenger).

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{Error, GroupSecret, KdfParams, RelayAddr, Result, Salt};

const PREFIX: &str = "0k1.";
const CHECKSUM_LEN: usize = 4;

/// An invitation to join a group. `Debug` never prints the secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invite {
    /// Relays the group syncs through; never empty in a decoded invite.
    pub relays: Vec<RelayAddr>,
    /// The group secret itself.
    pub secret: GroupSecret,
    /// Salt and parameters when the secret was derived from a passphrase, so the joining
    /// device can later re-derive it from the passphrase alone.
    pub kdf: Option<(Salt, KdfParams)>,
    /// Unix time (seconds) from which the invite is refused.
    pub expires_at: u64,
}

/// The serialized body. Field order is the wire format: never reorder.
#[derive(Serialize, Deserialize)]
struct Body<'a> {
    relays: Cow<'a, [RelayAddr]>,
    secret: SecretBytes,
    kdf: Option<(Salt, KdfParams)>,
    expires_at: u64,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct SecretBytes([u8; 32]);

fn checksum(versioned_body: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::digest(versioned_body);
    let mut out = [0u8; CHECKSUM_LEN];
    out.copy_from_slice(&digest[..CHECKSUM_LEN]);
    out
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidInvite(reason.into())
}

impl Invite {
    /// The layout version this build writes and reads (the first encoded byte).
    pub const VERSION: u8 = 1;

    /// An invite valid for `ttl` from now (rounded up to whole seconds).
    pub fn new(
        relays: Vec<RelayAddr>,
        secret: GroupSecret,
        kdf: Option<(Salt, KdfParams)>,
        ttl: Duration,
    ) -> Result<Invite> {
        if relays.is_empty() {
            return Err(Error::InvalidConfig(
                "an invite needs at least one relay".into(),
            ));
        }
        if ttl.is_zero() {
            return Err(Error::InvalidConfig(
                "invite lifetime must not be zero".into(),
            ));
        }
        if let Some((_, params)) = &kdf {
            params.validate()?;
        }
        let ttl_secs = ttl
            .as_secs()
            .saturating_add(u64::from(ttl.subsec_nanos() > 0));
        Ok(Invite {
            relays,
            secret,
            kdf,
            expires_at: unix_now().saturating_add(ttl_secs),
        })
    }

    /// The text form: `"0k1."` followed by base64url without padding. Contains the secret.
    pub fn encode(&self) -> String {
        let body = Body {
            relays: Cow::Borrowed(&self.relays),
            secret: SecretBytes(*self.secret.expose()),
            kdf: self.kdf,
            expires_at: self.expires_at,
        };
        // Sized up front, so no reallocation leaves a copy of the secret behind.
        let body_len = postcard::experimental::serialized_size(&body)
            .expect("an invite body always serializes");
        let mut raw = Zeroizing::new(vec![0u8; 1 + body_len + CHECKSUM_LEN]);
        raw[0] = Self::VERSION;
        postcard::to_slice(&body, &mut raw[1..=body_len]).expect("buffer sized by serialized_size");
        let sum = checksum(&raw[..=body_len]);
        raw[1 + body_len..].copy_from_slice(&sum);

        let encoded_len =
            base64::encoded_len(raw.len(), false).expect("an invite is far below usize::MAX");
        let mut out = Vec::with_capacity(PREFIX.len() + encoded_len);
        out.extend_from_slice(PREFIX.as_bytes());
        out.resize(PREFIX.len() + encoded_len, 0);
        URL_SAFE_NO_PAD
            .encode_slice(&raw[..], &mut out[PREFIX.len()..])
            .expect("buffer sized by encoded_len");
        String::from_utf8(out).expect("base64 output is ASCII")
    }

    /// Parses and checks an invite against the current time. See [`Invite::decode_at`].
    pub fn decode(s: &str) -> Result<Invite> {
        Self::decode_at(s, unix_now())
    }

    /// Parses an invite (surrounding whitespace allowed) and checks it as of `now_unix`.
    ///
    /// Errors: [`Error::UnsupportedInviteVersion`] for a well-encoded invite of another
    /// version, [`Error::InviteExpired`] when `expires_at <= now_unix`, and
    /// [`Error::InvalidInvite`] for anything corrupt (prefix, base64, checksum, body, an
    /// empty relay list, KDF parameters out of range).
    pub fn decode_at(s: &str, now_unix: u64) -> Result<Invite> {
        let b64 = s
            .trim()
            .strip_prefix(PREFIX)
            .ok_or_else(|| invalid(format!("must start with {PREFIX:?}")))?;
        let mut raw = Zeroizing::new(vec![0u8; base64::decoded_len_estimate(b64.len())]);
        let n = URL_SAFE_NO_PAD
            .decode_slice(b64, &mut raw[..])
            .map_err(|_| invalid("not base64url without padding"))?;
        raw.truncate(n);

        // The version comes first: a future layout must be reported as such, not as corrupt.
        let Some(&version) = raw.first() else {
            return Err(invalid("empty"));
        };
        if version != Self::VERSION {
            return Err(Error::UnsupportedInviteVersion {
                found: version,
                supported: Self::VERSION,
            });
        }
        if raw.len() < 1 + 1 + CHECKSUM_LEN {
            return Err(invalid("too short"));
        }
        let (versioned_body, sum) = raw.split_at(raw.len() - CHECKSUM_LEN);
        if checksum(versioned_body) != sum {
            return Err(invalid("checksum mismatch (mistyped or truncated?)"));
        }
        let (body, rest): (Body<'_>, _) = postcard::take_from_bytes(&versioned_body[1..])
            .map_err(|e| invalid(format!("undecodable body: {e}")))?;
        if !rest.is_empty() {
            return Err(invalid(format!(
                "{} trailing bytes after the body",
                rest.len()
            )));
        }
        if body.relays.is_empty() {
            return Err(invalid("no relay"));
        }
        if let Some((_, params)) = &body.kdf {
            params
                .validate()
                .map_err(|e| invalid(format!("KDF parameters: {e}")))?;
        }
        if body.expires_at <= now_unix {
            return Err(Error::InviteExpired {
                expired_at: body.expires_at,
            });
        }
        Ok(Invite {
            secret: GroupSecret::from_bytes(body.secret.0),
            kdf: body.kdf,
            expires_at: body.expires_at,
            relays: body.relays.into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_750_000_000;

    fn relay(b: u8) -> RelayAddr {
        RelayAddr {
            endpoint_id: [b; 32],
            addrs: vec![
                "203.0.113.7:4433".parse().unwrap(),
                "[2001:db8::1]:4433".parse().unwrap(),
            ],
        }
    }

    fn sample() -> Invite {
        Invite {
            relays: vec![relay(0xA1), relay(0xB2)],
            secret: GroupSecret::from_bytes([0x5E; 32]),
            kdf: Some((Salt([7; 16]), KdfParams::DEFAULT)),
            expires_at: NOW + 600,
        }
    }

    /// Builds `0k1.` ‖ base64(version ‖ body ‖ checksum) from raw parts, checksum correct.
    fn forge(version: u8, body: &[u8]) -> String {
        let mut raw = vec![version];
        raw.extend_from_slice(body);
        let sum = checksum(&raw);
        raw.extend_from_slice(&sum);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(raw))
    }

    fn body_bytes(inv: &Invite) -> Vec<u8> {
        let raw = URL_SAFE_NO_PAD
            .decode(inv.encode().strip_prefix(PREFIX).unwrap())
            .unwrap();
        raw[1..raw.len() - CHECKSUM_LEN].to_vec()
    }

    #[test]
    fn round_trips_with_and_without_kdf_and_whitespace() {
        let with = sample();
        let without = Invite {
            kdf: None,
            relays: vec![relay(1)],
            ..sample()
        };
        for inv in [with, without] {
            let s = inv.encode();
            assert!(s.starts_with(PREFIX), "{s}");
            assert_eq!(Invite::decode_at(&s, NOW).unwrap(), inv);
            assert_eq!(
                Invite::decode_at(&format!(" \n\t{s}\r\n "), NOW).unwrap(),
                inv
            );
        }
    }

    #[test]
    fn new_sets_expiry_and_rejects_bad_config() {
        let before = unix_now();
        let inv = Invite::new(
            vec![relay(1)],
            GroupSecret::from_bytes([1; 32]),
            None,
            Duration::from_millis(1500),
        )
        .unwrap();
        assert!(inv.expires_at >= before + 2 && inv.expires_at <= unix_now() + 2);
        assert_eq!(Invite::decode(&inv.encode()).unwrap(), inv);

        let secret = || GroupSecret::from_bytes([1; 32]);
        let hour = Duration::from_secs(3600);
        assert!(matches!(
            Invite::new(vec![], secret(), None, hour),
            Err(Error::InvalidConfig(_))
        ));
        assert!(matches!(
            Invite::new(vec![relay(1)], secret(), None, Duration::ZERO),
            Err(Error::InvalidConfig(_))
        ));
        let weak = KdfParams {
            iterations: 1,
            ..KdfParams::MIN
        };
        assert!(matches!(
            Invite::new(vec![relay(1)], secret(), Some((Salt([0; 16]), weak)), hour),
            Err(Error::InvalidConfig(_))
        ));
    }

    #[test]
    fn encoding_is_url_safe_and_compact() {
        let s = sample().encode();
        assert!(
            s.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')),
            "{s}"
        );
        // Two relays with two addresses each, a secret, KDF parameters: fits a small QR code.
        assert!(s.len() < 250, "{} chars: {s}", s.len());
    }

    #[test]
    fn debug_and_errors_never_show_the_secret() {
        let inv = sample();
        let secret_hex = hex::encode(inv.secret.expose());
        let printed = format!("{inv:?}");
        assert!(printed.contains("redacted"), "{printed}");
        assert!(
            !printed.to_lowercase().contains(&secret_hex[..8]),
            "{printed}"
        );
        assert!(!printed.contains("94, 94"), "{printed}");

        let s = inv.encode();
        let mut errors = vec![
            Invite::decode_at(&s, NOW + 600).unwrap_err(),
            Invite::decode_at(&s[..s.len() - 3], NOW).unwrap_err(),
        ];
        let mut body = body_bytes(&inv);
        body.push(0);
        errors.push(Invite::decode_at(&forge(1, &body), NOW).unwrap_err());
        for e in errors {
            let msg = e.to_string().to_lowercase();
            assert!(!msg.contains(&secret_hex[..8]), "{msg}");
        }
    }

    #[test]
    fn distinct_errors() {
        let inv = sample();
        let s = inv.encode();
        let b64 = s.strip_prefix(PREFIX).unwrap();

        let is_invalid = |r: Result<Invite>| matches!(r, Err(Error::InvalidInvite(_)));
        // Prefix.
        assert!(is_invalid(Invite::decode_at(b64, NOW)));
        assert!(is_invalid(Invite::decode_at(&format!("0k2.{b64}"), NOW)));
        assert!(is_invalid(Invite::decode_at("", NOW)));
        // Base64: foreign character, padding, standard alphabet.
        assert!(is_invalid(Invite::decode_at(&format!("{s}!"), NOW)));
        assert!(is_invalid(Invite::decode_at(&format!("{s}=="), NOW)));
        assert!(is_invalid(Invite::decode_at(&format!("{PREFIX}ab+/"), NOW)));
        assert!(is_invalid(Invite::decode_at(PREFIX, NOW)));
        // Too short to hold a checksum.
        assert!(is_invalid(Invite::decode_at(&format!("{PREFIX}AQID"), NOW)));
        // Checksum: drop the last checksum byte.
        let raw = URL_SAFE_NO_PAD.decode(b64).unwrap();
        let cut = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(&raw[..raw.len() - 1]));
        assert!(is_invalid(Invite::decode_at(&cut, NOW)));
        // Undecodable body and trailing bytes, with a correct checksum.
        assert!(is_invalid(Invite::decode_at(&forge(1, &[0xFF; 8]), NOW)));
        let mut long = body_bytes(&inv);
        long.push(0);
        assert!(is_invalid(Invite::decode_at(&forge(1, &long), NOW)));
        // Empty relay list.
        let no_relay = Invite {
            relays: vec![],
            ..sample()
        };
        assert!(is_invalid(Invite::decode_at(&no_relay.encode(), NOW)));
        // KDF parameters below the minimum, and absurdly high.
        for params in [
            KdfParams {
                memory_kib: 8,
                ..KdfParams::MIN
            },
            KdfParams {
                parallelism: 1000,
                ..KdfParams::MIN
            },
        ] {
            let weak = Invite {
                kdf: Some((Salt([1; 16]), params)),
                ..sample()
            };
            assert!(is_invalid(Invite::decode_at(&weak.encode(), NOW)));
        }

        // Another version, even with a body this build cannot read and a bad checksum.
        for v in [0u8, 2, 255] {
            for forged in [forge(v, &body_bytes(&inv)), forge(v, &[1, 2, 3])] {
                assert_eq!(
                    Invite::decode_at(&forged, NOW),
                    Err(Error::UnsupportedInviteVersion {
                        found: v,
                        supported: 1
                    })
                );
            }
            let mut raw = vec![v; 12];
            raw[1] ^= 0x55;
            let bad_sum = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(&raw));
            assert!(matches!(
                Invite::decode_at(&bad_sum, NOW),
                Err(Error::UnsupportedInviteVersion { found, .. }) if found == v
            ));
        }

        // Expiry: valid until the second before `expires_at`.
        assert!(Invite::decode_at(&s, inv.expires_at - 1).is_ok());
        for now in [inv.expires_at, inv.expires_at + 1, u64::MAX] {
            assert_eq!(
                Invite::decode_at(&s, now),
                Err(Error::InviteExpired {
                    expired_at: inv.expires_at
                })
            );
        }
        // Corruption is reported before expiry.
        assert!(is_invalid(Invite::decode_at(&no_relay.encode(), u64::MAX)));
    }

    #[test]
    fn any_flipped_character_is_detected() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let s = sample().encode();
        for i in 0..s.len() {
            let mut bad = s.clone().into_bytes();
            let c = bad[i];
            let pos = ALPHABET.iter().position(|&a| a == c).unwrap_or(0);
            bad[i] = ALPHABET[(pos + 17) % ALPHABET.len()];
            let bad = String::from_utf8(bad).unwrap();
            match Invite::decode_at(&bad, NOW) {
                Err(Error::InvalidInvite(_)) => {}
                // The first two base64 characters carry the version byte.
                Err(Error::UnsupportedInviteVersion { .. }) if i < PREFIX.len() + 2 => {}
                other => panic!("char {i} of {s} -> {bad}: {other:?}"),
            }
        }
    }
}
