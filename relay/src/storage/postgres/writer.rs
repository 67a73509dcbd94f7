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

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use deadpool_postgres::Pool;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::super::{GroupId, NewBlob, PushOutcome, StorageError};
use super::error::{classify, is_retryable, pool as pool_error};
use super::notify;

/// Times a batch is run again after PostgreSQL rolled it back for a deadlock or a
/// serialization failure, before its pushes fail.
const RETRIES: usize = 3;

pub(super) struct Request {
    pub group: GroupId,
    pub blob: NewBlob,
    pub reply: oneshot::Sender<Result<PushOutcome, StorageError>>,
}

/// What a writer task needs; shared by the process's writer tasks.
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
        let mut attempt = 0;
        let result = loop {
            match self.try_commit(&batch).await {
                Err(Failure::Retry(e)) if attempt < RETRIES => {
                    attempt += 1;
                    tracing::debug!(error = %e, attempt, "push batch rolled back; running it again");
                }
                Err(Failure::Retry(e)) => break Err(classify(&e)),
                Err(Failure::Fatal(e)) => break Err(e),
                Ok(done) => break Ok(done),
            }
        };
        match result {
            Ok((answers, committed)) => {
                self.commits
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                crate::metrics::commit(batch.len(), started.elapsed());
                for (request, answer) in batch.into_iter().zip(answers) {
                    let _ = request.reply.send(answer);
                }
                if !committed.is_empty() {
                    tokio::spawn(notify::send(self.pool.clone(), self.node_id, committed));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, pushes = batch.len(), "push batch failed");
                for request in batch {
                    let _ = request.reply.send(Err(e.clone()));
                }
            }
        }
    }

    /// One transaction for the whole batch. Per-push refusals (quota) are answers, not
    /// failures. Returns the answers and each group's highest new cursor.
    async fn try_commit(&self, batch: &[Request]) -> Result<Committed, Failure> {
        let client = self
            .pool
            .get()
            .await
            .map_err(|e| Failure::Fatal(pool_error(e)))?;
        let result = self.transaction(&client, batch).await;
        if result.is_err() {
            // Ends a transaction the failure left open (a no-op after a pipelined COMMIT,
            // which PostgreSQL turns into a rollback once a statement before it failed), so
            // the connection goes back to the pool clean.
            let _ = client.batch_execute("ROLLBACK").await;
        }
        result
    }

    /// The batch's transaction in two round trips, statements pipelined (the server runs
    /// them in order): BEGIN, the counter-row lock and the duplicate check; then the blobs,
    /// the counters and COMMIT. Time spent holding the group rows is what limits one group's
    /// push rate, whichever node its pushes arrive at.
    async fn transaction(
        &self,
        tx: &deadpool_postgres::Client,
        batch: &[Request],
    ) -> Result<Committed, Failure> {
        let mut groups: Vec<&[u8]> = batch.iter().map(|r| &r.group[..]).collect();
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
        let keys_g: Vec<&[u8]> = batch.iter().map(|r| &r.group[..]).collect();
        let keys_id: Vec<&[u8]> = batch.iter().map(|r| &r.blob.blob_id[..]).collect();
        // The duplicate check runs after the lock is granted (READ COMMITTED: its snapshot
        // then holds every commit of the group so far).
        let (lock_params, find_params): ([&Param<'_>; 1], [&Param<'_>; 2]) =
            ([&groups], [&keys_g, &keys_id]);
        let ((), locked, found) = tokio::try_join!(
            tx.batch_execute("BEGIN"),
            tx.query(&lock, &lock_params),
            tx.query(&find, &find_params)
        )?;
        let mut counters: HashMap<GroupId, (u64, u64)> = HashMap::new();
        for row in locked {
            counters.insert(
                group_id(row.get(0))?,
                (to_u64(row.get(1)), to_u64(row.get(2))),
            );
        }

        let mut existing: HashMap<(GroupId, [u8; 16]), (u64, u64)> = HashMap::new();
        for row in found {
            let id: &[u8] = row.get(1);
            let id: [u8; 16] = id.try_into().map_err(|_| bad_row("blob_id"))?;
            existing.insert(
                (group_id(row.get(0))?, id),
                (to_u64(row.get(2)), to_u64(row.get(3))),
            );
        }

        let now = super::now_ms();
        let mut insert = Inserts::default();
        let mut answers = Vec::with_capacity(batch.len());
        for request in batch {
            let key = (request.group, request.blob.blob_id);
            if let Some(&(cursor, timestamp_ms)) = existing.get(&key) {
                answers.push(Ok(PushOutcome {
                    cursor,
                    duplicate: true,
                    timestamp_ms,
                }));
                continue;
            }
            let (last, used) = counters
                .get_mut(&request.group)
                .ok_or_else(|| bad_row("a group of the batch was not locked"))?;
            let needed = request.blob.envelope.len() as u64;
            if used.saturating_add(needed) > self.quota {
                answers.push(Err(StorageError::QuotaExceeded {
                    used: *used,
                    quota: self.quota,
                    needed,
                }));
                continue;
            }
            *last += 1;
            *used += needed;
            existing.insert(key, (*last, now));
            insert.add(&request.group, *last, &request.blob, now);
            answers.push(Ok(PushOutcome {
                cursor: *last,
                duplicate: false,
                timestamp_ms: now,
            }));
        }

        let mut committed = Vec::new();
        if !insert.cursors.is_empty() {
            let blobs = tx
                .prepare_cached(
                    "INSERT INTO zerok_blobs
                     (group_id, cursor, blob_id, origin, envelope, timestamp_ms, expires_at_ms)
                     SELECT * FROM unnest($1::bytea[], $2::int8[], $3::bytea[], $4::bytea[],
                                          $5::bytea[], $6::int8[], $7::int8[])",
                )
                .await?;
            let mut ids: Vec<&[u8]> = Vec::new();
            let mut lasts = Vec::new();
            let mut useds = Vec::new();
            for (group, &(last, used)) in &counters {
                ids.push(group);
                lasts.push(sql_int(last));
                useds.push(sql_int(used));
                committed.push((*group, last));
            }
            let set_counters = tx
                .prepare_cached(
                    "UPDATE zerok_groups AS g SET last_cursor = u.c, bytes_used = u.b
                     FROM unnest($1::bytea[], $2::int8[], $3::int8[]) AS u(id, c, b)
                     WHERE g.group_id = u.id",
                )
                .await?;
            // Pipelined too: the blobs and their counters in one round trip.
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
            tokio::try_join!(
                tx.execute(&blobs, &blob_params),
                tx.execute(&set_counters, &counter_params),
                tx.batch_execute("COMMIT")
            )?;
        } else {
            tx.batch_execute("COMMIT").await?;
        }
        // Only groups that gained a blob are announced.
        let touched: std::collections::HashSet<&GroupId> = insert.touched.iter().collect();
        committed.retain(|(g, _)| touched.contains(g));
        Ok((answers, committed))
    }
}

/// A statement parameter.
type Param<'a> = dyn tokio_postgres::types::ToSql + Sync + 'a;

type Committed = (Vec<Result<PushOutcome, StorageError>>, Vec<(GroupId, u64)>);

enum Failure {
    /// Rolled back by PostgreSQL for a deadlock or serialization failure.
    Retry(tokio_postgres::Error),
    Fatal(StorageError),
}

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Self {
        if is_retryable(&e) {
            crate::metrics::storage_event("retried");
            Failure::Retry(e)
        } else {
            Failure::Fatal(classify(&e))
        }
    }
}

/// Columns of the batch's new rows, as arrays for one `unnest` insert.
#[derive(Default)]
struct Inserts<'a> {
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

fn bad_row(what: &str) -> Failure {
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
