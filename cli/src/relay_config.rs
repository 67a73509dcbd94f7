//! `zerok relay` settings, layered: flags > `ZEROK_*` environment variables > the TOML config
//! file (`--config`, `ZEROK_CONFIG`) > defaults.
//!
//! Why it is built this way: clap already reads each flag and its `ZEROK_*` variable (its
//! `env` feature), checks their types, and keeps the one place where defaults are written
//! (`default_value_t` on [`relay::Args`](crate::relay::Args)). What clap cannot do is put a
//! file between the environment and the defaults; but `ArgMatches::value_source` tells, per
//! setting, whether clap's value came from the command line, the environment or its default.
//! So the file (parsed by `toml` into a `serde` struct that refuses unknown keys and wrong
//! types, with their line) overrides a setting only where clap reports its default. Every
//! setting goes through the one [`layer`] function, so no setting can get its precedence
//! wrong on its own.

use std::{
    fmt::Write as _,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use clap::{ArgMatches, parser::ValueSource};
use serde::Deserialize;

use crate::{
    relay::{Args, LogFormat},
    relay_storage::Db,
};

/// The config file's keys: the flags' names with `_` for `-`. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    db: Option<String>,
    listen: Option<SocketAddr>,
    key: Option<PathBuf>,
    max_blob_bytes: Option<u64>,
    quota_bytes: Option<u64>,
    default_ttl_secs: Option<u64>,
    max_ttl_secs: Option<u64>,
    rate_per_sec: Option<u32>,
    max_sessions: Option<usize>,
    hello_timeout_secs: Option<u64>,
    expiry_interval_secs: Option<u64>,
    upload_ttl_secs: Option<u64>,
    pairing_max_ttl_secs: Option<u64>,
    pairing_joins_per_minute: Option<u32>,
    http_listen: Option<SocketAddr>,
    log_format: Option<LogFormat>,
}

/// Where a setting's effective value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    File,
    Default,
}

/// A setting's value and where it came from.
#[derive(Clone, Debug)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// The effective settings of `zerok relay`.
pub struct Settings {
    pub config_file: Option<PathBuf>,
    /// A SQLite file path, or a `postgres://` / `postgresql://` URL (may hold a password:
    /// shown only through [`Settings::db_display`]).
    pub db: Setting<Option<String>>,
    pub listen: Setting<SocketAddr>,
    pub key: Setting<Option<PathBuf>>,
    pub max_blob_bytes: Setting<u64>,
    pub quota_bytes: Setting<u64>,
    pub default_ttl_secs: Setting<u64>,
    pub max_ttl_secs: Setting<u64>,
    pub rate_per_sec: Setting<u32>,
    pub max_sessions: Setting<usize>,
    pub hello_timeout_secs: Setting<u64>,
    pub expiry_interval_secs: Setting<u64>,
    pub upload_ttl_secs: Setting<u64>,
    pub pairing_max_ttl_secs: Setting<u64>,
    pub pairing_joins_per_minute: Setting<u32>,
    pub http_listen: Setting<Option<SocketAddr>>,
    pub log_format: Setting<LogFormat>,
    pub test_crash_after_commits: Option<u64>,
    pub check_config: bool,
}

/// A setting's value: clap's when it came from a flag or the environment, else the file's,
/// else clap's default.
fn layer<T>(matches: &ArgMatches, id: &str, clap: T, file: Option<T>) -> Setting<T> {
    let (value, source) = match matches.value_source(id) {
        Some(ValueSource::CommandLine) => (clap, Source::Flag),
        Some(ValueSource::EnvVariable) => (clap, Source::Env),
        _ => match file {
            Some(value) => (value, Source::File),
            None => (clap, Source::Default),
        },
    };
    Setting { value, source }
}

impl Settings {
    /// Layers `args` (flags and environment, as clap parsed them into `matches`) over the
    /// config file, if one is named. Fails on an unreadable or invalid file.
    pub fn resolve(args: &Args, matches: &ArgMatches) -> Result<Self, String> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None => FileSettings::default(),
        };
        let m = matches;
        Ok(Self {
            config_file: args.config.clone(),
            db: layer(m, "db", args.db.clone(), file.db.map(Some)),
            listen: layer(m, "listen", args.listen, file.listen),
            key: layer(m, "key", args.key.clone(), file.key.map(Some)),
            max_blob_bytes: layer(
                m,
                "max_blob_bytes",
                args.max_blob_bytes,
                file.max_blob_bytes,
            ),
            quota_bytes: layer(m, "quota_bytes", args.quota_bytes, file.quota_bytes),
            default_ttl_secs: layer(
                m,
                "default_ttl_secs",
                args.default_ttl_secs,
                file.default_ttl_secs,
            ),
            max_ttl_secs: layer(m, "max_ttl_secs", args.max_ttl_secs, file.max_ttl_secs),
            rate_per_sec: layer(m, "rate_per_sec", args.rate_per_sec, file.rate_per_sec),
            max_sessions: layer(m, "max_sessions", args.max_sessions, file.max_sessions),
            hello_timeout_secs: layer(
                m,
                "hello_timeout_secs",
                args.hello_timeout_secs,
                file.hello_timeout_secs,
            ),
            expiry_interval_secs: layer(
                m,
                "expiry_interval_secs",
                args.expiry_interval_secs,
                file.expiry_interval_secs,
            ),
            upload_ttl_secs: layer(
                m,
                "upload_ttl_secs",
                args.upload_ttl_secs,
                file.upload_ttl_secs,
            ),
            pairing_max_ttl_secs: layer(
                m,
                "pairing_max_ttl_secs",
                args.pairing_max_ttl_secs,
                file.pairing_max_ttl_secs,
            ),
            pairing_joins_per_minute: layer(
                m,
                "pairing_joins_per_minute",
                args.pairing_joins_per_minute,
                file.pairing_joins_per_minute,
            ),
            http_listen: layer(
                m,
                "http_listen",
                args.http_listen,
                file.http_listen.map(Some),
            ),
            log_format: layer(m, "log_format", args.log_format, file.log_format),
            test_crash_after_commits: args.test_crash_after_commits,
            check_config: args.check_config,
        })
    }

    /// The database setting, required by now.
    pub fn db(&self) -> Result<Db, String> {
        let db = self.db.value.as_deref().ok_or_else(|| {
            "no database: set --db, ZEROK_DB or `db` in the config file".to_owned()
        })?;
        Db::parse(db)
    }

    /// The database as it may be shown or logged: a URL's password masked.
    pub fn db_display(&self) -> String {
        match self.db.value.as_deref().map(Db::parse) {
            Some(Ok(db)) => db.to_string(),
            Some(Err(e)) => e,
            None => "(none)".into(),
        }
    }

    /// The relay's key file: `--key`, else the database's default (next to a SQLite file).
    pub fn key_path(&self) -> Result<PathBuf, String> {
        match &self.key.value {
            Some(key) => Ok(key.clone()),
            None => self.db()?.default_key_path(),
        }
    }

    /// `--check-config`: everything that can be checked without starting the relay.
    pub fn check(&self) -> Result<(), String> {
        match self.db()? {
            Db::Postgres(url) => {
                let url = url::Url::parse(&url)
                    .map_err(|e| format!("db: not a valid postgres URL: {e}"))?;
                if url.host_str().is_none_or(str::is_empty) {
                    return Err("db: the postgres URL names no host".into());
                }
            }
            Db::Sqlite(path) => directory_exists("db", &path)?,
        }
        let key = self.key_path()?;
        match std::fs::read_to_string(&key) {
            Ok(text) => {
                let mut bytes = [0u8; 32];
                hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| {
                    format!("key: {} is not a relay key (64 hex chars)", key.display())
                })?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Created at the first start: its directory must exist.
                directory_exists("key", &key)?;
            }
            Err(e) => return Err(format!("key: reading {}: {e}", key.display())),
        }
        if self.default_ttl_secs.value > self.max_ttl_secs.value {
            return Err(format!(
                "default_ttl_secs ({}) exceeds max_ttl_secs ({})",
                self.default_ttl_secs.value, self.max_ttl_secs.value
            ));
        }
        Ok(())
    }

    /// The effective settings as TOML a config file could hold, each with where it came
    /// from. Never a secret: the key file's path but not the key, the URL's password masked.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.config_file {
            let _ = writeln!(out, "# config file: {}", file.display());
        }
        let mut line = |name: &str, value: Option<String>, source: Source| {
            let source = match source {
                Source::Flag => format!("--{}", name.replace('_', "-")),
                Source::Env => format!("env ZEROK_{}", name.to_uppercase()),
                Source::File => "config file".into(),
                Source::Default => "default".into(),
            };
            let _ = match value {
                Some(value) => writeln!(out, "{name} = {value}  # {source}"),
                None => writeln!(out, "# {name} unset  # {source}"),
            };
        };
        let quoted = |s: &str| format!("{s:?}");
        line(
            "db",
            self.db.value.as_ref().map(|_| quoted(&self.db_display())),
            self.db.source,
        );
        line(
            "listen",
            Some(quoted(&self.listen.value.to_string())),
            self.listen.source,
        );
        let key = self
            .key_path()
            .ok()
            .map(|k| quoted(&k.display().to_string()));
        line("key", key, self.key.source);
        let numbers = [
            (
                "max_blob_bytes",
                self.max_blob_bytes.value,
                self.max_blob_bytes.source,
            ),
            (
                "quota_bytes",
                self.quota_bytes.value,
                self.quota_bytes.source,
            ),
            (
                "default_ttl_secs",
                self.default_ttl_secs.value,
                self.default_ttl_secs.source,
            ),
            (
                "max_ttl_secs",
                self.max_ttl_secs.value,
                self.max_ttl_secs.source,
            ),
            (
                "rate_per_sec",
                u64::from(self.rate_per_sec.value),
                self.rate_per_sec.source,
            ),
            (
                "max_sessions",
                self.max_sessions.value as u64,
                self.max_sessions.source,
            ),
            (
                "hello_timeout_secs",
                self.hello_timeout_secs.value,
                self.hello_timeout_secs.source,
            ),
            (
                "expiry_interval_secs",
                self.expiry_interval_secs.value,
                self.expiry_interval_secs.source,
            ),
            (
                "upload_ttl_secs",
                self.upload_ttl_secs.value,
                self.upload_ttl_secs.source,
            ),
            (
                "pairing_max_ttl_secs",
                self.pairing_max_ttl_secs.value,
                self.pairing_max_ttl_secs.source,
            ),
            (
                "pairing_joins_per_minute",
                u64::from(self.pairing_joins_per_minute.value),
                self.pairing_joins_per_minute.source,
            ),
        ];
        for (name, value, source) in numbers {
            line(name, Some(value.to_string()), source);
        }
        let http = self.http_listen.value.map(|a| quoted(&a.to_string()));
        line("http_listen", http, self.http_listen.source);
        let format = quoted(self.log_format.value.name());
        line("log_format", Some(format), self.log_format.source);
        out
    }
}

/// Reads and parses the config file; errors name the file and the line.
fn read_file(path: &Path) -> Result<FileSettings, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("config file {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map_or(String::new(), |l| format!(" line {l}"));
        format!("config file {}{at}: {}", path.display(), e.message().trim())
    })
}

fn directory_exists(setting: &str, file: &Path) -> Result<(), String> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        Ok(())
    } else {
        Err(format!(
            "{setting}: directory {} does not exist",
            dir.display()
        ))
    }
}
