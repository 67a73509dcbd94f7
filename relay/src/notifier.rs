//! Fan-out of committed blobs to the subscribed sessions of their group.
//!
//! A notification may arrive out of cursor order (pushes committed in one batch are
//! announced by their own tasks) or be lost to lag; subscribers treat it as a hint and read
//! any gap back from storage, so correctness never depends on this channel.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::broadcast;

use crate::storage::{GroupId, StoredBlob};

const CAPACITY: usize = 256;

#[derive(Default)]
pub(crate) struct Notifier {
    groups: Mutex<HashMap<GroupId, broadcast::Sender<Arc<StoredBlob>>>>,
}

impl Notifier {
    pub fn subscribe(&self, group: GroupId) -> broadcast::Receiver<Arc<StoredBlob>> {
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

    pub fn publish(&self, group: GroupId, blob: StoredBlob) {
        let mut groups = self.groups.lock().expect("notifier lock");
        if let Some(tx) = groups.get(&group) {
            if tx.receiver_count() == 0 {
                groups.remove(&group);
            } else {
                let _ = tx.send(Arc::new(blob));
            }
        }
    }
}
