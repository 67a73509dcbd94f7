//! Versioned schema migrations, applied at start.
//!
//! Several relay processes may start at once on one database, so migrations run in one
//! transaction under an advisory lock: the first applies them, the others wait and then find
//! nothing left to do. A database whose schema is newer than this code knows is refused
//! before anything is written to it: an older relay must not guess at a newer layout.
//!
//! # Schema (version 2)
//!
//! `zerok_groups` holds each group's counter row: `last_cursor` (the highest cursor ever
//! assigned, expired blobs included) and `bytes_used` (the sum of its stored envelopes and
//! chunks, for the quota). A push locks that row in its transaction, which is what makes
//! cursors gap-free and visible in cursor order across processes (a sequence is neither).
//! `zerok_meta` holds the cluster id every process on this database announces. `zerok_blobs`
//! is the log.
//!
//! Version 2 adds large objects beside the log, as the SQLite file's `objects` and `chunks`:
//! `zerok_objects` (one row per object: its spec, `bytes_stored` = its chunks' bytes, counted
//! in `bytes_used`; `cursor` NULL while staging, the manifest's once committed; `expires_at_ms`
//! the staging deadline, then the manifest's expiry) and `zerok_chunks` (one envelope per row).
//! A chunk envelope is ciphertext, so its column is `STORAGE EXTERNAL`: TOAST stores it out of
//! line without first trying to compress what cannot shrink. The foreign key cascades, but
//! expiry deletes chunks in short batches before the object row, so the cascade never has
//! more than a few rows to do. A version 1 database is upgraded in place by migration 2.

use deadpool_postgres::Client;

use super::super::StorageError;
use super::error::classify;

/// `pg_advisory_xact_lock` key of the migration transaction (ASCII "zerok-mg").
const MIGRATION_LOCK: i64 = 0x7a65_726f_6b2d_6d67;

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
    "
CREATE TABLE zerok_meta (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    cluster_id bytea NOT NULL CHECK (octet_length(cluster_id) = 16)
);
INSERT INTO zerok_meta (cluster_id) VALUES (uuid_send(gen_random_uuid()));
CREATE TABLE zerok_groups (
    group_id    bytea PRIMARY KEY,
    last_cursor bigint NOT NULL,
    bytes_used  bigint NOT NULL
);
CREATE TABLE zerok_blobs (
    group_id      bytea NOT NULL,
    cursor        bigint NOT NULL,
    blob_id       bytea NOT NULL,
    origin        bytea NOT NULL,
    envelope      bytea NOT NULL,
    timestamp_ms  bigint NOT NULL,
    expires_at_ms bigint NOT NULL,
    PRIMARY KEY (group_id, cursor),
    UNIQUE (group_id, blob_id)
);
CREATE INDEX zerok_blobs_expires_at ON zerok_blobs (expires_at_ms);
",
    "
CREATE TABLE zerok_objects (
    group_id         bytea NOT NULL,
    object_id        bytea NOT NULL,
    origin           bytea NOT NULL,
    chunk_count      bigint NOT NULL,
    chunk_bytes      integer NOT NULL,
    last_chunk_bytes integer NOT NULL,
    bytes_stored     bigint NOT NULL,
    cursor           bigint,
    expires_at_ms    bigint NOT NULL,
    PRIMARY KEY (group_id, object_id)
);
CREATE INDEX zerok_objects_expires_at ON zerok_objects (expires_at_ms);
CREATE TABLE zerok_chunks (
    group_id  bytea NOT NULL,
    object_id bytea NOT NULL,
    idx       bigint NOT NULL,
    envelope  bytea NOT NULL,
    PRIMARY KEY (group_id, object_id, idx),
    FOREIGN KEY (group_id, object_id) REFERENCES zerok_objects ON DELETE CASCADE
);
ALTER TABLE zerok_chunks ALTER COLUMN envelope SET STORAGE EXTERNAL;
",
];

/// The schema version this code writes and understands.
pub(crate) const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings the schema up to [`SCHEMA_VERSION`] and returns the cluster id.
pub(super) async fn migrate(client: &mut Client) -> Result<[u8; 16], StorageError> {
    let tx = client.transaction().await.map_err(|e| classify(&e))?;
    let run = async {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS zerok_schema_migrations (
                 version    integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
        )
        .await?;
        tx.query_one(
            "SELECT COALESCE(max(version), 0) FROM zerok_schema_migrations",
            &[],
        )
        .await
        .map(|row| row.get::<_, i32>(0))
    };
    let current = run.await.map_err(|e| classify(&e))?;
    if current > SCHEMA_VERSION {
        return Err(StorageError::Backend(format!(
            "database schema version {current} is newer than the {SCHEMA_VERSION} this relay \
             supports; upgrade the relay"
        )));
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let to = from as i32 + 1;
        tx.batch_execute(sql).await.map_err(|e| classify(&e))?;
        tx.execute(
            "INSERT INTO zerok_schema_migrations (version) VALUES ($1)",
            &[&to],
        )
        .await
        .map_err(|e| classify(&e))?;
        tracing::info!(version = to, "applied PostgreSQL schema migration");
    }
    let row = tx
        .query_one("SELECT cluster_id FROM zerok_meta", &[])
        .await
        .map_err(|e| classify(&e))?;
    tx.commit().await.map_err(|e| classify(&e))?;
    let id: &[u8] = row.get(0);
    id.try_into()
        .map_err(|_| StorageError::Backend("zerok_meta.cluster_id is not 16 bytes".into()))
}
