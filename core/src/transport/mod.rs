//! What the client needs from a network: dial a relay, open bidirectional streams on the
//! connection, and know both ends' endpoint ids (they are part of the auth transcript).
//!
//! [`iroh::IrohTransport`] is the production implementation; the trait keeps the client
//! independent of it (and lets later transports plug in).

pub mod iroh;

use std::future::Future;

use tokio::io::{AsyncRead, AsyncWrite};

use crate::{RelayAddr, Result, client::Liveness};

pub trait Transport: Send + Sync + 'static {
    type Conn: Connection;

    /// Dials `relay` and completes the transport handshake (not yet the 0k-sync one); the
    /// connection keeps itself alive and times out as `liveness` says.
    fn connect(
        &self,
        relay: &RelayAddr,
        liveness: Liveness,
    ) -> impl Future<Output = Result<Self::Conn>> + Send;

    /// Releases sockets; further connects fail.
    fn close(&self) -> impl Future<Output = ()> + Send;
}

pub trait Connection: Send + Sync + Clone + 'static {
    type Send: AsyncWrite + Send + Unpin + 'static;
    type Recv: AsyncRead + Send + Unpin + 'static;

    fn open_bi(&self) -> impl Future<Output = Result<(Self::Send, Self::Recv)>> + Send;
    fn local_id(&self) -> [u8; 32];
    fn remote_id(&self) -> [u8; 32];
    /// Resolves once the connection is closed, by either side or by the network, with why
    /// (for people: logs and disconnect events).
    fn closed(&self) -> impl Future<Output = String> + Send;
    fn close(&self);
}
