//! What a device remembers between runs: its device id, a cursor per log it reads (an
//! independent relay's, or a cluster's: every node of a cluster serves the same log with the
//! same cursors), which cluster each relay announced last (so the device knows it offline
//! too), the ids of the blobs it received most recently (to drop duplicates that arrive
//! through another relay after a failover), and the envelope limit its relay announced last
//! (so an offline `enqueue` refuses what that relay would refuse). Cursors belong to one
//! group: a state file written for another group is not reused.
//!
//! The file is JSON, version 1. Cluster cursors and relay clusters are optional fields, so
//! files written before clusters existed load unchanged, and an older build reading a newer
//! file ignores them (it falls back to per-relay cursors, and dedupes what it reads again).

use std::{
    collections::{HashMap, HashSet, VecDeque},
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{Error, RelayAddr, Result, crypto::random_bytes};

/// How many received blob ids are remembered for cross-relay dedupe.
const SEEN_CAPACITY: usize = 4096;

/// A set with a bounded memory: the oldest id is forgotten first.
#[derive(Clone, Debug, Default)]
pub(crate) struct SeenIds {
    order: VecDeque<[u8; 16]>,
    set: HashSet<[u8; 16]>,
}

impl SeenIds {
    pub fn contains(&self, id: &[u8; 16]) -> bool {
        self.set.contains(id)
    }

    /// Returns false if the id was already there.
    pub fn insert(&mut self, id: [u8; 16]) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > SEEN_CAPACITY
            && let Some(old) = self.order.pop_front()
        {
            self.set.remove(&old);
        }
        true
    }
}

/// The log a cursor positions in: one independent relay's, or one cluster's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Log {
    Relay([u8; 32]),
    Cluster([u8; 16]),
}

#[derive(Debug)]
pub(crate) struct State {
    pub device_id: [u8; 16],
    group_id: [u8; 32],
    /// Per independent relay (by endpoint id).
    cursors: HashMap<[u8; 32], u64>,
    /// Per cluster (by cluster id).
    cluster_cursors: HashMap<[u8; 16], u64>,
    /// Relay endpoint id → the cluster it announced when the device last connected to it.
    clusters: HashMap<[u8; 32], [u8; 16]>,
    pub seen: SeenIds,
    /// The largest envelope the relay last connected to accepts.
    pub max_envelope_bytes: Option<u64>,
    path: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    version: u32,
    /// The group these cursors belong to (hex).
    group_id: String,
    device_id: String,
    /// relay endpoint id (hex) → highest cursor received from it (independent relays)
    cursors: HashMap<String, u64>,
    /// cluster id (hex) → highest cursor received from any of its nodes
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    cluster_cursors: HashMap<String, u64>,
    /// relay endpoint id (hex) → cluster id (hex) it announced
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    clusters: HashMap<String, String>,
    seen: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_envelope_bytes: Option<u64>,
}

impl State {
    /// Loads the state of `group` at `path`. A missing file, or one written for another
    /// group, starts a fresh state, saved at once so the device id is stable from the
    /// first run on (it is how a device recognises its own pushes).
    pub fn load(path: Option<&Path>, group_id: &[u8; 32]) -> Result<Self> {
        let fresh = |path: Option<&Path>| State {
            device_id: random_bytes(),
            group_id: *group_id,
            cursors: HashMap::new(),
            cluster_cursors: HashMap::new(),
            clusters: HashMap::new(),
            seen: SeenIds::default(),
            max_envelope_bytes: None,
            path: path.map(Path::to_path_buf),
        };
        let Some(path) = path else {
            return Ok(fresh(None));
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let state = fresh(Some(path));
                state.save()?;
                return Ok(state);
            }
            Err(e) => return Err(Error::State(format!("reading {}: {e}", path.display()))),
        };
        let bad = |why: String| Error::State(format!("{} is corrupt: {why}", path.display()));
        let file: StateFile = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if file.version != 1 {
            return Err(bad(format!("unknown state version {}", file.version)));
        }
        let mut state = fresh(Some(path));
        hex::decode_to_slice(&file.device_id, &mut state.device_id)
            .map_err(|e| bad(format!("device_id: {e}")))?;
        if file.group_id != hex::encode(group_id) {
            tracing::info!(path = %path.display(), "state belongs to another group; starting fresh");
            state.save()?;
            return Ok(state);
        }
        for (relay, cursor) in file.cursors {
            let mut id = [0u8; 32];
            hex::decode_to_slice(&relay, &mut id).map_err(|e| bad(format!("cursor key: {e}")))?;
            state.cursors.insert(id, cursor);
        }
        for (cluster, cursor) in file.cluster_cursors {
            let mut id = [0u8; 16];
            hex::decode_to_slice(&cluster, &mut id)
                .map_err(|e| bad(format!("cluster cursor key: {e}")))?;
            state.cluster_cursors.insert(id, cursor);
        }
        for (relay, cluster) in file.clusters {
            let (mut relay_id, mut cluster_id) = ([0u8; 32], [0u8; 16]);
            hex::decode_to_slice(&relay, &mut relay_id)
                .map_err(|e| bad(format!("cluster relay: {e}")))?;
            hex::decode_to_slice(&cluster, &mut cluster_id)
                .map_err(|e| bad(format!("cluster id: {e}")))?;
            state.clusters.insert(relay_id, cluster_id);
        }
        state.max_envelope_bytes = file.max_envelope_bytes;
        for s in file.seen {
            let mut id = [0u8; 16];
            hex::decode_to_slice(&s, &mut id).map_err(|e| bad(format!("seen id: {e}")))?;
            state.seen.insert(id);
        }
        Ok(state)
    }

    /// The log `relay` serves: its cluster's, if it announced one, else its own.
    pub fn log(&self, relay: &RelayAddr) -> Log {
        self.cluster_of(relay)
            .map_or(Log::Relay(relay.endpoint_id), Log::Cluster)
    }

    /// The cluster `relay` announced when the device last connected to it.
    pub fn cluster_of(&self, relay: &RelayAddr) -> Option<[u8; 16]> {
        self.clusters.get(&relay.endpoint_id).copied()
    }

    /// Records the cluster `relay` announced (`None`: independent). Returns whether that
    /// changed anything (the state then needs saving). A cluster the device never read
    /// from starts at the relay's own cursor: a relay moved into a cluster with its log
    /// (cursors preserved) is read on from where the device was.
    pub fn learn_cluster(&mut self, relay: &RelayAddr, cluster: Option<[u8; 16]>) -> bool {
        let id = relay.endpoint_id;
        match cluster {
            Some(cluster) if self.clusters.get(&id) != Some(&cluster) => {
                self.clusters.insert(id, cluster);
                if let Some(&cursor) = self.cursors.get(&id) {
                    self.cluster_cursors.entry(cluster).or_insert(cursor);
                }
                true
            }
            Some(_) => false,
            None => self.clusters.remove(&id).is_some(),
        }
    }

    pub fn cursor(&self, relay: &RelayAddr) -> u64 {
        self.cursor_in(self.log(relay))
    }

    pub fn cursor_in(&self, log: Log) -> u64 {
        match log {
            Log::Relay(id) => self.cursors.get(&id),
            Log::Cluster(id) => self.cluster_cursors.get(&id),
        }
        .copied()
        .unwrap_or(0)
    }

    /// Cursors only move forward.
    pub fn advance(&mut self, relay: &RelayAddr, cursor: u64) {
        let c = match self.log(relay) {
            Log::Relay(id) => self.cursors.entry(id).or_default(),
            Log::Cluster(id) => self.cluster_cursors.entry(id).or_default(),
        };
        *c = (*c).max(cursor);
    }

    /// Writes the state atomically (temp file + rename) if it has a path.
    pub fn save(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let file = StateFile {
            version: 1,
            group_id: hex::encode(self.group_id),
            device_id: hex::encode(self.device_id),
            cursors: self
                .cursors
                .iter()
                .map(|(k, v)| (hex::encode(k), *v))
                .collect(),
            cluster_cursors: self
                .cluster_cursors
                .iter()
                .map(|(k, v)| (hex::encode(k), *v))
                .collect(),
            clusters: self
                .clusters
                .iter()
                .map(|(k, v)| (hex::encode(k), hex::encode(v)))
                .collect(),
            seen: self.seen.order.iter().map(hex::encode).collect(),
            max_envelope_bytes: self.max_envelope_bytes,
        };
        let text = serde_json::to_string(&file).expect("state serializes");
        let tmp = path.with_extension("tmp");
        let fail = |e: std::io::Error| Error::State(format!("writing {}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let relay: RelayAddr = format!("{}@127.0.0.1:1", hex::encode([5; 32]))
            .parse()
            .unwrap();
        let group = [1u8; 32];
        let mut s = State::load(Some(&path), &group).unwrap();
        assert!(path.exists(), "a new device id is saved at once");
        s.advance(&relay, 7);
        s.advance(&relay, 3);
        s.seen.insert([9; 16]);
        s.save().unwrap();
        let again = State::load(Some(&path), &group).unwrap();
        assert_eq!(again.device_id, s.device_id);
        assert_eq!(again.cursor(&relay), 7);
        assert!(again.seen.contains(&[9; 16]));

        let other_group = State::load(Some(&path), &[2u8; 32]).unwrap();
        assert_eq!(other_group.device_id, s.device_id);
        assert_eq!(
            other_group.cursor(&relay),
            0,
            "cursors of another group are not reused"
        );
        assert!(!other_group.seen.contains(&[9; 16]));

        std::fs::write(&path, "{").unwrap();
        assert!(matches!(
            State::load(Some(&path), &group),
            Err(Error::State(_))
        ));
    }

    fn relay(byte: u8) -> RelayAddr {
        format!("{}@127.0.0.1:1", hex::encode([byte; 32]))
            .parse()
            .unwrap()
    }

    #[test]
    fn nodes_of_a_cluster_share_one_cursor_and_it_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let group = [1u8; 32];
        let (node1, node2, independent) = (relay(1), relay(2), relay(3));
        let mut s = State::load(Some(&path), &group).unwrap();
        assert!(s.learn_cluster(&node1, Some([7; 16])));
        assert!(!s.learn_cluster(&node1, Some([7; 16])), "nothing new");
        assert!(!s.learn_cluster(&independent, None), "nothing new");
        s.advance(&node1, 5);
        s.advance(&independent, 2);
        assert_eq!(s.cursor(&node2), 0, "node 2's cluster is not known yet");
        assert!(s.learn_cluster(&node2, Some([7; 16])));
        assert_eq!(s.cursor(&node2), 5, "one cursor for the whole cluster");
        s.advance(&node2, 9);
        assert_eq!(s.cursor(&node1), 9);
        assert_eq!(s.cursor(&independent), 2);
        s.save().unwrap();

        let again = State::load(Some(&path), &group).unwrap();
        assert_eq!(again.cluster_of(&node1), Some([7; 16]), "known offline");
        assert_eq!(again.cursor(&node1), 9);
        assert_eq!(again.cursor(&node2), 9);
        assert_eq!(again.cursor(&independent), 2);
        assert_eq!(again.cluster_of(&independent), None);
    }

    #[test]
    fn a_relay_joining_a_cluster_keeps_its_place_and_leaving_one_forgets_it() {
        let mut s = State::load(None, &[1; 32]).unwrap();
        let node = relay(1);
        s.advance(&node, 4);
        assert!(s.learn_cluster(&node, Some([7; 16])));
        assert_eq!(s.cursor(&node), 4, "moved with its log into the cluster");
        s.advance(&node, 6);
        assert!(s.learn_cluster(&node, None));
        assert_eq!(s.cursor(&node), 4, "independent again: its own cursor");
    }

    /// A state file written before clusters existed (no cluster fields) loads as it was.
    #[test]
    fn a_state_file_without_clusters_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let group = [1u8; 32];
        let old = serde_json::json!({
            "version": 1,
            "group_id": hex::encode(group),
            "device_id": hex::encode([3u8; 16]),
            "cursors": { hex::encode([5u8; 32]): 11 },
            "seen": [hex::encode([9u8; 16])],
            "max_envelope_bytes": 1000,
        });
        std::fs::write(&path, old.to_string()).unwrap();
        let s = State::load(Some(&path), &group).unwrap();
        assert_eq!(s.device_id, [3; 16]);
        assert_eq!(s.cursor(&relay(5)), 11);
        assert!(s.seen.contains(&[9; 16]));
        s.save().unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            written.get("clusters").is_none() && written.get("cluster_cursors").is_none(),
            "a device that never met a cluster writes the same fields as before: {written}"
        );
    }

    #[test]
    fn seen_ids_forget_the_oldest() {
        let mut s = SeenIds::default();
        for i in 0..=SEEN_CAPACITY as u32 {
            let mut id = [0u8; 16];
            id[..4].copy_from_slice(&i.to_be_bytes());
            assert!(s.insert(id));
        }
        assert!(!s.contains(&[0; 16]));
        assert!(!s.insert({
            let mut id = [0u8; 16];
            id[..4].copy_from_slice(&1u32.to_be_bytes());
            id
        }));
    }
}
