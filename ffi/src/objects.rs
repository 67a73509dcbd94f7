//! Files of any size: transfers (uploads and downloads) with progress and cancellation, an
//! upload the foreign side writes into, and the records describing objects. Conversion only:
//! chunking, resumption and verification are the core's.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::{io::AsyncWriteExt, sync::Mutex};
use zerok_core::{self as core, ObjectPushed, ObjectSaved};

use crate::{SyncError, runtime::run};

/// An object another device pushed, as `SyncBlob.object` carries it; `download` takes it back.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteObject {
    pub object_id: String,
    pub size: u64,
    pub blake3: String,
    pub chunk_size: u32,
    pub chunk_count: u64,
    pub name: Option<String>,
    #[serde(with = "crate::json::bytes")]
    pub inline_bytes: Vec<u8>,
}

impl From<core::ObjectInfo> for RemoteObject {
    fn from(o: core::ObjectInfo) -> Self {
        Self {
            object_id: hex::encode(o.object_id),
            size: o.size,
            blake3: hex::encode(o.blake3),
            chunk_size: o.chunk_size,
            chunk_count: o.chunk_count,
            name: o.name,
            inline_bytes: o.inline,
        }
    }
}

impl TryFrom<RemoteObject> for core::ObjectInfo {
    type Error = SyncError;

    fn try_from(o: RemoteObject) -> Result<Self, SyncError> {
        let bad = |what: &str| SyncError::InvalidConfig(format!("object: {what} is not valid hex"));
        Ok(Self {
            object_id: hex_array(&o.object_id).ok_or_else(|| bad("object_id"))?,
            size: o.size,
            blake3: hex_array(&o.blake3).ok_or_else(|| bad("blake3"))?,
            chunk_size: o.chunk_size,
            chunk_count: o.chunk_count,
            name: o.name,
            inline: o.inline_bytes,
        })
    }
}

fn hex_array<const N: usize>(s: &str) -> Option<[u8; N]> {
    hex::decode(s).ok()?.try_into().ok()
}

#[derive(Serialize)]
pub struct TransferProgress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub bytes_sent: u64,
    pub chunks_done: u64,
    pub chunks_total: u64,
}

impl From<core::Progress> for TransferProgress {
    fn from(p: core::Progress) -> Self {
        Self {
            bytes_done: p.bytes_done,
            bytes_total: p.bytes_total,
            bytes_sent: p.bytes_sent,
            chunks_done: p.chunks_done,
            chunks_total: p.chunks_total,
        }
    }
}

/// How a transfer ended: an upload's cursor, a download's path.
#[derive(Serialize)]
pub struct TransferResult {
    pub object_id: String,
    pub size: u64,
    pub blake3: String,
    pub cursor: Option<u64>,
    pub path: Option<String>,
}

impl From<ObjectPushed> for TransferResult {
    fn from(p: ObjectPushed) -> Self {
        Self {
            object_id: hex::encode(p.object_id),
            size: p.size,
            blake3: hex::encode(p.blake3),
            cursor: Some(p.cursor),
            path: None,
        }
    }
}

impl From<ObjectSaved> for TransferResult {
    fn from(s: ObjectSaved) -> Self {
        Self {
            object_id: hex::encode(s.object_id),
            size: s.size,
            blake3: hex::encode(s.blake3),
            cursor: None,
            path: Some(s.path.to_string_lossy().into_owned()),
        }
    }
}

/// An upload or a download running in the library; freeing the last handle cancels it.
pub struct Transfer {
    inner: Kind,
}

enum Kind {
    Push(Arc<core::Transfer<ObjectPushed>>),
    Download(Arc<core::Transfer<ObjectSaved>>),
}

/// Runs `$body` with `$t` bound to the core transfer, whichever kind it is.
macro_rules! each {
    ($self:expr, $t:ident => $body:expr) => {
        match &$self.inner {
            Kind::Push($t) => $body,
            Kind::Download($t) => $body,
        }
    };
}

impl Transfer {
    pub(crate) fn pushed(t: core::Transfer<ObjectPushed>) -> Arc<Self> {
        Arc::new(Self {
            inner: Kind::Push(Arc::new(t)),
        })
    }

    pub(crate) fn downloading(t: core::Transfer<ObjectSaved>) -> Arc<Self> {
        Arc::new(Self {
            inner: Kind::Download(Arc::new(t)),
        })
    }

    pub fn object_id(&self) -> String {
        each!(self, t => hex::encode(t.object_id()))
    }

    pub fn progress(&self) -> TransferProgress {
        each!(self, t => t.progress().into())
    }

    pub async fn next_progress(&self) -> Option<TransferProgress> {
        let next = each!(self, t => {
            let t = t.clone();
            run(async move { Ok(t.next_progress().await) }).await
        });
        next.ok().flatten().map(Into::into)
    }

    pub async fn outcome(&self) -> Result<TransferResult, SyncError> {
        each!(self, t => {
            let t = t.clone();
            run(async move { t.wait().await.map(Into::into).map_err(Into::into) }).await
        })
    }

    pub fn cancel_transfer(&self) {
        each!(self, t => t.cancel())
    }
}

/// An upload of a stream the foreign side writes into, exactly `size` bytes in all.
pub struct Upload {
    writer: Arc<Mutex<Option<tokio::io::DuplexStream>>>,
    transfer: Arc<Transfer>,
}

/// Bytes an upload buffers between the foreign writer and the chunker.
const UPLOAD_BUFFER: usize = 256 << 10;

impl Upload {
    pub(crate) fn start(
        client: &core::SyncClient<core::IrohTransport>,
        size: u64,
        name: Option<String>,
    ) -> Result<Arc<Self>, SyncError> {
        let (writer, reader) = tokio::io::duplex(UPLOAD_BUFFER);
        let transfer = client.push_stream(reader, size, name)?;
        Ok(Arc::new(Self {
            writer: Arc::new(Mutex::new(Some(writer))),
            transfer: Transfer::pushed(transfer),
        }))
    }

    /// Resolves once `data` is buffered (so a fast writer waits for the network). Writes are
    /// taken in the order they are called.
    pub async fn write(&self, data: Vec<u8>) -> Result<(), SyncError> {
        let writer = self.writer.clone();
        run(async move {
            let mut writer = writer.lock().await;
            let Some(w) = writer.as_mut() else {
                return Err(SyncError::Io("the upload is finished".into()));
            };
            // A refused write means the upload ended: its result says why.
            w.write_all(&data)
                .await
                .map_err(|_| SyncError::Io("the upload ended before this write".into()))
        })
        .await
    }

    /// Ends the data and waits for the upload: `Io` if fewer or more bytes than its size came.
    pub async fn finish(&self) -> Result<TransferResult, SyncError> {
        let writer = self.writer.clone();
        run(async move {
            if let Some(mut w) = writer.lock().await.take() {
                let _ = w.shutdown().await;
            }
            Ok(())
        })
        .await?;
        self.transfer.outcome().await
    }

    pub fn transfer(&self) -> Arc<Transfer> {
        self.transfer.clone()
    }
}
