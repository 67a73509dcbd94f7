//! Pulls: every blob after a cursor, page by page, decrypted. A blob that fails
//! authentication is reported in the result beside the good ones, never by cutting the list
//! short: what comes after it is still read.

use std::time::Instant;

use super::{Inner, Opened, SyncBlob, session::unexpected};
use crate::{Error, Result, protocol::Message, transport::Transport};

/// What a pull read: the good blobs, oldest first, and every blob that failed to
/// authenticate (altered, swapped or replayed by the relay), each once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullResult {
    pub blobs: Vec<SyncBlob>,
    pub tampered: Vec<TamperedBlob>,
}

/// A stored blob that failed authentication: its id (as the relay names it) and cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TamperedBlob {
    pub blob_id: [u8; 16],
    pub cursor: u64,
}

impl<T: Transport> Inner<T> {
    /// From the device's cursor (`from` = `None`: blobs received before are skipped) or from
    /// an explicit cursor (a re-read). Either way the device's cursor advances past
    /// everything read.
    pub(super) async fn pull(&self, from: Option<u64>) -> Result<PullResult> {
        let deadline = Instant::now() + self.config.request_timeout;
        self.call(Some(deadline), |s| async move {
            let start =
                from.unwrap_or_else(|| self.state.lock().expect("state lock").cursor(&s.relay));
            // Explicit re-reads (pull_after) return blobs seen before; plain pulls do not.
            let seen = from
                .is_none()
                .then(|| self.state.lock().expect("state lock").seen.clone());
            let mut after = start;
            let mut out = PullResult::default();
            let limit = s.limits.max_page_blobs;
            let mut pending = Some(s.send(&Message::Pull { after, limit }).await?);
            while let Some(request) = pending.take() {
                let (blobs, has_more) = match request.reply().await? {
                    Message::PullPage { blobs, has_more } => (blobs, has_more),
                    other => return Err(unexpected(&other, "PullPage")),
                };
                if let Some(stored) = blobs.iter().find(|b| b.cursor <= after) {
                    return Err(Error::Protocol(format!(
                        "relay sent cursor {} after asking for > {after}",
                        stored.cursor
                    )));
                }
                let Some(last) = blobs.last().map(|b| b.cursor) else {
                    break;
                };
                // Ask for the next page before decrypting this one: the relay reads it from
                // storage and sends it meanwhile.
                if has_more {
                    pending = Some(s.send(&Message::Pull { after: last, limit }).await?);
                }
                for stored in blobs {
                    let (cursor, blob_id) = (stored.cursor, stored.blob_id);
                    after = cursor;
                    if seen.as_ref().is_some_and(|seen| seen.contains(&blob_id)) {
                        continue;
                    }
                    match self.open_blob(stored) {
                        Ok(Opened::Blob(blob)) => out.blobs.push(blob),
                        Ok(Opened::Own) => {}
                        Err(_) => out.tampered.push(TamperedBlob { blob_id, cursor }),
                    }
                }
            }
            let ids: Vec<_> = out.blobs.iter().map(|b| b.blob_id).collect();
            self.commit_received(&s.relay, after, &ids)?;
            Ok(out)
        })
        .await
    }
}
