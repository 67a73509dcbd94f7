//! Large objects: staging objects and their chunks beside the log, then the manifest committed
//! into the log exactly as a push (see the object contract on [`Storage`]).
//!
//! Every write on an object is one transaction that first locks the group's counter row, the
//! same lock a push batch takes ([`begin_locked`]). That one lock orders everything done to a
//! group, whichever process does it: a chunk and a push are counted against the quota one after
//! the other, so the quota is exact across processes; two processes storing the same chunk
//! find each other's row; a commit sees every chunk committed before it. Locks are always taken
//! counter row first (then object rows, by update), so object writes, pushes and expiry never
//! wait on each other in a cycle. The cost: a group's pushes wait for a chunk's commit, about
//! one WAL flush.
//!
//! [`Storage`]: super::super::Storage

use deadpool_postgres::Client;
use tokio_postgres::Row;

use super::super::{GroupId, NewBlob, ObjectSpec, ObjectState, PushOutcome, StorageError};
use super::error::{Failure, retrying, rolled_back_on_error};
use super::writer::{
    Inserts, Param, Writer, bad_row, begin_locked, fits, sql_int, to_u64, write_and_commit,
};

/// The `zerok_objects` columns [`object_row`] reads, in its order.
macro_rules! object_columns {
    () => {
        "origin, chunk_count, chunk_bytes, last_chunk_bytes, bytes_stored, cursor, expires_at_ms"
    };
}

/// Extends a staging object's expiry (never shortens it: a chunk retried late must not cut the
/// time a newer request gave) and adds `$3` bytes to it.
const ADD_TO_OBJECT: &str = "UPDATE zerok_objects
     SET bytes_stored = bytes_stored + $3, expires_at_ms = greatest(expires_at_ms, $4)
     WHERE group_id = $1 AND object_id = $2";

impl Writer {
    /// Creates the staging object of `spec` or extends the existing one's expiry, refusing as
    /// [`Storage::object_begin`](super::super::Storage::object_begin) says.
    pub(super) async fn begin_object(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> Result<(), StorageError> {
        if spec.chunk_count == 0 {
            return Err(StorageError::ObjectMismatch);
        }
        let expires = sql_int(staging_expires_at_ms);
        retrying(|| async {
            let tx = self.client().await?;
            let result = begin(&tx, self.quota, &group, &spec, expires).await;
            rolled_back_on_error(&tx, result).await
        })
        .await
    }

    /// Stores chunk `index`; `true` if it was stored already.
    pub(super) async fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: &[u8],
        staging_expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        let chunk = Chunk {
            group: &group,
            object_id: &object_id,
            index,
            envelope,
            expires: sql_int(staging_expires_at_ms),
        };
        retrying(|| async {
            let tx = self.client().await?;
            let result = put(&tx, self.quota, &chunk).await;
            rolled_back_on_error(&tx, result).await
        })
        .await
    }

    /// Commits a complete staging object with `manifest` as its log entry, then announces the
    /// manifest's cursor to other processes as a push batch does.
    pub(super) async fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: &NewBlob,
    ) -> Result<PushOutcome, StorageError> {
        if manifest.blob_id != object_id {
            return Err(StorageError::ObjectMismatch);
        }
        let (outcome, committed) = retrying(|| async {
            let tx = self.client().await?;
            let result = commit(&tx, self.quota, &group, manifest).await;
            rolled_back_on_error(&tx, result).await
        })
        .await?;
        self.announce(committed);
        Ok(outcome)
    }

    /// Marks a staging object expired (`ObjectMismatch` for a committed one); the caller then
    /// deletes it as expiry does.
    pub(super) async fn abort_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> Result<(), StorageError> {
        retrying(|| async {
            let tx = self.client().await?;
            let result = abort(&tx, &group, &object_id).await;
            rolled_back_on_error(&tx, result).await
        })
        .await
    }
}

/// Ends a transaction that wrote nothing to keep. Rolled back, not committed: a counter row
/// created only to be locked (a group never written) is not left behind.
async fn release(tx: &Client) -> Result<(), Failure> {
    tx.batch_execute("ROLLBACK").await.map_err(Failure::from)
}

/// The object's row, read after the group's counter row is locked (so it is current).
async fn load_object(
    tx: &Client,
    group: &GroupId,
    object_id: &[u8; 16],
) -> Result<Option<ObjectState>, Failure> {
    let stmt = tx
        .prepare_cached(concat!(
            "SELECT ",
            object_columns!(),
            " FROM zerok_objects WHERE group_id = $1 AND object_id = $2"
        ))
        .await?;
    match tx.query_opt(&stmt, &[&&group[..], &&object_id[..]]).await? {
        Some(row) => Ok(Some(object_row(&row, *object_id)?)),
        None => Ok(None),
    }
}

/// A row whose first columns are [`object_columns!`]; `stored` is left empty.
fn object_row(row: &Row, object_id: [u8; 16]) -> Result<ObjectState, Failure> {
    let size = |i: usize| u32::try_from(row.get::<_, i32>(i)).map_err(|_| bad_row("chunk size"));
    Ok(ObjectState {
        spec: ObjectSpec {
            object_id,
            origin: row
                .get::<_, &[u8]>(0)
                .try_into()
                .map_err(|_| bad_row("origin"))?,
            chunk_count: to_u64(row.get(1)),
            chunk_bytes: size(2)?,
            last_chunk_bytes: size(3)?,
        },
        stored: Vec::new(),
        bytes_stored: to_u64(row.get(4)),
        committed: row.get::<_, Option<i64>>(5).map(to_u64),
        expires_at_ms: to_u64(row.get(6)),
    })
}

async fn begin(
    tx: &Client,
    quota: u64,
    group: &GroupId,
    spec: &ObjectSpec,
    expires: i64,
) -> Result<(), Failure> {
    let locked = begin_locked(tx, &[(group, &spec.object_id)]).await?;
    let missing_bytes = match load_object(tx, group, &spec.object_id).await? {
        Some(stored) => {
            let same = |s: &ObjectSpec| (s.chunk_count, s.chunk_bytes, s.last_chunk_bytes);
            if same(&stored.spec) != same(spec) {
                return Err(StorageError::ObjectMismatch.into());
            }
            if stored.committed.is_some() {
                return release(tx).await;
            }
            Some(spec.total_bytes().saturating_sub(stored.bytes_stored))
        }
        // The manifest will enter the log under this id; a plain blob holding it already
        // would make the commit a "duplicate" of something else.
        None if locked.stored(group, &spec.object_id).is_some() => {
            return Err(StorageError::ObjectMismatch.into());
        }
        None => None,
    };
    // Checked, not reserved: the chunks count as they arrive.
    fits(
        quota,
        locked.used(group),
        missing_bytes.unwrap_or_else(|| spec.total_bytes()),
    )?;
    let write = if missing_bytes.is_some() {
        tx.prepare_cached(ADD_TO_OBJECT).await?
    } else {
        tx.prepare_cached(
            "INSERT INTO zerok_objects (group_id, object_id, origin, chunk_count, chunk_bytes,
                 last_chunk_bytes, bytes_stored, cursor, expires_at_ms)
             VALUES ($1, $2, $5, $6, $7, $8, $3, NULL, $4)",
        )
        .await?
    };
    let (chunk_count, chunk_bytes, last) = (
        sql_int(spec.chunk_count),
        i32::try_from(spec.chunk_bytes).map_err(|_| StorageError::ObjectMismatch)?,
        i32::try_from(spec.last_chunk_bytes).map_err(|_| StorageError::ObjectMismatch)?,
    );
    let common: [&Param<'_>; 4] = [&&group[..], &&spec.object_id[..], &0i64, &expires];
    let insert: [&Param<'_>; 8] = [
        common[0],
        common[1],
        common[2],
        common[3],
        &&spec.origin[..],
        &chunk_count,
        &chunk_bytes,
        &last,
    ];
    let params: &[&Param<'_>] = if missing_bytes.is_some() {
        &common
    } else {
        &insert
    };
    tokio::try_join!(tx.execute(&write, params), tx.batch_execute("COMMIT"))?;
    Ok(())
}

/// One chunk to store.
struct Chunk<'a> {
    group: &'a GroupId,
    object_id: &'a [u8; 16],
    index: u64,
    envelope: &'a [u8],
    expires: i64,
}

async fn put(tx: &Client, quota: u64, chunk: &Chunk<'_>) -> Result<bool, Failure> {
    let Chunk {
        group,
        object_id,
        index,
        envelope,
        expires,
    } = *chunk;
    let locked = begin_locked(tx, &[(group, object_id)]).await?;
    let stored = load_object(tx, group, object_id)
        .await?
        .ok_or(StorageError::ObjectUnknown)?;
    let expected = stored
        .spec
        .chunk_len(index)
        .ok_or(StorageError::ObjectMismatch)?;
    if envelope.len() as u64 != u64::from(expected) {
        return Err(StorageError::ObjectMismatch.into());
    }
    let (g, id, idx): (&[u8], &[u8], i64) = (group, object_id, sql_int(index));
    let add = tx.prepare_cached(ADD_TO_OBJECT).await?;
    let found = tx
        .query_opt(
            "SELECT 1 FROM zerok_chunks WHERE group_id = $1 AND object_id = $2 AND idx = $3",
            &[&g, &id, &idx],
        )
        .await?;
    if found.is_some() {
        // Stored before: a repeat still extends a staging object's expiry.
        if stored.committed.is_some() {
            release(tx).await?;
        } else {
            let params: [&Param<'_>; 4] = [&g, &id, &0i64, &expires];
            tokio::try_join!(tx.execute(&add, &params), tx.batch_execute("COMMIT"))?;
        }
        return Ok(true);
    }
    if stored.committed.is_some() {
        return Err(StorageError::ObjectMismatch.into());
    }
    let needed = envelope.len() as u64;
    fits(quota, locked.used(group), needed)?;
    let insert = tx
        .prepare_cached(
            "INSERT INTO zerok_chunks (group_id, object_id, idx, envelope) VALUES ($1, $2, $3, $4)",
        )
        .await?;
    let count = tx
        .prepare_cached("UPDATE zerok_groups SET bytes_used = bytes_used + $2 WHERE group_id = $1")
        .await?;
    let needed = sql_int(needed);
    let (chunk_params, add_params, count_params): (
        [&Param<'_>; 4],
        [&Param<'_>; 4],
        [&Param<'_>; 2],
    ) = (
        [&g, &id, &idx, &envelope],
        [&g, &id, &needed, &expires],
        [&g, &needed],
    );
    tokio::try_join!(
        tx.execute(&insert, &chunk_params),
        tx.execute(&add, &add_params),
        tx.execute(&count, &count_params),
        tx.batch_execute("COMMIT")
    )?;
    Ok(false)
}

/// The commit's outcome and what to announce.
type Committed = (PushOutcome, Vec<(GroupId, u64)>);

async fn commit(
    tx: &Client,
    quota: u64,
    group: &GroupId,
    manifest: &NewBlob,
) -> Result<Committed, Failure> {
    let object_id = &manifest.blob_id;
    let mut locked = begin_locked(tx, &[(group, object_id)]).await?;
    let stored = load_object(tx, group, object_id)
        .await?
        .ok_or(StorageError::ObjectUnknown)?;
    if stored.committed.is_some() {
        // Committed before (an answer was lost): the original outcome, as for a push of a
        // blob_id already stored. The manifest stays until after its object is deleted.
        let (cursor, timestamp_ms) = locked.stored(group, object_id).ok_or_else(|| {
            StorageError::Backend("a committed object's manifest is missing".into())
        })?;
        release(tx).await?;
        let outcome = PushOutcome {
            cursor,
            duplicate: true,
            timestamp_ms,
        };
        return Ok((outcome, Vec::new()));
    }
    // From the primary key's index: the envelopes are not read.
    let present = tx
        .query_one(
            "SELECT count(*) FROM zerok_chunks WHERE group_id = $1 AND object_id = $2",
            &[&&group[..], &&object_id[..]],
        )
        .await?;
    let missing = stored
        .spec
        .chunk_count
        .saturating_sub(to_u64(present.get(0)));
    if missing > 0 {
        return Err(StorageError::ObjectIncomplete { missing }.into());
    }
    let mut insert = Inserts::default();
    let outcome = locked.assign(group, manifest, quota, super::now_ms(), &mut insert)?;
    if outcome.duplicate {
        // A plain blob took this id after the object began: its commit cannot be this.
        return Err(StorageError::ObjectMismatch.into());
    }
    let set = tx
        .prepare_cached(
            "UPDATE zerok_objects SET cursor = $3, expires_at_ms = $4
             WHERE group_id = $1 AND object_id = $2",
        )
        .await?;
    let (cursor, expires) = (sql_int(outcome.cursor), sql_int(manifest.expires_at_ms));
    let params: [&Param<'_>; 4] = [&&group[..], &&object_id[..], &cursor, &expires];
    let committed = write_and_commit(tx, &insert, &locked, Some((&set, &params))).await?;
    Ok((outcome, committed))
}

async fn abort(tx: &Client, group: &GroupId, object_id: &[u8; 16]) -> Result<(), Failure> {
    begin_locked(tx, &[(group, object_id)]).await?;
    match load_object(tx, group, object_id).await? {
        None => release(tx).await,
        Some(stored) if stored.committed.is_some() => Err(StorageError::ObjectMismatch.into()),
        Some(_) => {
            let expire = tx
                .prepare_cached(
                    "UPDATE zerok_objects SET expires_at_ms = 0
                     WHERE group_id = $1 AND object_id = $2",
                )
                .await?;
            let params: [&Param<'_>; 2] = [&&group[..], &&object_id[..]];
            tokio::try_join!(tx.execute(&expire, &params), tx.batch_execute("COMMIT"))?;
            Ok(())
        }
    }
}

/// The object's row and its stored chunk indexes as sorted half-open runs, in one statement
/// (one snapshot). The runs are found in SQL ("gaps and islands": within a run of consecutive
/// indexes, index minus rank is constant), so a 64 GiB object sends a few pairs, not 65,536
/// indexes; only the primary key's index is read.
pub(super) async fn state(
    client: &Client,
    group: &GroupId,
    object_id: &[u8; 16],
) -> Result<Option<ObjectState>, Failure> {
    let stmt = client
        .prepare_cached(concat!(
            "SELECT ",
            object_columns!(),
            ", r.starts, r.ends FROM zerok_objects o CROSS JOIN LATERAL (
                 SELECT COALESCE(array_agg(s ORDER BY s), '{}') AS starts,
                        COALESCE(array_agg(e ORDER BY s), '{}') AS ends
                 FROM (SELECT min(idx) AS s, max(idx) + 1 AS e
                       FROM (SELECT idx, idx - row_number() OVER (ORDER BY idx) AS run
                             FROM zerok_chunks c
                             WHERE c.group_id = o.group_id AND c.object_id = o.object_id) AS i
                       GROUP BY run) AS runs) AS r
             WHERE o.group_id = $1 AND o.object_id = $2"
        ))
        .await?;
    let Some(row) = client
        .query_opt(&stmt, &[&&group[..], &&object_id[..]])
        .await?
    else {
        return Ok(None);
    };
    let mut state = object_row(&row, *object_id)?;
    let (starts, ends): (Vec<i64>, Vec<i64>) = (row.get(7), row.get(8));
    state.stored = starts
        .into_iter()
        .zip(ends)
        .map(|(s, e)| (to_u64(s), to_u64(e)))
        .collect();
    Ok(Some(state))
}

/// Up to `limit` chunks of a committed object unexpired at `now`, from index `from`, in one
/// statement (one snapshot): no row at all means the object is not readable, one row without
/// an index that it has no chunk there.
pub(super) async fn chunks(
    client: &Client,
    group: &GroupId,
    object_id: &[u8; 16],
    from: u64,
    limit: u32,
    now: u64,
) -> Result<Vec<(u64, Vec<u8>)>, Failure> {
    let stmt = client
        .prepare_cached(
            "SELECT c.idx, c.envelope FROM zerok_objects o LEFT JOIN LATERAL (
                 SELECT idx, envelope FROM zerok_chunks
                 WHERE group_id = o.group_id AND object_id = o.object_id AND idx >= $3
                 ORDER BY idx LIMIT $4) AS c ON true
             WHERE o.group_id = $1 AND o.object_id = $2
               AND o.cursor IS NOT NULL AND o.expires_at_ms > $5
             ORDER BY c.idx",
        )
        .await?;
    let rows = client
        .query(
            &stmt,
            &[
                &&group[..],
                &&object_id[..],
                &sql_int(from),
                &i64::from(limit),
                &sql_int(now),
            ],
        )
        .await?;
    if rows.is_empty() {
        return Err(StorageError::ObjectUnknown.into());
    }
    Ok(rows
        .iter()
        .filter_map(|row| {
            let idx: Option<i64> = row.get(0);
            Some((to_u64(idx?), row.get(1)))
        })
        .collect())
}
