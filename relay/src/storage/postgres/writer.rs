//! Group commit: pushes queued while a transaction commits go into the next one together, so
//! N concurrent pushes cost one durable commit (one WAL flush) instead of N.
//!
//! A batch locks the counter rows of its groups, creating missing ones, in one statement and
//! in group-id order; every process does the same, so two processes' batches never wait on
//! each other in a cycle. Holding a group's row until commit is what makes its cursors
//! gap-free and visible in cursor order: the next batch for that group, from any process, gets
//! the row (and the next cursor) only after this one is committed and visible. The same lock
//! makes the duplicate check and the quota exact across processes.
//!
//! A batch whose transaction fails answers every push in it with the error (nothing of it
//! was committed); a device retries, and a retry of a push that did commit (the connection
//! broke during COMMIT) comes back as a duplicate with its original cursor.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use deadpool_postgres::{Client, Pool};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::super::{GroupId, NewBlob, PushOutcome, StorageError};
use super::error::{Failure, pool as pool_error, retrying, rolled_back_on_error};
use super::notify;

pub(super) struct Request {
    pub group: GroupId,
    pub blob: NewBlob,
    pub reply: oneshot::Sender<Result<PushOutcome, StorageError>>,
}

/// What a writer task needs; shared by the process's writer tasks (and by the object writes
/// in [`super::objects`], which commit manifests exactly as pushes).
pub(super) struct Writer {
    pub pool: Pool,
    pub requests: Mutex<mpsc::UnboundedReceiver<Request>>,
    pub quota: u64,
    pub max_batch: usize,
    pub node_id: [u8; 16],
    /// Transactions committed so far (see [`super::PostgresStorage::commits`]).
    pub commits: std::sync::atomic::AtomicU64,
}

impl Writer {
    /// Takes one batch at a time off the shared queue until every sender is gone and the
    /// queue is empty. Several tasks may run this; each commits its own batches.
    pub(super) async fn run(self: Arc<Self>) {
        loop {
            let batch = {
                let mut requests = self.requests.lock().await;
                let Some(first) = requests.recv().await else {
                    return;
                };
                let mut batch = vec![first];
                while batch.len() < self.max_batch.max(1) {
                    match requests.try_recv() {
                        Ok(request) => batch.push(request),
                        Err(_) => break,
                    }
                }
                batch
            };
            self.commit(batch).await;
        }
    }

    async fn commit(&self, batch: Vec<Request>) {
        let started = Instant::now();
        let result = retrying(|| async {
            let client = self.client().await?;
            let result = self.transaction(&client, &batch).await;
            rolled_back_on_error(&client, result).await
        })
        .await;
        match result {
            Ok((answers, committed)) => {
                self.commits
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                crate::metrics::commit(batch.len(), started.elapsed());
                for (request, answer) in batch.into_iter().zip(answers) {
                    let _ = request.reply.send(answer);
                }
                self.announce(committed);
            }
            Err(e) => {
                tracing::warn!(error = %e, pushes = batch.len(), "push batch failed");
                for request in batch {
                    let _ = request.reply.send(Err(e.clone()));
                }
            }
        }
    }

    /// A connection of the pool for one transaction.
    pub(super) async fn client(&self) -> Result<Client, Failure> {
        self.pool
            .get()
            .await
            .map_err(|e| Failure::Fatal(pool_error(e)))
    }

    /// Tells other processes about `committed` (each group's highest new cursor), after the
    /// commit and outside its transaction (see [`notify`]).
    pub(super) fn announce(&self, committed: Vec<(GroupId, u64)>) {
        if !committed.is_empty() {
            tokio::spawn(notify::send(self.pool.clone(), self.node_id, committed));
        }
    }

    /// One transaction for the whole batch, in two round trips: [`begin_locked`], then
    /// [`write_and_commit`]. Per-push refusals (quota) are answers, not failures. Returns the
    /// answers and each group's highest new cursor. Time spent holding the group rows is what
    /// limits one group's push rate, whichever node its pushes arrive at.
    async fn transaction(&self, tx: &Client, batch: &[Request]) -> Result<Committed, Failure> {
        let keys: Vec<_> = batch.iter().map(|r| (&r.group, &r.blob.blob_id)).collect();
        let mut locked = begin_locked(tx, &keys).await?;
        let now = super::now_ms();
        let mut insert = Inserts::default();
        let answers = batch
            .iter()
            .map(|r| locked.assign(&r.group, &r.blob, self.quota, now, &mut insert))
            .collect();
        let committed = write_and_commit(tx, &insert, &locked, None).await?;
        Ok((answers, committed))
    }
}

/// The counter rows a transaction holds locked, and the log's blobs it looked up.
pub(super) struct Locked {
    /// `(last_cursor, bytes_used)` per locked group, as the transaction will leave them.
    pub counters: HashMap<GroupId, (u64, u64)>,
    /// `(cursor, timestamp_ms)` of the blobs stored under the keys asked for, and of those
    /// assigned since in this transaction.
    existing: HashMap<(GroupId, [u8; 16]), (u64, u64)>,
}

impl Locked {
    /// The cursor and commit time of a blob the log holds under `blob_id` (or took in this
    /// transaction), if any.
    pub fn stored(&self, group: &GroupId, blob_id: &[u8; 16]) -> Option<(u64, u64)> {
        self.existing.get(&(*group, *blob_id)).copied()
    }

    /// Bytes the group counts against its quota now.
    pub fn used(&self, group: &GroupId) -> u64 {
        self.counters.get(group).map_or(0, |&(_, used)| used)
    }

    /// What a push of `blob` into `group` does in this transaction: a duplicate's original
    /// outcome, a quota refusal, or the next cursor (the row added to `insert`, the counters
    /// updated here).
    pub fn assign<'a>(
        &mut self,
        group: &'a GroupId,
        blob: &'a NewBlob,
        quota: u64,
        now: u64,
        insert: &mut Inserts<'a>,
    ) -> Result<PushOutcome, StorageError> {
        let key = (*group, blob.blob_id);
        if let Some(&(cursor, timestamp_ms)) = self.existing.get(&key) {
            return Ok(PushOutcome {
                cursor,
                duplicate: true,
                timestamp_ms,
            });
        }
        let (last, used) = self.counters.get_mut(group).ok_or_else(|| {
            StorageError::Backend("a group of the transaction was not locked".into())
        })?;
        let needed = blob.envelope.len() as u64;
        fits(quota, *used, needed)?;
        *last += 1;
        *used += needed;
        self.existing.insert(key, (*last, now));
        insert.add(group, *last, blob, now);
        Ok(PushOutcome {
            cursor: *last,
            duplicate: false,
            timestamp_ms: now,
        })
    }
}

/// Whether `needed` more bytes fit a group's `quota` with `used` already taken: the one rule
/// for blobs, chunks and whole objects.
pub(super) fn fits(quota: u64, used: u64, needed: u64) -> Result<(), StorageError> {
    if used.saturating_add(needed) > quota {
        return Err(StorageError::QuotaExceeded {
            used,
            quota,
            needed,
        });
    }
    Ok(())
}

/// BEGIN, the lock on the counter rows of the keys' groups (created if missing, locked in
/// group-id order as every transaction that takes several does, so none wait on each other in
/// a cycle) and the look-up of the keys' blobs, pipelined in one round trip (the server runs
/// them in order). The look-up runs after the lock is granted (READ COMMITTED: its snapshot
/// then holds every commit of those groups so far), so it is exact.
pub(super) async fn begin_locked(
    tx: &Client,
    keys: &[(&GroupId, &[u8; 16])],
) -> Result<Locked, Failure> {
    let mut groups: Vec<&[u8]> = keys.iter().map(|(g, _)| &g[..]).collect();
    groups.sort_unstable();
    groups.dedup();
    let lock = tx
        .prepare_cached(
            "INSERT INTO zerok_groups (group_id, last_cursor, bytes_used)
             SELECT g, 0, 0 FROM unnest($1::bytea[]) AS g ORDER BY g
             ON CONFLICT (group_id) DO UPDATE SET last_cursor = zerok_groups.last_cursor
             RETURNING group_id, last_cursor, bytes_used",
        )
        .await?;
    let find = tx
        .prepare_cached(
            "SELECT b.group_id, b.blob_id, b.cursor, b.timestamp_ms FROM zerok_blobs b
             JOIN unnest($1::bytea[], $2::bytea[]) AS k(g, id)
               ON b.group_id = k.g AND b.blob_id = k.id",
        )
        .await?;
    let keys_g: Vec<&[u8]> = keys.iter().map(|(g, _)| &g[..]).collect();
    let keys_id: Vec<&[u8]> = keys.iter().map(|(_, id)| &id[..]).collect();
    let (lock_params, find_params): ([&Param<'_>; 1], [&Param<'_>; 2]) =
        ([&groups], [&keys_g, &keys_id]);
    let ((), locked, found) = tokio::try_join!(
        tx.batch_execute("BEGIN"),
        tx.query(&lock, &lock_params),
        tx.query(&find, &find_params)
    )?;
    let mut counters = HashMap::new();
    for row in locked {
        counters.insert(
            group_id(row.get(0))?,
            (to_u64(row.get(1)), to_u64(row.get(2))),
        );
    }
    let mut existing = HashMap::new();
    for row in found {
        let id: &[u8] = row.get(1);
        let id: [u8; 16] = id.try_into().map_err(|_| bad_row("blob_id"))?;
        existing.insert(
            (group_id(row.get(0))?, id),
            (to_u64(row.get(2)), to_u64(row.get(3))),
        );
    }
    Ok(Locked { counters, existing })
}

/// The transaction's new blobs and its groups' counters, then `also` (a statement of the
/// caller's, run after them), then COMMIT, pipelined in one round trip; only COMMIT if no blob
/// was added. Returns each group that gained a blob with its highest cursor.
pub(super) async fn write_and_commit(
    tx: &Client,
    insert: &Inserts<'_>,
    locked: &Locked,
    also: Option<(&tokio_postgres::Statement, &[&Param<'_>])>,
) -> Result<Vec<(GroupId, u64)>, Failure> {
    if insert.cursors.is_empty() {
        tx.batch_execute("COMMIT").await?;
        return Ok(Vec::new());
    }
    let blobs = tx
        .prepare_cached(
            "INSERT INTO zerok_blobs
             (group_id, cursor, blob_id, origin, envelope, timestamp_ms, expires_at_ms)
             SELECT * FROM unnest($1::bytea[], $2::int8[], $3::bytea[], $4::bytea[],
                                  $5::bytea[], $6::int8[], $7::int8[])",
        )
        .await?;
    let set_counters = tx
        .prepare_cached(
            "UPDATE zerok_groups AS g SET last_cursor = u.c, bytes_used = u.b
             FROM unnest($1::bytea[], $2::int8[], $3::int8[]) AS u(id, c, b)
             WHERE g.group_id = u.id",
        )
        .await?;
    let mut ids: Vec<&[u8]> = Vec::new();
    let mut lasts = Vec::new();
    let mut useds = Vec::new();
    for (group, &(last, used)) in &locked.counters {
        ids.push(group);
        lasts.push(sql_int(last));
        useds.push(sql_int(used));
    }
    let blob_params: [&Param<'_>; 7] = [
        &insert.groups,
        &insert.cursors,
        &insert.blob_ids,
        &insert.origins,
        &insert.envelopes,
        &insert.timestamps,
        &insert.expiries,
    ];
    let counter_params: [&Param<'_>; 3] = [&ids, &lasts, &useds];
    // An async block sends its statement when first polled, after the two before it.
    let also = async {
        match also {
            Some((statement, params)) => tx.execute(statement, params).await.map(drop),
            None => Ok(()),
        }
    };
    tokio::try_join!(
        tx.execute(&blobs, &blob_params),
        tx.execute(&set_counters, &counter_params),
        also,
        tx.batch_execute("COMMIT")
    )?;
    // Only groups that gained a blob are announced.
    let touched: HashSet<&GroupId> = insert.touched.iter().collect();
    Ok(locked
        .counters
        .iter()
        .filter(|(g, _)| touched.contains(g))
        .map(|(g, &(last, _))| (*g, last))
        .collect())
}

/// A statement parameter.
pub(super) type Param<'a> = dyn tokio_postgres::types::ToSql + Sync + 'a;

type Committed = (Vec<Result<PushOutcome, StorageError>>, Vec<(GroupId, u64)>);

/// Columns of the batch's new rows, as arrays for one `unnest` insert.
#[derive(Default)]
pub(super) struct Inserts<'a> {
    groups: Vec<&'a [u8]>,
    cursors: Vec<i64>,
    blob_ids: Vec<&'a [u8]>,
    origins: Vec<&'a [u8]>,
    envelopes: Vec<&'a [u8]>,
    timestamps: Vec<i64>,
    expiries: Vec<i64>,
    touched: Vec<GroupId>,
}

impl<'a> Inserts<'a> {
    fn add(&mut self, group: &'a GroupId, cursor: u64, blob: &'a NewBlob, now: u64) {
        self.groups.push(group);
        self.cursors.push(sql_int(cursor));
        self.blob_ids.push(&blob.blob_id);
        self.origins.push(&blob.origin);
        self.envelopes.push(&blob.envelope);
        self.timestamps.push(sql_int(now));
        self.expiries.push(sql_int(blob.expires_at_ms));
        self.touched.push(*group);
    }
}

fn group_id(bytes: &[u8]) -> Result<GroupId, Failure> {
    bytes.try_into().map_err(|_| bad_row("group_id"))
}

pub(super) fn bad_row(what: &str) -> Failure {
    Failure::Fatal(StorageError::Backend(format!(
        "unexpected row from the database: {what}"
    )))
}

/// PostgreSQL integers are i64; larger inputs only come from "far future" expiries, for which
/// `i64::MAX` means the same.
pub(super) fn sql_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Stored values are never negative (this code writes none).
pub(super) fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
