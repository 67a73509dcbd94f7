//! TTL expiry, safe with any number of processes running it at once.
//!
//! Objects go first, in short transactions: each locks one group's counter row (as a push
//! does, so it waits for that group's pushes and chunk writes, and they for it), then deletes
//! up to [`EXPIRE_CHUNK_ROWS`] chunk rows of that group's expired objects, lowest index first,
//! taking their bytes off the object and the group as it goes (so a half-deleted object's row
//! stays true), and deletes each object once it has no chunks left. A 64 GiB object thus never
//! holds its group for more than a few hundred chunks; two processes expiring at once
//! serialize on the counter row and each chunk's bytes are freed exactly once, by the
//! transaction that deletes it. The same code finishes an abort (see [`super::objects`]).
//!
//! Then the blobs: the transaction locks the counter rows of the groups holding expired blobs,
//! in group-id order like a push batch (so expiry and pushes never deadlock), then deletes
//! those groups' expired blobs and subtracts their bytes in one statement. A manifest whose
//! object is still stored is left for a later run: it leaves the log only after its chunks, so
//! a committed object always has its manifest (a repeated commit answers from it).

use deadpool_postgres::{Client, Pool};

use super::super::StorageError;
use super::error::{Failure, pool as pool_error, retrying};
use super::writer::{sql_int, to_u64};

/// Chunk rows one object-expiry transaction deletes at most (an object without chunks
/// counts as one), so no transaction holds a group for long.
const EXPIRE_CHUNK_ROWS: i64 = 256;

/// Deletes every object and blob expired at `now_ms`; returns how many.
pub(super) async fn run(pool: &Pool, now_ms: u64) -> Result<u64, StorageError> {
    let objects = objects(pool, now_ms).await?;
    let blobs = retrying(|| async {
        let mut client = client(pool).await?;
        blobs_once(&mut client, sql_int(now_ms)).await
    })
    .await?;
    Ok(objects + blobs)
}

/// Deletes the objects expired at `now_ms` (an aborted one has expiry 0), a transaction per
/// few hundred chunks; returns how many objects went.
pub(super) async fn objects(pool: &Pool, now_ms: u64) -> Result<u64, StorageError> {
    let mut deleted = 0;
    loop {
        let batch = retrying(|| async {
            let mut client = client(pool).await?;
            objects_once(&mut client, sql_int(now_ms)).await
        })
        .await?;
        match batch {
            Some(objects) => deleted += objects,
            None => return Ok(deleted),
        }
    }
}

async fn client(pool: &Pool) -> Result<Client, Failure> {
    pool.get().await.map_err(|e| Failure::Fatal(pool_error(e)))
}

/// One transaction of object expiry in one group; `None` once no object is expired.
async fn objects_once(client: &mut Client, now: i64) -> Result<Option<u64>, Failure> {
    let tx = client.transaction().await?;
    let Some(first) = tx
        .query_opt(
            "SELECT group_id FROM zerok_objects WHERE expires_at_ms <= $1 LIMIT 1",
            &[&now],
        )
        .await?
    else {
        tx.commit().await?;
        return Ok(None);
    };
    let group: &[u8] = first.get(0);
    tx.execute(
        "SELECT 1 FROM zerok_groups WHERE group_id = $1 FOR UPDATE",
        &[&group],
    )
    .await?;
    let next_object = tx
        .prepare_cached(
            "SELECT object_id FROM zerok_objects
             WHERE group_id = $1 AND expires_at_ms <= $2 LIMIT 1",
        )
        .await?;
    // octet_length of a TOASTed value reads its pointer, not the chunk.
    let delete_chunks = tx
        .prepare_cached(
            "WITH gone AS (
                 DELETE FROM zerok_chunks WHERE group_id = $1 AND object_id = $2 AND idx IN (
                     SELECT idx FROM zerok_chunks WHERE group_id = $1 AND object_id = $2
                     ORDER BY idx LIMIT $3)
                 RETURNING octet_length(envelope) AS n)
             SELECT count(*), COALESCE(sum(n), 0)::int8 FROM gone",
        )
        .await?;
    let mut budget = EXPIRE_CHUNK_ROWS;
    let mut deleted = 0;
    while budget > 0 {
        let Some(row) = tx.query_opt(&next_object, &[&group, &now]).await? else {
            break;
        };
        let object: &[u8] = row.get(0);
        let row = tx
            .query_one(&delete_chunks, &[&group, &object, &budget])
            .await?;
        let (rows, freed): (i64, i64) = (row.get(0), row.get(1));
        if rows > 0 {
            tx.execute(
                "UPDATE zerok_objects SET bytes_stored = bytes_stored - $3
                 WHERE group_id = $1 AND object_id = $2",
                &[&group, &object, &freed],
            )
            .await?;
            tx.execute(
                "UPDATE zerok_groups SET bytes_used = greatest(0, bytes_used - $2)
                 WHERE group_id = $1",
                &[&group, &freed],
            )
            .await?;
        }
        if rows < budget {
            tx.execute(
                "DELETE FROM zerok_objects WHERE group_id = $1 AND object_id = $2",
                &[&group, &object],
            )
            .await?;
            deleted += 1;
        }
        budget -= rows.clamp(1, budget);
    }
    tx.commit().await?;
    Ok(Some(deleted))
}

async fn blobs_once(client: &mut Client, now: i64) -> Result<u64, Failure> {
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
                 DELETE FROM zerok_blobs b
                 WHERE group_id = ANY($2) AND expires_at_ms <= $1
                   AND NOT EXISTS (SELECT 1 FROM zerok_objects o
                       WHERE o.group_id = b.group_id AND o.object_id = b.blob_id)
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
    let count: u64 = freed.iter().map(|row| to_u64(row.get(0))).sum();
    tx.commit().await?;
    Ok(count)
}
