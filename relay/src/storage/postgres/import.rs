//! Filling an empty PostgreSQL relay database from another store (`zerok migrate`), in one
//! transaction: either every group and blob arrives, with its cursor, expiry and quota figure,
//! or nothing does. Relays on the database wait (the tables are locked) until it commits.

use tokio::task::JoinHandle;
use tokio_postgres::NoTls;

use super::super::{BlobRecord, GroupRecord, StorageError};
use super::PostgresStorage;
use super::error::classify;
use super::writer::sql_int;

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
                "BEGIN; LOCK TABLE zerok_groups, zerok_blobs IN SHARE ROW EXCLUSIVE MODE",
            )
            .await
            .map_err(|e| classify(&e))?;
        let row = importer
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM zerok_groups) OR EXISTS (SELECT 1 FROM zerok_blobs)",
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

    /// Groups and blobs the transaction holds so far (to check a copy before committing it).
    pub async fn counts(&self) -> Result<(u64, u64), StorageError> {
        let row = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM zerok_groups), (SELECT count(*) FROM zerok_blobs)",
                &[],
            )
            .await
            .map_err(|e| classify(&e))?;
        let count = |i| u64::try_from(row.get::<_, i64>(i)).unwrap_or(0);
        Ok((count(0), count(1)))
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
