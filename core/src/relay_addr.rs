//! How a device names a relay: its endpoint id (public key) and the socket addresses to dial.
//!
//! Text form, printed by `zerok relay` and carried in invites:
//! `<64 hex chars of endpoint id>@<ip:port>[,<ip:port>…]`.

use std::{fmt, net::SocketAddr, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::Error;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RelayAddr {
    /// The relay's QUIC endpoint id (an Ed25519 public key), authenticated by TLS.
    pub endpoint_id: [u8; 32],
    /// Direct addresses, tried together.
    pub addrs: Vec<SocketAddr>,
}

impl RelayAddr {
    /// Short, stable name for logs and per-relay state: the first 16 hex chars of the id.
    pub fn short_id(&self) -> String {
        hex::encode(&self.endpoint_id[..8])
    }
}

impl fmt::Display for RelayAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@", hex::encode(self.endpoint_id))?;
        for (i, a) in self.addrs.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl FromStr for RelayAddr {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::InvalidConfig(format!("relay address {s:?}: {why}"));
        let (id, addrs) = s
            .trim()
            .split_once('@')
            .ok_or_else(|| bad("expected <endpoint id>@<ip:port>[,<ip:port>…]"))?;
        let mut endpoint_id = [0u8; 32];
        hex::decode_to_slice(id, &mut endpoint_id)
            .map_err(|_| bad("endpoint id must be 64 hex characters"))?;
        let addrs = addrs
            .split(',')
            .map(|a| {
                a.parse::<SocketAddr>()
                    .map_err(|_| bad("bad socket address"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { endpoint_id, addrs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips_and_rejects_garbage() {
        let a = RelayAddr {
            endpoint_id: [0xab; 32],
            addrs: vec![
                "127.0.0.1:4433".parse().unwrap(),
                "[::1]:5".parse().unwrap(),
            ],
        };
        assert_eq!(a.to_string().parse::<RelayAddr>().unwrap(), a);
        for bad in [
            "",
            "abc",
            "zz@127.0.0.1:1",
            &format!("{}@nope", hex::encode([1; 32])),
        ] {
            assert!(
                matches!(bad.parse::<RelayAddr>(), Err(Error::InvalidConfig(_))),
                "{bad}"
            );
        }
    }
}
