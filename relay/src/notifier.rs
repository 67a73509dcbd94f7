//! Fan-out of committed blobs to the subscribed sessions of their group.
//!
//! Every commit is announced. A notice carries the blob when the pusher had live
//! subscribers to copy it for; otherwise, or when notices arrive out of cursor order (pushes
//! committed in one batch are announced by their own tasks) or are lost to lag, subscribers
//! read the gap back from storage, so correctness never depends on this channel.
//!
//! Commits made through another node of a cluster (processes sharing one store) arrive as
//! notices without a blob; a [`Notice::Resync`] (notices may have been missed) makes every
//! subscriber read its group back from its own cursor.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Instant,
};

use tokio::sync::broadcast;

use crate::storage::{GroupId, StoredBlob};

const CAPACITY: usize = 256;

#[derive(Clone, Debug)]
pub(crate) enum Notice {
    /// Cursor `cursor` of the group is committed, with the blob itself when it was at hand.
    Committed {
        cursor: u64,
        blob: Option<Arc<StoredBlob>>,
        /// When the commit was known here, for the fan-out latency metric.
        committed: Instant,
    },
    /// Commits may have gone unannounced: read the group from storage.
    Resync,
}

#[derive(Default)]
pub(crate) struct Notifier {
    groups: Mutex<HashMap<GroupId, broadcast::Sender<Notice>>>,
}

impl Notifier {
    pub fn subscribe(&self, group: GroupId) -> broadcast::Receiver<Notice> {
        let mut groups = self.groups.lock().expect("notifier lock");
        groups
            .entry(group)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }

    pub fn has_subscribers(&self, group: &GroupId) -> bool {
        let groups = self.groups.lock().expect("notifier lock");
        groups.get(group).is_some_and(|tx| tx.receiver_count() > 0)
    }

    pub fn publish(&self, group: GroupId, notice: Notice) {
        let mut groups = self.groups.lock().expect("notifier lock");
        if let Some(tx) = groups.get(&group) {
            if tx.receiver_count() == 0 {
                groups.remove(&group);
            } else {
                let _ = tx.send(notice);
            }
        }
    }

    /// Sends `Resync` to every group with subscribers (and forgets groups without).
    pub fn resync_all(&self) {
        let mut groups = self.groups.lock().expect("notifier lock");
        groups.retain(|_, tx| tx.send(Notice::Resync).is_ok());
    }
}
