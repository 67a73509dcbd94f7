//! What a device remembers between runs: its device id, a cursor per relay, the ids of
//! the blobs it received most recently (to drop duplicates that arrive through another
//! relay after a failover), and the envelope limit its relay announced last (so an offline
//! `enqueue` refuses what that relay would refuse). Cursors belong to one group: a state
//! file written for another group is not reused.

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

#[derive(Debug)]
pub(crate) struct State {
    pub device_id: [u8; 16],
    group_id: [u8; 32],
    cursors: HashMap<[u8; 32], u64>,
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
    /// relay endpoint id (hex) → highest cursor received from it
    cursors: HashMap<String, u64>,
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
        state.max_envelope_bytes = file.max_envelope_bytes;
        for s in file.seen {
            let mut id = [0u8; 16];
            hex::decode_to_slice(&s, &mut id).map_err(|e| bad(format!("seen id: {e}")))?;
            state.seen.insert(id);
        }
        Ok(state)
    }

    pub fn cursor(&self, relay: &RelayAddr) -> u64 {
        self.cursors.get(&relay.endpoint_id).copied().unwrap_or(0)
    }

    /// Cursors only move forward.
    pub fn advance(&mut self, relay: &RelayAddr, cursor: u64) {
        let c = self.cursors.entry(relay.endpoint_id).or_default();
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
