//! TTL expiry, safe with any number of processes running it at once.
//!
//! The transaction first locks the counter rows of the groups holding expired blobs, in
//! group-id order like a push batch (so expiry and pushes never deadlock), then deletes those
//! groups' expired blobs and subtracts their bytes in one statement. Two processes expiring
//! at once serialize on the counter rows; the second's delete no longer sees the first's
//! rows, so each blob's bytes are freed exactly once, in the transaction that deletes it.

use deadpool_postgres::Pool;

use super::super::StorageError;
use super::error::{classify, is_retryable, pool as pool_error};
use super::writer::sql_int;

const RETRIES: usize = 3;

pub(super) async fn run(pool: &Pool, now_ms: u64) -> Result<u64, StorageError> {
    let mut attempt = 0;
    loop {
        match once(pool, sql_int(now_ms)).await {
            Err(Failure::Db(e)) if is_retryable(&e) && attempt < RETRIES => attempt += 1,
            Err(Failure::Db(e)) => return Err(classify(&e)),
            Err(Failure::Pool(e)) => return Err(e),
            Ok(count) => return Ok(count),
        }
    }
}

enum Failure {
    Db(tokio_postgres::Error),
    Pool(StorageError),
}

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Self {
        Failure::Db(e)
    }
}

async fn once(pool: &Pool, now: i64) -> Result<u64, Failure> {
    let mut client = pool.get().await.map_err(|e| Failure::Pool(pool_error(e)))?;
    let tx = client.transaction().await?;
    let locked = tx
        .query(
            "SELECT group_id FROM zerok_groups
             WHERE group_id IN (SELECT group_id FROM zerok_blobs WHERE expires_at_ms <= $1)
             ORDER BY group_id FOR UPDATE",
            &[&now],
        )
        .await?;
    if locked.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let groups: Vec<&[u8]> = locked.iter().map(|row| row.get(0)).collect();
    let freed = tx
        .query(
            "WITH gone AS (
                 DELETE FROM zerok_blobs WHERE group_id = ANY($2) AND expires_at_ms <= $1
                 RETURNING group_id, octet_length(envelope) AS n),
             freed AS (
                 SELECT group_id, sum(n)::int8 AS bytes, count(*)::int8 AS blobs
                 FROM gone GROUP BY group_id)
             UPDATE zerok_groups AS g SET bytes_used = greatest(0, g.bytes_used - freed.bytes)
             FROM freed WHERE g.group_id = freed.group_id
             RETURNING freed.blobs",
            &[&now, &groups],
        )
        .await?;
    let count: i64 = freed.iter().map(|row| row.get::<_, i64>(0)).sum();
    tx.commit().await?;
    Ok(u64::try_from(count).unwrap_or(0))
}
