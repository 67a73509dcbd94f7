//! `zerok relay`: serve until SIGINT/SIGTERM, then shut down cleanly.

use std::{
    io::Write,
    net::SocketAddr,
    path::{Path, PathBuf},
    time::Duration,
};

use crate::relay_config::Settings;
use zerok_relay::{PairingLimits, Relay, RelayConfig, storage::SqliteConfig};

/// `zerok relay`'s flags. Each has a `ZEROK_*` environment variable and a key of the same
/// name in the config file (`relay_config`), and the defaults live here only.
#[derive(clap::Args)]
pub struct Args {
    /// TOML config file (keys: the flags' names with `_`); flags and ZEROK_* variables
    /// override it.
    #[arg(long, env = "ZEROK_CONFIG")]
    pub config: Option<PathBuf>,
    /// Check the settings (file, environment, flags), print the effective ones and exit.
    #[arg(long)]
    pub check_config: bool,
    /// SQLite database file (created if missing), or a PostgreSQL database shared by a
    /// cluster of relays (`postgres://user@host:port/dbname`; `--key` is then required).
    #[arg(long, env = "ZEROK_DB")]
    pub db: Option<String>,
    /// Address to listen on (UDP).
    #[arg(long, env = "ZEROK_LISTEN", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// The relay's identity key file (default: <db>.key for a SQLite --db; created if
    /// missing). Keep it: the address devices dial is derived from it.
    #[arg(long, env = "ZEROK_KEY")]
    pub key: Option<PathBuf>,
    /// Largest envelope accepted, in bytes.
    #[arg(long, env = "ZEROK_MAX_BLOB_BYTES", default_value_t = RelayConfig::default().max_envelope_bytes)]
    pub max_blob_bytes: u64,
    /// Storage quota per group, in bytes.
    #[arg(long, env = "ZEROK_QUOTA_BYTES", default_value_t = SqliteConfig::default().quota_bytes_per_group)]
    pub quota_bytes: u64,
    /// TTL of blobs whose push names none, in seconds.
    #[arg(long, env = "ZEROK_DEFAULT_TTL_SECS", default_value_t = RelayConfig::default().default_ttl.as_secs())]
    pub default_ttl_secs: u64,
    /// Longest TTL a push may ask for, in seconds.
    #[arg(long, env = "ZEROK_MAX_TTL_SECS", default_value_t = RelayConfig::default().max_ttl.as_secs())]
    pub max_ttl_secs: u64,
    /// Requests per second per connection.
    #[arg(long, env = "ZEROK_RATE_PER_SEC", default_value_t = RelayConfig::default().rate_per_sec)]
    pub rate_per_sec: u32,
    /// Concurrent sessions.
    #[arg(long, env = "ZEROK_MAX_SESSIONS", default_value_t = RelayConfig::default().max_sessions)]
    pub max_sessions: usize,
    /// Seconds a new connection has to complete its handshake.
    #[arg(long, env = "ZEROK_HELLO_TIMEOUT_SECS", default_value_t = RelayConfig::default().hello_timeout.as_secs())]
    pub hello_timeout_secs: u64,
    /// How often expired blobs are deleted, in seconds.
    #[arg(long, env = "ZEROK_EXPIRY_INTERVAL_SECS", default_value_t = RelayConfig::default().expiry_interval.as_secs())]
    pub expiry_interval_secs: u64,
    /// An upload of a large object that gets no new chunk for this long is deleted, freeing
    /// its quota, in seconds.
    #[arg(long, env = "ZEROK_UPLOAD_TTL_SECS", default_value_t = RelayConfig::default().upload_ttl.as_secs())]
    pub upload_ttl_secs: u64,
    /// Longest life of a pairing code's mailbox, in seconds (devices ask for less).
    #[arg(long, env = "ZEROK_PAIRING_MAX_TTL_SECS", default_value_t = RelayConfig::default().pairing.max_ttl.as_secs())]
    pub pairing_max_ttl_secs: u64,
    /// Pairing attempts per minute from one IP address: code look-ups by devices that are no
    /// members, and as many codes opened by members.
    #[arg(long, env = "ZEROK_PAIRING_JOINS_PER_MINUTE", default_value_t = RelayConfig::default().pairing.joins_per_minute)]
    pub pairing_joins_per_minute: u32,
    /// Serve /healthz, /readyz and /metrics over HTTP on this address (off by default).
    #[arg(long, env = "ZEROK_HTTP_LISTEN")]
    pub http_listen: Option<SocketAddr>,
    /// Log lines as text, or as JSON objects (one a line) for a log collector.
    #[arg(long, env = "ZEROK_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Fault injection for tests: exit right after the N-th new commit, before acknowledging
    /// it (a crash between commit and acknowledgement).
    #[arg(long, hide = true)]
    pub test_crash_after_commits: Option<u64>,
}

/// How log lines are written (to stderr).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
        }
    }
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

pub async fn run(settings: Settings) -> Result<(), String> {
    let key = load_or_create_key(&settings.key_path()?)?;
    let storage = settings.db()?.open(settings.quota_bytes.value).await?;
    let rate_per_sec = settings.rate_per_sec.value;
    let config = RelayConfig {
        listen: settings.listen.value,
        secret_key: Some(key),
        max_envelope_bytes: settings.max_blob_bytes.value,
        default_ttl: Duration::from_secs(settings.default_ttl_secs.value),
        max_ttl: Duration::from_secs(settings.max_ttl_secs.value),
        rate_per_sec,
        rate_burst: rate_per_sec.saturating_mul(2),
        max_sessions: settings.max_sessions.value,
        hello_timeout: Duration::from_secs(settings.hello_timeout_secs.value.max(1)),
        expiry_interval: Duration::from_secs(settings.expiry_interval_secs.value.max(1)),
        upload_ttl: Duration::from_secs(settings.upload_ttl_secs.value.max(1)),
        crash_after_commits: settings.test_crash_after_commits,
        http_listen: settings.http_listen.value,
        pairing: PairingLimits {
            max_ttl: Duration::from_secs(settings.pairing_max_ttl_secs.value.max(1)),
            joins_per_minute: settings.pairing_joins_per_minute.value,
            ..PairingLimits::default()
        },
        ..RelayConfig::default()
    };
    let relay = Relay::start(storage, config)
        .await
        .map_err(|e| e.to_string())?;
    let interrupted = crate::interrupted();
    // The address alone on stdout, so scripts can read it; everything else goes to stderr.
    println!("{}", relay.addr());
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    tracing::info!(
        db = %settings.db_display(),
        http = ?relay.http_addr(),
        "zerok relay serving (SIGINT/SIGTERM to stop)"
    );
    interrupted.await;
    tracing::info!("zerok relay shutting down");
    relay.shutdown().await;
    Ok(())
}
