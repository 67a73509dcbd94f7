//! The production transport: QUIC over iroh, direct addresses only.
//!
//! No iroh relays, no address lookup and no port mapping (the crate is built without the
//! `portmapper` feature): a device dials its sync relays by the direct addresses it was given.

use std::{net::SocketAddr, time::Duration};

use iroh::{
    Endpoint, EndpointAddr, PublicKey, RelayMode, SecretKey,
    endpoint::{
        AckFrequencyConfig, ConnectOptions, Connection as IrohConn, IdleTimeout,
        QuicTransportConfig, QuicTransportConfigBuilder, RecvStream, SendStream, presets,
    },
};

use super::{Connection, Transport};
use crate::{
    Error, RelayAddr, Result,
    client::{Liveness, MAX_IDLE_TIMEOUT},
    protocol::{ALPN, MAX_FRAME},
};

/// Streams a peer may have open at once: one per in-flight request, so this bounds how
/// many calls one client can have on the wire concurrently (more wait for a slot).
const MAX_STREAMS: u32 = 1024;

/// Ack-eliciting packets a peer may receive before it must acknowledge them (it also does
/// after its max ACK delay). QUIC's default is 1, an ACK for every second packet, and in
/// request/reply traffic such ACKs mostly travel in datagrams of their own. Both ends ask
/// each other for this through the ACK frequency extension.
///
/// Measured here (50 clients each pushing 1 KiB, one push in flight each, loopback): 2.2
/// UDP datagrams per push instead of 3.0, and ≈ 20 % less CPU per push, both through the
/// relay and between raw endpoints; 64 KiB push and pull throughput and push → live
/// latency stayed within run-to-run noise.
const ACK_ELICITING_THRESHOLD: u32 = 9;

/// A client's connections: it sends the keep-alives (the connection's and its path's: iroh
/// keeps each path alive on its own, see [`Liveness`]), and gives a silent relay up after the
/// idle timeout (QUIC uses the smaller of the two ends' idle timeouts).
pub fn client_transport_config(liveness: Liveness) -> QuicTransportConfig {
    transport_config(liveness.idle_timeout)
        .keep_alive_interval(liveness.keep_alive)
        .default_path_keep_alive_interval(liveness.keep_alive)
        .build()
}

/// A relay's connections: iroh's own keep-alives every 5 s, which a live client's (at most
/// every 4.5 s) always forestall, since every packet received restarts the timer; the idle
/// timeout is the longest iroh allows, so the device's applies.
pub fn relay_transport_config() -> QuicTransportConfig {
    transport_config(MAX_IDLE_TIMEOUT)
        .receive_window(RELAY_RECEIVE_WINDOW.into())
        .build()
}

/// Bytes one device's connection may have sent to the relay that the relay has not read
/// yet, across all its streams. QUIC's default is unbounded: each of up to [`MAX_STREAMS`]
/// streams could then buffer its own window (1.25 MB): 256 streams each stalled inside a
/// 1 MiB frame (waiting for the relay's frame budget, or never finished) held 283 MiB of a
/// relay's memory, and one connection may open 1024 (`cli/tests/flood.rs`; 64 MiB with this
/// bound, the frame budget included). Twice the largest frame, so two frames of the largest
/// size still flow at once on one connection.
const RELAY_RECEIVE_WINDOW: u32 = 2 * (MAX_FRAME as u32);

fn transport_config(idle: Duration) -> QuicTransportConfigBuilder {
    let idle_timeout = IdleTimeout::try_from(idle).expect("at most 15 s, a valid idle timeout");
    QuicTransportConfig::builder()
        .max_idle_timeout(Some(idle_timeout))
        .default_path_max_idle_timeout(idle)
        .max_concurrent_bidi_streams(MAX_STREAMS.into())
        .ack_frequency_config(Some(ack_frequency()))
}

fn ack_frequency() -> AckFrequencyConfig {
    let mut config = AckFrequencyConfig::default();
    config.ack_eliciting_threshold(ACK_ELICITING_THRESHOLD.into());
    config
}

/// Builds an endpoint bound to `bind` with everything but direct IP paths switched off.
/// Shared by the client and the relay so both are configured the same way. A relay passes
/// its persistent `secret_key` (its endpoint id must survive restarts) and its
/// [`relay_transport_config`]; clients use a fresh key, and set their own liveness per
/// connection.
pub async fn bind_endpoint(
    bind: SocketAddr,
    alpns: Vec<Vec<u8>>,
    secret_key: Option<SecretKey>,
    transport: QuicTransportConfig,
) -> Result<Endpoint> {
    let builder = Endpoint::builder(presets::Minimal);
    let builder = match secret_key {
        Some(key) => builder.secret_key(key),
        None => builder,
    };
    builder
        .transport_config(transport)
        .relay_mode(RelayMode::Disabled)
        .clear_address_lookup()
        .clear_ip_transports()
        .bind_addr(bind)
        .map_err(|e| Error::InvalidConfig(format!("bind address {bind}: {e}")))?
        .alpns(alpns)
        .bind()
        .await
        .map_err(|e| Error::Transport(format!("binding {bind}: {e}")))
}

#[derive(Clone, Debug)]
pub struct IrohTransport {
    endpoint: Endpoint,
}

impl IrohTransport {
    /// A client endpoint on an ephemeral port of `bind_ip`'s family.
    pub async fn bind(bind: SocketAddr) -> Result<Self> {
        Ok(Self {
            endpoint: bind_endpoint(
                bind,
                vec![],
                None,
                client_transport_config(Liveness::DEFAULT),
            )
            .await?,
        })
    }

    /// Client endpoint on 127.0.0.1, for local relays (tests, the demo).
    pub async fn loopback() -> Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Picks the bind address from the relays' families: loopback relays get a loopback
    /// socket, anything else the unspecified address.
    pub async fn for_relays(relays: &[RelayAddr]) -> Result<Self> {
        let all_loopback = relays
            .iter()
            .flat_map(|r| &r.addrs)
            .all(|a| a.ip().is_loopback());
        let any_v4 = relays.iter().flat_map(|r| &r.addrs).any(|a| a.is_ipv4());
        let bind: SocketAddr = match (all_loopback, any_v4) {
            (true, true) => ([127, 0, 0, 1], 0).into(),
            (true, false) => (std::net::Ipv6Addr::LOCALHOST, 0).into(),
            (false, true) => ([0, 0, 0, 0], 0).into(),
            (false, false) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        Self::bind(bind).await
    }
}

impl Transport for IrohTransport {
    type Conn = IrohConnection;

    async fn connect(&self, relay: &RelayAddr, liveness: Liveness) -> Result<IrohConnection> {
        let failed = |reason: String| Error::ConnectionFailed {
            relay: relay.to_string(),
            reason,
        };
        let id = PublicKey::from_bytes(&relay.endpoint_id)
            .map_err(|e| failed(format!("invalid endpoint id: {e}")))?;
        let addr = relay
            .addrs
            .iter()
            .fold(EndpointAddr::new(id), |a, s| a.with_ip_addr(*s));
        let options =
            ConnectOptions::new().with_transport_config(client_transport_config(liveness));
        let conn = self
            .endpoint
            .connect_with_opts(addr, ALPN, options)
            .await
            .map_err(|e| failed(e.to_string()))?
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(IrohConnection {
            conn,
            local_id: *self.endpoint.id().as_bytes(),
        })
    }

    async fn close(&self) {
        self.endpoint.close().await;
    }
}

#[derive(Clone, Debug)]
pub struct IrohConnection {
    conn: IrohConn,
    local_id: [u8; 32],
}

impl Connection for IrohConnection {
    type Send = SendStream;
    type Recv = RecvStream;

    async fn open_bi(&self) -> Result<(SendStream, RecvStream)> {
        self.conn
            .open_bi()
            .await
            .map_err(|e| Error::Transport(format!("opening stream: {e}")))
    }

    fn local_id(&self) -> [u8; 32] {
        self.local_id
    }

    fn remote_id(&self) -> [u8; 32] {
        *self.conn.remote_id().as_bytes()
    }

    async fn closed(&self) -> String {
        self.conn.closed().await.to_string()
    }

    fn close(&self) {
        self.conn.close(0u32.into(), b"bye");
    }
}
