//! The daemon's clients, shared across its sessions by state file.
//!
//! A client with a `state_path` is one device: its identity, cursors and outbox live in that
//! file, which only one client may write. So every session that creates a client on a state
//! file already open gets that same client: one device id, one relay connection, one outbox,
//! one cursor (a `pull` by either app moves it for both). What stays per session: handles
//! (a session cannot name another's subscription or transfer), subscriptions (each one gets
//! every blob) and event streams. `shutdown` by one session releases its share only; the
//! client shuts down when the last share is released (calls still running on it then fail
//! with `Shutdown`, as in-process). A client without a state file is never shared.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Weak},
};

use tokio::sync::Mutex;
use zerok_sync_ffi::{SyncClient, SyncConfig, SyncError, create_client};

#[derive(Default)]
pub struct Clients {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    by_state: HashMap<PathBuf, Shared>,
    /// Every live client by address, with the number of session handles naming it.
    shares: HashMap<usize, (Arc<SyncClient>, usize)>,
}

struct Shared {
    client: Weak<SyncClient>,
    /// BLAKE3 of the config's secret material, so a session naming the file with another
    /// group's secret is refused rather than handed a client of a group it cannot read.
    secret: blake3::Hash,
}

impl Clients {
    /// A client for `config`: the one already open on its state file, or a new one. Each
    /// call is one share, given back by `release`.
    pub async fn create(&self, config: SyncConfig) -> Result<Arc<SyncClient>, SyncError> {
        let path = config.state_path.as_deref().map(state_key);
        let secret = secret_digest(&config);
        let mut inner = self.inner.lock().await;
        // Open: not yet shut down (a session may still hold one that is, to answer with).
        let open = path
            .as_ref()
            .and_then(|p| inner.by_state.get(p))
            .and_then(|shared| Some((shared.client.upgrade()?, shared.secret)))
            .filter(|(client, _)| inner.shares.contains_key(&key(client)));
        let client = match open {
            Some((_, other)) if other != secret => {
                return Err(SyncError::InvalidConfig(format!(
                    "{} is open in this daemon for another group (or the same secret given \
                     another way)",
                    path.unwrap_or_default().display()
                )));
            }
            Some((client, _)) => client,
            None => {
                let client = create_client(config).await?;
                if let Some(path) = path {
                    let client = Arc::downgrade(&client);
                    inner.by_state.insert(path, Shared { client, secret });
                }
                client
            }
        };
        let (_, shares) = inner
            .shares
            .entry(key(&client))
            .or_insert_with(|| (client.clone(), 0));
        *shares += 1;
        Ok(client)
    }

    /// Gives up one share of `client`; the last shuts it down before this returns (so the
    /// next client on its state file starts from what it wrote), and says so.
    pub async fn release(&self, client: &Arc<SyncClient>) -> bool {
        let mut inner = self.inner.lock().await;
        let Some((_, shares)) = inner.shares.get_mut(&key(client)) else {
            return false;
        };
        *shares -= 1;
        if *shares > 0 {
            return false;
        }
        inner.shares.remove(&key(client));
        client.shutdown().await;
        true
    }

    /// Shuts every client down (the daemon is stopping): sessions' shares no longer count.
    pub async fn shutdown_all(&self) {
        let mut inner = self.inner.lock().await;
        for (_, (client, _)) in inner.shares.drain() {
            client.shutdown().await;
        }
    }
}

fn key(client: &Arc<SyncClient>) -> usize {
    Arc::as_ptr(client) as usize
}

/// The state file's path as one key however it was written (relative, `..`, a symlink):
/// the file's parent resolved, since the file itself may not exist yet.
fn state_key(path: &str) -> PathBuf {
    let path = PathBuf::from(path);
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| std::env::current_dir().ok(), |p| p.canonicalize().ok());
    match (parent, path.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => path,
    }
}

fn secret_digest(config: &SyncConfig) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for part in [
        config.passphrase.as_deref().map(str::as_bytes),
        config.secret_bytes.as_deref(),
        config.salt.as_deref(),
        config
            .kdf
            .as_ref()
            .map(|k| [k.memory_kib, k.iterations, k.parallelism].map(u32::to_le_bytes))
            .as_ref()
            .map(|k| k.as_flattened()),
    ] {
        // Length-prefixed, so (a, bc) and (ab, c) differ; absent differs from empty.
        match part {
            Some(bytes) => {
                hasher.update(&[1]);
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
            }
            None => {
                hasher.update(&[0]);
            }
        }
    }
    hasher.finalize()
}
