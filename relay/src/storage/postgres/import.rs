//! Filling an empty PostgreSQL relay database from another store (`zerok migrate`), in one
//! transaction: either every group, blob, object and chunk arrives, with its cursor, expiry and
//! quota figure, or nothing does. Relays on the database wait (the tables are locked) until it commits.

use tokio::task::JoinHandle;
use tokio_postgres::NoTls;

use super::super::{BlobRecord, ChunkRecord, Counts, GroupRecord, ObjectRecord, StorageError};
use super::PostgresStorage;
use super::error::classify;
use super::writer::{sql_int, to_u64};

/// An open import transaction on a connection of its own. Dropped without
/// [`commit`](Importer::commit), it rolls back (the connection closes).
pub struct Importer {
    client: tokio_postgres::Client,
    connection: JoinHandle<()>,
}

impl PostgresStorage {
    /// Starts an import into this database. Refuses a database that holds any group or blob:
    /// merging two relays' cursors is not a copy.
    pub async fn import(&self) -> Result<Importer, StorageError> {
        let (client, connection) = self
            .inner
            .pg_config
            .connect(NoTls)
            .await
            .map_err(|e| classify(&e))?;
        let connection = tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::warn!(error = %e, "import connection ended");
            }
        });
        let importer = Importer { client, connection };
        importer
            .client
            .batch_execute(
                "BEGIN;
                 LOCK TABLE zerok_groups, zerok_blobs, zerok_objects, zerok_chunks
                 IN SHARE ROW EXCLUSIVE MODE",
            )
            .await
            .map_err(|e| classify(&e))?;
        let row = importer
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM zerok_groups) OR EXISTS (SELECT 1 FROM zerok_blobs)
                     OR EXISTS (SELECT 1 FROM zerok_objects)",
                &[],
            )
            .await
            .map_err(|e| classify(&e))?;
        if row.get::<_, bool>(0) {
            return Err(StorageError::Backend(
                "the PostgreSQL database already holds relay data; migrate only into an empty \
                 one"
                .into(),
            ));
        }
        Ok(importer)
    }
}

impl Importer {
    pub async fn groups(&self, groups: &[GroupRecord]) -> Result<(), StorageError> {
        let ids: Vec<&[u8]> = groups.iter().map(|g| &g.group_id[..]).collect();
        let lasts: Vec<i64> = groups.iter().map(|g| sql_int(g.last_cursor)).collect();
        let used: Vec<i64> = groups.iter().map(|g| sql_int(g.bytes_used)).collect();
        self.client
            .execute(
                "INSERT INTO zerok_groups (group_id, last_cursor, bytes_used)
                 SELECT * FROM unnest($1::bytea[], $2::int8[], $3::int8[])",
                &[&ids, &lasts, &used],
            )
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    pub async fn blobs(&self, blobs: &[BlobRecord]) -> Result<(), StorageError> {
        let col = |f: fn(&BlobRecord) -> &[u8]| blobs.iter().map(f).collect::<Vec<_>>();
        let num =
            |f: fn(&BlobRecord) -> u64| blobs.iter().map(|b| sql_int(f(b))).collect::<Vec<_>>();
        self.client
            .execute(
                "INSERT INTO zerok_blobs
                 (group_id, cursor, blob_id, origin, envelope, timestamp_ms, expires_at_ms)
                 SELECT * FROM unnest($1::bytea[], $2::int8[], $3::bytea[], $4::bytea[],
                                      $5::bytea[], $6::int8[], $7::int8[])",
                &[
                    &col(|b| &b.group_id),
                    &num(|b| b.cursor),
                    &col(|b| &b.blob_id),
                    &col(|b| &b.origin),
                    &col(|b| &b.envelope),
                    &num(|b| b.timestamp_ms),
                    &num(|b| b.expires_at_ms),
                ],
            )
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    /// Objects, before their chunks.
    pub async fn objects(&self, objects: &[ObjectRecord]) -> Result<(), StorageError> {
        let col = |f: fn(&ObjectRecord) -> &[u8]| objects.iter().map(f).collect::<Vec<_>>();
        let num =
            |f: fn(&ObjectRecord) -> u64| objects.iter().map(|o| sql_int(f(o))).collect::<Vec<_>>();
        let size = |f: fn(&ObjectRecord) -> u32| {
            objects
                .iter()
                .map(|o| i32::try_from(f(o)).unwrap_or(i32::MAX))
                .collect::<Vec<_>>()
        };
        let cursors: Vec<Option<i64>> = objects.iter().map(|o| o.cursor.map(sql_int)).collect();
        self.client
            .execute(
                "INSERT INTO zerok_objects (group_id, object_id, origin, chunk_count, chunk_bytes,
                     last_chunk_bytes, bytes_stored, cursor, expires_at_ms)
                 SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::int8[],
                                      $5::int4[], $6::int4[], $7::int8[], $8::int8[], $9::int8[])",
                &[
                    &col(|o| &o.group_id),
                    &col(|o| &o.spec.object_id),
                    &col(|o| &o.spec.origin),
                    &num(|o| o.spec.chunk_count),
                    &size(|o| o.spec.chunk_bytes),
                    &size(|o| o.spec.last_chunk_bytes),
                    &num(|o| o.bytes_stored),
                    &cursors,
                    &num(|o| o.expires_at_ms),
                ],
            )
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    pub async fn chunks(&self, chunks: &[ChunkRecord]) -> Result<(), StorageError> {
        let col = |f: fn(&ChunkRecord) -> &[u8]| chunks.iter().map(f).collect::<Vec<_>>();
        let indexes: Vec<i64> = chunks.iter().map(|c| sql_int(c.index)).collect();
        self.client
            .execute(
                "INSERT INTO zerok_chunks (group_id, object_id, idx, envelope)
                 SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::int8[], $4::bytea[])",
                &[
                    &col(|c| &c.group_id),
                    &col(|c| &c.object_id),
                    &indexes,
                    &col(|c| &c.envelope),
                ],
            )
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    /// What the transaction holds so far (to check a copy before committing it).
    pub async fn counts(&self) -> Result<Counts, StorageError> {
        let row = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM zerok_groups), (SELECT count(*) FROM zerok_blobs),
                        (SELECT count(*) FROM zerok_objects), (SELECT count(*) FROM zerok_chunks),
                        (SELECT COALESCE(sum(octet_length(envelope)), 0)::int8 FROM zerok_blobs)
                        + (SELECT COALESCE(sum(octet_length(envelope)), 0)::int8 FROM zerok_chunks)",
                &[],
            )
            .await
            .map_err(|e| classify(&e))?;
        let count = |i| to_u64(row.get::<_, i64>(i));
        Ok(Counts {
            groups: count(0),
            blobs: count(1),
            objects: count(2),
            chunks: count(3),
            bytes: count(4),
        })
    }

    /// Commits everything added; only then is any of it visible.
    pub async fn commit(self) -> Result<(), StorageError> {
        self.client
            .batch_execute("COMMIT")
            .await
            .map_err(|e| classify(&e))?;
        drop(self.client);
        let _ = self.connection.await;
        Ok(())
    }
}
