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

/// A session's subscription to its group's notices. Dropping a group's last one forgets the
/// group's channel (room for `CAPACITY` notices); otherwise a group whose devices stopped
/// pushing would keep it for good.
pub(crate) struct Subscription<'n> {
    notices: broadcast::Receiver<Notice>,
    notifier: &'n Notifier,
    group: GroupId,
}

impl Subscription<'_> {
    pub async fn recv(&mut self) -> Result<Notice, broadcast::error::RecvError> {
        self.notices.recv().await
    }
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        let mut groups = self.notifier.groups.lock().expect("notifier lock");
        // This subscription's receiver still counts here.
        if groups
            .get(&self.group)
            .is_some_and(|tx| tx.receiver_count() <= 1)
        {
            groups.remove(&self.group);
        }
    }
}

impl Notifier {
    pub fn subscribe(&self, group: GroupId) -> Subscription<'_> {
        let mut groups = self.groups.lock().expect("notifier lock");
        let notices = groups
            .entry(group)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe();
        Subscription {
            notices,
            notifier: self,
            group,
        }
    }

    pub fn has_subscribers(&self, group: &GroupId) -> bool {
        let groups = self.groups.lock().expect("notifier lock");
        groups.contains_key(group)
    }

    pub fn publish(&self, group: GroupId, notice: Notice) {
        let groups = self.groups.lock().expect("notifier lock");
        if let Some(tx) = groups.get(&group) {
            let _ = tx.send(notice);
        }
    }

    /// Sends `Resync` to every group with subscribers.
    pub fn resync_all(&self) {
        let groups = self.groups.lock().expect("notifier lock");
        for tx in groups.values() {
            let _ = tx.send(Notice::Resync);
        }
    }

    /// Groups with a channel.
    #[cfg(test)]
    fn groups(&self) -> usize {
        self.groups.lock().expect("notifier lock").len()
    }
}

#[cfg(test)]
mod tests {
    use super::{Notice, Notifier};

    #[test]
    fn a_group_is_forgotten_with_its_last_subscription() {
        let notifier = Notifier::default();
        let (a, b) = ([1; 32], [2; 32]);
        let first = notifier.subscribe(a);
        let second = notifier.subscribe(a);
        let other = notifier.subscribe(b);
        assert_eq!(notifier.groups(), 2);
        drop(first);
        assert!(notifier.has_subscribers(&a));
        drop(second);
        assert!(!notifier.has_subscribers(&a));
        assert_eq!(notifier.groups(), 1);
        notifier.publish(a, Notice::Resync);
        assert_eq!(notifier.groups(), 1, "a commit does not bring a group back");
        drop(other);
        assert_eq!(notifier.groups(), 0);
    }
}
