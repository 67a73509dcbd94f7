//! The streams a session is served over, as the session code needs them: iroh's in the
//! relay, in-memory pipes in the session fuzz target (`crate::fuzzing`), which so drives the
//! same request handling a device reaches over the network.

use std::future::Future;

use bytes::Bytes;
use iroh::endpoint::{Connection, RecvStream, SendStream};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

/// The relay's sending side of one stream.
pub(crate) trait Reply: AsyncWrite + Unpin + Send + 'static {
    /// Resolves once the device stops reading the stream or the stream is gone (a future of
    /// its own, so the stream is written to meanwhile).
    fn stopped(&self) -> impl Future<Output = ()> + Send + 'static;

    /// Writes `bytes` without copying them into the stream's buffer (a chunk's envelope).
    fn write_bytes(&mut self, bytes: Bytes) -> impl Future<Output = std::io::Result<()>> + Send {
        async move { self.write_all(&bytes).await }
    }
}

/// The relay's receiving side of one stream.
pub(crate) trait Request: AsyncRead + Unpin + Send + 'static {}

impl<R: AsyncRead + Unpin + Send + 'static> Request for R {}

/// Where a session's streams come from: the device opens one per request.
pub(crate) trait Streams: Send + Sync {
    type Send: Reply;
    type Recv: Request;

    /// The next stream the device opened; `None` once the connection is gone.
    fn accept(&self) -> impl Future<Output = Option<(Self::Send, Self::Recv)>> + Send;
}

impl Reply for SendStream {
    fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        let stopped = SendStream::stopped(self);
        async move {
            let _ = stopped.await;
        }
    }

    async fn write_bytes(&mut self, bytes: Bytes) -> std::io::Result<()> {
        self.write_chunk(bytes).await.map_err(Into::into)
    }
}

impl Streams for Connection {
    type Send = SendStream;
    type Recv = RecvStream;

    async fn accept(&self) -> Option<(SendStream, RecvStream)> {
        self.accept_bi().await.ok()
    }
}
