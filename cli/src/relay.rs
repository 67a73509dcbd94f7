//! `zerok relay`: serve until SIGINT/SIGTERM, then shut down cleanly.

use std::{
    io::Write,
    net::SocketAddr,
    path::{Path, PathBuf},
    time::Duration,
};

use zerok_relay::{Relay, RelayConfig, storage::SqliteConfig};

use crate::relay_storage::Db;

#[derive(clap::Args)]
pub struct Args {
    /// SQLite database file (created if missing), or a PostgreSQL database shared by a
    /// cluster of relays (`postgres://user@host:port/dbname`; `--key` is then required).
    #[arg(long, value_parser = Db::parse)]
    db: Db,
    /// Address to listen on (UDP).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// The relay's identity key file (default: <db>.key for a SQLite --db; created if
    /// missing). Keep it: the address devices dial is derived from it.
    #[arg(long)]
    key: Option<PathBuf>,
    /// Largest envelope accepted, in bytes.
    #[arg(long, default_value_t = RelayConfig::default().max_envelope_bytes)]
    max_blob_bytes: u64,
    /// Storage quota per group, in bytes.
    #[arg(long, default_value_t = SqliteConfig::default().quota_bytes_per_group)]
    quota_bytes: u64,
    /// TTL of blobs whose push names none, in seconds.
    #[arg(long, default_value_t = RelayConfig::default().default_ttl.as_secs())]
    default_ttl_secs: u64,
    /// Longest TTL a push may ask for, in seconds.
    #[arg(long, default_value_t = RelayConfig::default().max_ttl.as_secs())]
    max_ttl_secs: u64,
    /// Requests per second per connection.
    #[arg(long, default_value_t = RelayConfig::default().rate_per_sec)]
    rate_per_sec: u32,
    /// Concurrent sessions.
    #[arg(long, default_value_t = RelayConfig::default().max_sessions)]
    max_sessions: usize,
    /// Seconds a new connection has to complete its handshake.
    #[arg(long, default_value_t = RelayConfig::default().hello_timeout.as_secs())]
    hello_timeout_secs: u64,
    /// How often expired blobs are deleted, in seconds.
    #[arg(long, default_value_t = RelayConfig::default().expiry_interval.as_secs())]
    expiry_interval_secs: u64,
    /// Fault injection for tests: exit right after the N-th new commit, before acknowledging
    /// it (a crash between commit and acknowledgement).
    #[arg(long, hide = true)]
    test_crash_after_commits: Option<u64>,
}

/// Reads the relay's secret key, creating it (readable by the owner only) on first start.
fn load_or_create_key(path: &Path) -> Result<[u8; 32], String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut key = [0u8; 32];
            hex::decode_to_slice(text.trim(), &mut key)
                .map_err(|_| format!("{} is not a relay key (64 hex chars)", path.display()))?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key: [u8; 32] = zerok_core::crypto::random_bytes();
            crate::private_file::write(path, format!("{}\n", hex::encode(key)).as_bytes())?;
            Ok(key)
        }
        Err(e) => Err(format!("reading {}: {e}", path.display())),
    }
}

pub async fn run(args: Args) -> Result<(), String> {
    let key_path = match args.key.clone() {
        Some(path) => path,
        None => args.db.default_key_path()?,
    };
    let key = load_or_create_key(&key_path)?;
    let storage = args.db.open(args.quota_bytes).await?;
    let config = RelayConfig {
        listen: args.listen,
        secret_key: Some(key),
        max_envelope_bytes: args.max_blob_bytes,
        default_ttl: Duration::from_secs(args.default_ttl_secs),
        max_ttl: Duration::from_secs(args.max_ttl_secs),
        rate_per_sec: args.rate_per_sec,
        rate_burst: args.rate_per_sec.saturating_mul(2),
        max_sessions: args.max_sessions,
        hello_timeout: Duration::from_secs(args.hello_timeout_secs.max(1)),
        expiry_interval: Duration::from_secs(args.expiry_interval_secs.max(1)),
        crash_after_commits: args.test_crash_after_commits,
        ..RelayConfig::default()
    };
    let relay = Relay::start(storage, config)
        .await
        .map_err(|e| e.to_string())?;
    // The address alone on stdout, so scripts can read it; everything else goes to stderr.
    println!("{}", relay.addr());
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    eprintln!("zerok relay serving {} (Ctrl-C to stop)", args.db);
    crate::interrupted().await;
    eprintln!("zerok relay shutting down");
    relay.shutdown().await;
    Ok(())
}
