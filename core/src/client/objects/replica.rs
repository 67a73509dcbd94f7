//! Copies of a committed object to the other relays (driven by `client/replicator.rs`): its
//! chunks streamed from the relay that acknowledged it, each authenticated, into the target
//! where it lacks them, then the same manifest committed there.

use tokio::io::AsyncWriteExt;

use super::upload::{Object, Stored};
use crate::{
    Result,
    client::{Inner, session::Session, session::unexpected},
    crypto::open_chunk,
    protocol::Message,
    transport::Transport,
};

/// A committed object to copy: what was sent to the relay at `from` (its index).
pub(crate) struct ObjectCopy {
    pub object: std::sync::Arc<Object>,
    pub commit: Message,
    pub from: usize,
}

impl<T: Transport> Inner<T> {
    /// Copies `copy` into the relay of `target`; done once the target acknowledges the
    /// manifest. Safe to repeat: what the target holds is not sent again.
    pub(crate) async fn copy_object(
        &self,
        copy: &ObjectCopy,
        target: &Session<T::Conn>,
    ) -> Result<()> {
        let object = &copy.object;
        let stored = match target.request(&object.begin).await? {
            Message::ObjectStatus { stored, .. } => Stored(stored),
            other => return Err(unexpected(&other, "ObjectStatus")),
        };
        let count = object.layout.chunk_count;
        if let Some(first) = (0..count).find(|&i| !stored.contains(i)) {
            let source = self.session_for(copy.from).await?;
            let get = Message::ChunkGet {
                object_id: object.id,
                from: first,
                to: count,
            };
            let (mut send, mut recv) = source.open(&get).await?;
            let _ = send.shutdown().await;
            for index in first..count {
                let envelope = self
                    .next_chunk(&source, &mut recv, &object.id, index)
                    .await?;
                if stored.contains(index) {
                    continue;
                }
                open_chunk(
                    &self.keys,
                    &object.id,
                    &object.layout,
                    index,
                    envelope.clone(),
                )?;
                let put = Message::ChunkPut {
                    object_id: object.id,
                    index,
                    envelope,
                };
                match target.request(&put).await? {
                    Message::ChunkAck { .. } => {}
                    other => return Err(unexpected(&other, "ChunkAck")),
                }
            }
        }
        match target.request(&copy.commit).await? {
            Message::PushAck { .. } => Ok(()),
            other => Err(unexpected(&other, "PushAck")),
        }
    }
}
