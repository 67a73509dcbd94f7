//! PostgreSQL backend: any number of relay processes on one database serve the same groups.
//!
//! Every guarantee of [`Storage`] holds across processes, because it rests on the database,
//! not on this process: a push batch locks its groups' counter rows (next cursor, bytes used)
//! until it commits ([`writer`]), so cursors start at 1, are gap-free, become visible in cursor
//! order, duplicates are found and quotas are exact whichever process pushes. Commits are
//! durable (`synchronous_commit = on`, set on every connection) and batched per process
//! (group commit). Other processes' commits arrive as [`CommitNotice`]s through LISTEN
//! ([`listener`]). A database that cannot be reached gives [`StorageError::Unavailable`];
//! the pool reconnects by itself once it is back.

mod error;
mod expire;
mod import;
mod listener;
mod notify;
mod objects;
mod schema;
mod writer;

#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_postgres::NoTls;
use tokio_util::sync::CancellationToken;

use super::{
    CommitNotice, GroupId, NewBlob, ObjectSpec, ObjectState, Page, PushOutcome, Storage,
    StorageError, StoredBlob,
};
use error::{classify, pool as pool_error, retrying};
use writer::{Request, Writer, to_u64};

pub use import::Importer;

/// Creates an empty database with a random `zerok_…` name on the server `server` names (a
/// URL whose user may create databases) and returns its URL. Test harnesses and benchmarks
/// give every test a database of its own with it, so they can run in parallel on one server.
pub async fn create_database(server: &str) -> Result<String, StorageError> {
    let (client, connection) = tokio_postgres::connect(server, NoTls)
        .await
        .map_err(|e| classify(&e))?;
    let connection = tokio::spawn(connection);
    let name = format!(
        "zerok_{}",
        hex::encode(zerok_core::crypto::random_bytes::<8>())
    );
    let created = client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await;
    drop(client);
    let _ = connection.await;
    created.map_err(|e| classify(&e))?;
    let (base, _) = server
        .rsplit_once('/')
        .ok_or_else(|| StorageError::Backend("the server URL names no database".into()))?;
    Ok(format!("{base}/{name}"))
}

/// Tuning for [`PostgresStorage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostgresConfig {
    /// Envelope bytes a group may hold; a push that would go over fails with
    /// [`StorageError::QuotaExceeded`].
    pub quota_bytes_per_group: u64,
    /// Most pushes committed in one transaction; 0 is treated as 1.
    pub max_batch: usize,
    /// Batches this process commits at once (each on its own connection). More than one lets
    /// batches of different groups overlap their commits.
    pub writers: usize,
    /// Connections in this process's pool (writers, pulls, expiry, notices); the LISTEN
    /// connection comes on top.
    pub pool_size: usize,
    /// How long a request waits to connect, or for a free connection, before it fails with
    /// [`StorageError::Unavailable`].
    pub connect_timeout: Duration,
}

impl Default for PostgresConfig {
    fn default() -> Self {
        Self {
            quota_bytes_per_group: 1 << 30,
            max_batch: 512,
            writers: 2,
            pool_size: 16,
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// [`Storage`] in a PostgreSQL database shared by any number of relay processes. Cheap to
/// clone; the writer tasks and the listener stop when the last clone is dropped (or, for the
/// writers, on [`Storage::close`]).
#[derive(Clone)]
pub struct PostgresStorage {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    pg_config: tokio_postgres::Config,
    cluster_id: [u8; 16],
    /// Random per process: tells this process's notices from other processes'.
    node_id: [u8; 16],
    /// `None` once closed; requests are sent under the lock, so none is queued after `close`.
    requests: Mutex<Option<mpsc::UnboundedSender<Request>>>,
    writer: Arc<Writer>,
    writers: Mutex<Vec<JoinHandle<()>>>,
    listener_stop: CancellationToken,
    /// Where the listener is started, once [`Storage::commit_notices`] is taken (until then
    /// nobody would read its notices).
    runtime: tokio::runtime::Handle,
    notices_taken: std::sync::atomic::AtomicBool,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.listener_stop.cancel();
    }
}

impl PostgresStorage {
    /// Connects to `url` (`postgres://user@host:port/dbname`), applies pending schema
    /// migrations (refusing a schema newer than this code knows), starts the writer tasks and
    /// the commit-notice listener. Must be called inside a tokio runtime.
    pub async fn connect(url: &str, config: PostgresConfig) -> Result<Self, StorageError> {
        let mut pg_config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StorageError::Backend(format!("bad PostgreSQL URL: {e}")))?;
        pg_config.connect_timeout(config.connect_timeout);
        // A push is acknowledged only once its commit is durable, whatever the server's default.
        pg_config.options("-c synchronous_commit=on");
        pg_config.application_name("zerok-relay");
        let manager = Manager::from_config(
            pg_config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(config.pool_size.max(config.writers + 1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(config.connect_timeout))
            .create_timeout(Some(config.connect_timeout))
            .recycle_timeout(Some(config.connect_timeout))
            .build()
            .map_err(|e| StorageError::Backend(format!("PostgreSQL pool: {e}")))?;
        let cluster_id = {
            let mut client = pool.get().await.map_err(pool_error)?;
            schema::migrate(&mut client).await?
        };
        let node_id: [u8; 16] = zerok_core::crypto::random_bytes();

        let (requests, queue) = mpsc::unbounded_channel();
        let writer = Arc::new(Writer {
            pool: pool.clone(),
            requests: tokio::sync::Mutex::new(queue),
            quota: config.quota_bytes_per_group,
            max_batch: config.max_batch.max(1),
            node_id,
            commits: 0.into(),
        });
        let writers = (0..config.writers.max(1))
            .map(|_| tokio::spawn(Arc::clone(&writer).run()))
            .collect();

        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                pg_config,
                cluster_id,
                node_id,
                requests: Mutex::new(Some(requests)),
                writer,
                writers: Mutex::new(writers),
                listener_stop: CancellationToken::new(),
                runtime: tokio::runtime::Handle::current(),
                notices_taken: false.into(),
            }),
        })
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, StorageError> {
        self.inner.pool.get().await.map_err(pool_error)
    }

    fn closed(&self) -> bool {
        lock(&self.inner.requests).is_none()
    }

    /// `Closed` once closed: object writes are refused then, as pushes are.
    fn open_for_writes(&self) -> Result<(), StorageError> {
        if self.closed() {
            return Err(StorageError::Closed);
        }
        Ok(())
    }

    /// The connection settings (for tools working on the same database, e.g. `migrate`).
    pub fn pg_config(&self) -> &tokio_postgres::Config {
        &self.inner.pg_config
    }

    /// Push transactions this process committed so far: fewer than its pushes when group
    /// commit batched them. For metrics and tests.
    pub fn commits(&self) -> u64 {
        self.inner
            .writer
            .commits
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// This process's random node id (in its commit notices).
    pub fn node_id(&self) -> [u8; 16] {
        self.inner.node_id
    }
}

impl Storage for PostgresStorage {
    async fn push(&self, group: GroupId, blob: NewBlob) -> Result<PushOutcome, StorageError> {
        let (reply, answer) = oneshot::channel();
        {
            let requests = lock(&self.inner.requests);
            let sender = requests.as_ref().ok_or(StorageError::Closed)?;
            sender
                .send(Request { group, blob, reply })
                .map_err(|_| StorageError::Closed)?;
        }
        answer
            .await
            .map_err(|_| StorageError::Backend("PostgreSQL writer task stopped".into()))?
    }

    async fn pull(
        &self,
        group: GroupId,
        after: u64,
        limit: u32,
        max_bytes: usize,
        now_ms: u64,
    ) -> Result<Page, StorageError> {
        // "Always at least one blob" wins over a zero limit, as it does over max_bytes.
        let limit = limit.max(1) as usize;
        let max_bytes = i64::try_from(max_bytes).unwrap_or(i64::MAX);
        let client = self.client().await?;
        // The byte limit is applied in the query, so envelopes past the page are not sent:
        // the row that ends the page comes without its envelope.
        let stmt = client
            .prepare_cached(
                "SELECT cursor, blob_id, origin, timestamp_ms, len,
                        CASE WHEN running <= $5 OR rn = 1 THEN envelope END
                 FROM (SELECT p.*, octet_length(envelope) AS len,
                              sum(octet_length(envelope)) OVER w AS running,
                              row_number() OVER w AS rn
                       FROM (SELECT cursor, blob_id, origin, timestamp_ms, envelope
                             FROM zerok_blobs
                             WHERE group_id = $1 AND cursor > $2 AND expires_at_ms > $3
                             ORDER BY cursor LIMIT $4) AS p
                       WINDOW w AS (ORDER BY cursor)) AS t
                 WHERE running - len <= $5 OR rn <= 2
                 ORDER BY cursor",
            )
            .await
            .map_err(|e| classify(&e))?;
        let rows = client
            .query(
                &stmt,
                &[
                    &&group[..],
                    &writer::sql_int(after),
                    &writer::sql_int(now_ms),
                    &(limit as i64 + 1),
                    &max_bytes,
                ],
            )
            .await
            .map_err(|e| classify(&e))?;
        let mut blobs = Vec::new();
        let mut bytes = 0i64;
        for row in rows {
            let len = i64::from(row.get::<_, i32>(4));
            if blobs.len() == limit || (bytes.saturating_add(len) > max_bytes && !blobs.is_empty())
            {
                return Ok(Page {
                    blobs,
                    has_more: true,
                });
            }
            bytes = bytes.saturating_add(len);
            let envelope: Option<Vec<u8>> = row.get(5);
            let bad = || StorageError::Backend("unexpected row from the database".into());
            blobs.push(StoredBlob {
                cursor: to_u64(row.get(0)),
                blob_id: row.get::<_, &[u8]>(1).try_into().map_err(|_| bad())?,
                origin: row.get::<_, &[u8]>(2).try_into().map_err(|_| bad())?,
                timestamp_ms: to_u64(row.get(3)),
                envelope: envelope.ok_or_else(bad)?,
            });
        }
        Ok(Page {
            blobs,
            has_more: false,
        })
    }

    async fn latest_cursor(&self, group: GroupId) -> Result<u64, StorageError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached("SELECT last_cursor FROM zerok_groups WHERE group_id = $1")
            .await
            .map_err(|e| classify(&e))?;
        let row = client
            .query_opt(&stmt, &[&&group[..]])
            .await
            .map_err(|e| classify(&e))?;
        Ok(row.map_or(0, |row| to_u64(row.get(0))))
    }

    async fn expire(&self, now_ms: u64) -> Result<u64, StorageError> {
        if self.closed() {
            return Err(StorageError::Closed);
        }
        expire::run(&self.inner.pool, now_ms).await
    }

    async fn object_begin(
        &self,
        group: GroupId,
        spec: ObjectSpec,
        staging_expires_at_ms: u64,
    ) -> Result<ObjectState, StorageError> {
        self.open_for_writes()?;
        self.inner
            .writer
            .begin_object(group, spec, staging_expires_at_ms)
            .await?;
        // Read after the commit, as SQLite does: the answer is as of that read, so it may
        // already include chunks stored since; an object deleted in between is gone.
        self.object_state(group, spec.object_id)
            .await?
            .ok_or(StorageError::ObjectUnknown)
    }

    async fn put_chunk(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        index: u64,
        envelope: Vec<u8>,
        staging_expires_at_ms: u64,
    ) -> Result<bool, StorageError> {
        self.open_for_writes()?;
        self.inner
            .writer
            .put_chunk(group, object_id, index, &envelope, staging_expires_at_ms)
            .await
    }

    async fn commit_object(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        manifest: NewBlob,
    ) -> Result<PushOutcome, StorageError> {
        self.open_for_writes()?;
        self.inner
            .writer
            .commit_object(group, object_id, &manifest)
            .await
    }

    /// Marks the object expired in one transaction, then deletes it as expiry would, a few
    /// hundred chunks per transaction. Should this be interrupted, the next expiry run (of
    /// any process) finishes the deletion.
    async fn abort_object(&self, group: GroupId, object_id: [u8; 16]) -> Result<(), StorageError> {
        self.open_for_writes()?;
        self.inner.writer.abort_object(group, object_id).await?;
        expire::objects(&self.inner.pool, 0).await.map(drop)
    }

    async fn object_state(
        &self,
        group: GroupId,
        object_id: [u8; 16],
    ) -> Result<Option<ObjectState>, StorageError> {
        retrying(|| async { objects::state(&self.client().await?, &group, &object_id).await }).await
    }

    async fn chunks(
        &self,
        group: GroupId,
        object_id: [u8; 16],
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, Vec<u8>)>, StorageError> {
        let now = now_ms();
        retrying(|| async {
            let client = self.client().await?;
            objects::chunks(&client, &group, &object_id, from, limit, now).await
        })
        .await
    }

    async fn close(&self) {
        let sender = lock(&self.inner.requests).take();
        drop(sender);
        // The writers answer what is queued, then end: the channel is closed and empty.
        let writers: Vec<_> = lock(&self.inner.writers).drain(..).collect();
        for writer in writers {
            let _ = writer.await;
        }
    }

    async fn ping(&self) -> Result<(), StorageError> {
        let client = self.client().await?;
        client
            .simple_query("SELECT 1")
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }

    fn cluster_id(&self) -> Option<[u8; 16]> {
        Some(self.inner.cluster_id)
    }

    fn commit_notices(&self) -> Option<mpsc::UnboundedReceiver<CommitNotice>> {
        if self
            .inner
            .notices_taken
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return None;
        }
        let (notices, receiver) = mpsc::unbounded_channel();
        self.inner.runtime.spawn(listener::run(
            self.inner.pg_config.clone(),
            self.inner.node_id,
            notices,
            self.inner.listener_stop.clone(),
        ));
        Some(receiver)
    }
}

/// A poisoned lock here guards only an `Option` or a list of handles, which a panic cannot
/// leave half-updated.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
