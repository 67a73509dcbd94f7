//! What `zerok relay --db` names: a SQLite file (a path) or a PostgreSQL database (a
//! `postgres://` or `postgresql://` URL), and the store opened for it. The relay code is
//! generic over [`Storage`]; [`AnyStorage`] lets one binary pick at run time.

use std::path::PathBuf;

use zerok_relay::storage::{
    CommitNotice, GroupId, NewBlob, ObjectSpec, ObjectState, Page, PostgresConfig, PostgresStorage,
    PushOutcome, SqliteConfig, SqliteStorage, Storage, StorageError,
};

/// The value of `--db`.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    /// clap value parser: a URL with a PostgreSQL scheme, else a file path.
    pub fn parse(value: &str) -> Result<Self, String> {
        if is_postgres_url(value) {
            Ok(Db::Postgres(value.to_owned()))
        } else if value.is_empty() {
            Err("empty database path".into())
        } else {
            Ok(Db::Sqlite(value.into()))
        }
    }

    /// Where the relay's key lives when `--key` is not given: next to a SQLite file. A
    /// PostgreSQL database is shared by several relays, each with its own identity, so there
    /// `--key` must be given.
    pub fn default_key_path(&self) -> Result<PathBuf, String> {
        match self {
            Db::Sqlite(path) => {
                let mut p = path.clone().into_os_string();
                p.push(".key");
                Ok(p.into())
            }
            Db::Postgres(_) => Err(
                "--key is required with a PostgreSQL --db: each relay node of a cluster needs \
                 its own key file"
                    .into(),
            ),
        }
    }

    /// Opens the store, applying schema migrations.
    pub async fn open(&self, quota_bytes_per_group: u64) -> Result<AnyStorage, String> {
        match self {
            Db::Sqlite(path) => SqliteStorage::open(
                path,
                SqliteConfig {
                    quota_bytes_per_group,
                    ..SqliteConfig::default()
                },
            )
            .map(AnyStorage::Sqlite)
            .map_err(|e| format!("opening {}: {e}", path.display())),
            Db::Postgres(url) => PostgresStorage::connect(
                url,
                PostgresConfig {
                    quota_bytes_per_group,
                    ..PostgresConfig::default()
                },
            )
            .await
            .map(AnyStorage::Postgres)
            .map_err(|e| format!("opening {self}: {e}")),
        }
    }
}

pub fn is_postgres_url(value: &str) -> bool {
    value.starts_with("postgres://") || value.starts_with("postgresql://")
}

/// Shows a URL without its password (logs and messages never carry one).
impl std::fmt::Display for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Db::Sqlite(path) => write!(f, "{}", path.display()),
            Db::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:****@host/db`; a URL that does not
/// parse is never echoed (it may hold a password where we cannot find it).
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("****"));
            }
            url.to_string()
        }
        Err(_) => "(unparsable postgres URL)".into(),
    }
}

/// Either backend, as one [`Storage`].
#[derive(Clone)]
pub enum AnyStorage {
    Sqlite(SqliteStorage),
    Postgres(PostgresStorage),
}

macro_rules! delegate {
    ($self:ident, $s:ident => $call:expr) => {
        match $self {
            AnyStorage::Sqlite($s) => $call,
            AnyStorage::Postgres($s) => $call,
        }
    };
}

impl Storage for AnyStorage {
    async fn push(&self, group: GroupId, blob: NewBlob) -> Result<PushOutcome, StorageError> {
        delegate!(self, s => s.push(group, blob).await)
    }

    async fn pull(
        &self,
        group: GroupId,
        after: u64,
        limit: u32,
        max_bytes: usize,
        now_ms: u64,
    ) -> Result<Page, StorageError> {
        delegate!(self, s => s.pull(group, after, limit, max_bytes, now_ms).await)
    }

    async fn latest_cursor(&self, group: GroupId) -> Result<u64, StorageError> {
        delegate!(self, s => s.latest_cursor(group).await)
    }

    async fn expire(&self, now_ms: u64) -> Result<u64, StorageError> {
        delegate!(self, s => s.expire(now_ms).await)
    }

    async fn object_begin(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> Result<ObjectState, StorageError> {
        delegate!(self, s => s.object_begin(group, spec, staging_expires_at_ms).await)
    }

    async fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        delegate!(self, s => s.put_chunk(group, object_id, index, envelope, staging_expires_at_ms).await)
    }

    async fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    ) -> Result<PushOutcome, StorageError> {
        delegate!(self, s => s.commit_object(group, object_id, manifest).await)
    }

    async fn abort_object(&self, group: GroupId, object_id: [u8; 16]) -> Result<(), StorageError> {
        delegate!(self, s => s.abort_object(group, object_id).await)
    }

    async fn object_state(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> Result<Option<ObjectState>, StorageError> {
        delegate!(self, s => s.object_state(group, object_id).await)
    }

    async fn chunks(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        delegate!(self, s => s.chunks(group, object_id, from, limit).await)
    }

    async fn close(&self) {
        delegate!(self, s => s.close().await)
    }

    async fn ping(&self) -> Result<(), StorageError> {
        delegate!(self, s => s.ping().await)
    }

    fn cluster_id(&self) -> Option<[u8; 16]> {
        delegate!(self, s => s.cluster_id())
    }

    fn commit_notices(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<CommitNotice>> {
        delegate!(self, s => s.commit_notices())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_is_a_url_or_a_path() {
        assert!(matches!(Db::parse("postgres://u@h/d"), Ok(Db::Postgres(_))));
        assert!(matches!(Db::parse("postgresql://h/d"), Ok(Db::Postgres(_))));
        assert!(matches!(Db::parse("relay.db"), Ok(Db::Sqlite(_))));
        assert!(
            Db::parse("postgres://h/d")
                .unwrap()
                .default_key_path()
                .is_err()
        );
        assert_eq!(
            Db::parse("r.db").unwrap().default_key_path().unwrap(),
            PathBuf::from("r.db.key")
        );
    }

    #[test]
    fn urls_are_shown_without_password() {
        assert_eq!(
            redact("postgres://zerok:s3cret@db.local:5432/relay?sslmode=disable"),
            "postgres://zerok:****@db.local:5432/relay?sslmode=disable"
        );
        assert_eq!(redact("postgres://zerok@h/d"), "postgres://zerok@h/d");
        assert_eq!(redact("postgresql://h/d"), "postgresql://h/d");
    }
}
