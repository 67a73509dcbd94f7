//! A peer that speaks the wire protocol by hand (or not at all), for the abuse tests
//! (`wire.rs`, `flood.rs`).

use iroh::{
    Endpoint, EndpointAddr, PublicKey,
    endpoint::{Connection, RecvStream, SendStream},
};
use zerok_core::{
    GroupSecret, Liveness, RelayAddr,
    crypto::{GroupKeys, auth_transcript},
    protocol::{ALPN, ErrorCode, FrameError, Limits, Message, read_message, write_message},
    transport::iroh::{bind_endpoint, client_transport_config},
};

use super::within;

/// A peer that speaks the wire protocol by hand (or not at all).
pub struct Raw {
    pub endpoint: Endpoint,
    pub conn: Connection,
    pub relay: RelayAddr,
}

impl Raw {
    pub async fn dial(relay: &RelayAddr) -> Self {
        let endpoint = bind_endpoint(
            "127.0.0.1:0".parse().unwrap(),
            vec![],
            None,
            client_transport_config(Liveness::DEFAULT),
        )
        .await
        .unwrap();
        let id = PublicKey::from_bytes(&relay.endpoint_id).unwrap();
        let conn = within(
            5,
            "raw QUIC connect",
            endpoint.connect(EndpointAddr::new(id).with_ip_addr(relay.addrs[0]), ALPN),
        )
        .await
        .unwrap();
        Self {
            endpoint,
            conn,
            relay: relay.clone(),
        }
    }

    pub async fn stream(&self) -> (SendStream, RecvStream) {
        within(5, "open stream", self.conn.open_bi()).await.unwrap()
    }

    /// Writes `bytes` on a fresh stream (leaving it open) and returns the one reply.
    pub async fn send_raw(&self, bytes: &[u8]) -> Message {
        let (mut send, mut recv) = self.stream().await;
        send.write_all(bytes).await.unwrap();
        let reply = within(5, "reply to raw bytes", read_message(&mut recv))
            .await
            .unwrap();
        assert_stream_ends(&mut recv).await;
        reply
    }

    /// Sends `msg` on a fresh stream and returns the one reply.
    pub async fn request(&self, msg: &Message) -> Message {
        let (mut send, mut recv) = self.stream().await;
        write_message(&mut send, msg).await.unwrap();
        within(5, "reply to request", read_message(&mut recv))
            .await
            .unwrap()
    }

    /// Sends `msg` as a device does: its side of the stream ends with the request. Returns the
    /// one reply, after checking the relay ended the stream behind it.
    pub async fn ask(&self, msg: &Message) -> Message {
        let (mut send, mut recv) = self.stream().await;
        write_message(&mut send, msg).await.unwrap();
        send.finish().unwrap();
        let reply = within(5, "reply", read_message(&mut recv)).await.unwrap();
        assert_stream_ends(&mut recv).await;
        reply
    }

    pub async fn close(self) {
        self.conn.close(0u32.into(), b"done");
        within(5, "closing raw endpoint", self.endpoint.close()).await;
    }

    /// Hello for `group_id` on a new control stream; returns the stream and the challenge.
    pub async fn hello_challenge(
        &self,
        group_id: [u8; 32],
    ) -> (SendStream, RecvStream, [u8; 32], u16) {
        let (mut send, mut recv) = self.stream().await;
        write_message(&mut send, &hello(vec![1], group_id))
            .await
            .unwrap();
        match within(5, "Challenge", read_message(&mut recv))
            .await
            .unwrap()
        {
            Message::Challenge { nonce, version } => (send, recv, nonce, version),
            other => panic!("expected Challenge, got {other:?}"),
        }
    }

    /// The transcript this connection must sign, with the given nonce.
    pub fn transcript(&self, version: u16, nonce: &[u8; 32], group_id: &[u8; 32]) -> Vec<u8> {
        auth_transcript(
            version,
            nonce,
            self.endpoint.id().as_bytes(),
            &self.relay.endpoint_id,
            group_id,
        )
    }

    /// The whole handshake done by hand for `secret`'s group. Returns the control stream
    /// (keep it: closing it ends the session) and the relay's limits.
    pub async fn authenticated(
        relay: &RelayAddr,
        secret: &GroupSecret,
    ) -> (Self, (SendStream, RecvStream), Limits) {
        let raw = Self::dial(relay).await;
        let keys = GroupKeys::derive(secret);
        let (mut send, mut recv, nonce, version) = raw.hello_challenge(*keys.group_id()).await;
        assert_eq!(version, 1);
        let t = raw.transcript(version, &nonce, keys.group_id());
        let auth = Message::Auth {
            auth_public: keys.auth_public(),
            signature: keys.sign_auth(&t),
        };
        write_message(&mut send, &auth).await.unwrap();
        let limits = match within(5, "Welcome", read_message(&mut recv)).await.unwrap() {
            Message::Welcome {
                version: 1,
                limits,
                cluster: None,
            } => limits,
            other => panic!("expected Welcome, got {other:?}"),
        };
        (raw, (send, recv), limits)
    }
}

/// The device id every raw peer claims.
pub const RAW_DEVICE: [u8; 16] = [0x5A; 16];

pub fn hello(versions: Vec<u16>, group_id: [u8; 32]) -> Message {
    Message::Hello {
        versions,
        group_id,
        device_id: RAW_DEVICE,
        device_name: "raw peer".into(),
    }
}

/// After an `Error` the relay finishes the stream: nothing else follows.
pub async fn assert_stream_ends(recv: &mut RecvStream) {
    match within(5, "end of stream", read_message(recv)).await {
        Err(FrameError::Closed) => {}
        other => panic!("expected the stream to end after the Error, got {other:?}"),
    }
}

#[track_caller]
pub fn error_code(msg: Message) -> (ErrorCode, String) {
    match msg {
        Message::Error { code, message } => (code, message),
        other => panic!("expected an Error frame, got {other:?}"),
    }
}
