//! Which PostgreSQL failures mean "the database cannot be reached now" (a device retries) and
//! which are real faults. Messages carry PostgreSQL's text only, never a query's parameters
//! (they hold ciphertext and group ids).

use deadpool_postgres::PoolError;
use tokio_postgres::error::SqlState;

use super::super::StorageError;

/// Maps a client error. Lost or refused connections and a server shutting down or starting
/// up are [`StorageError::Unavailable`]: nothing was acknowledged, and the pool reconnects
/// once the server is back.
pub(super) fn classify(e: &tokio_postgres::Error) -> StorageError {
    counted(if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let message = format!("{} ({code})", db.message());
        if code.starts_with("08") // connection exception
            || code.starts_with("57P") // admin/crash shutdown, cannot connect now
            || db.code() == &SqlState::TOO_MANY_CONNECTIONS
        {
            StorageError::Unavailable(message)
        } else if db.code() == &SqlState::DISK_FULL {
            StorageError::Full(message)
        } else {
            StorageError::Backend(message)
        }
    } else if e.is_closed() || has_io_source(e) {
        StorageError::Unavailable(with_sources(e))
    } else {
        StorageError::Backend(with_sources(e))
    })
}

/// "error connecting to server: Connection refused (os error 111)": the client's own text
/// names only the kind of failure, its sources say what happened.
fn with_sources(e: &tokio_postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// Maps a pool checkout failure: a timeout means no connection could be made or freed in time.
pub(super) fn pool(e: PoolError) -> StorageError {
    match e {
        PoolError::Backend(e) => classify(&e),
        PoolError::Timeout(kind) => counted(StorageError::Unavailable(format!(
            "no database connection in time ({kind:?})"
        ))),
        PoolError::Closed => StorageError::Closed,
        other => counted(StorageError::Backend(other.to_string())),
    }
}

/// `e`, counted in the relay's storage error metric.
fn counted(e: StorageError) -> StorageError {
    crate::metrics::storage_error(&e);
    e
}

/// A deadlock or serialization failure: PostgreSQL rolled the transaction back and it may
/// simply be run again.
pub(super) fn is_retryable(e: &tokio_postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(&SqlState::T_R_DEADLOCK_DETECTED | &SqlState::T_R_SERIALIZATION_FAILURE)
    )
}

fn has_io_source(e: &tokio_postgres::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// Times a transaction is run again after PostgreSQL rolled it back for a deadlock or a
/// serialization failure, before it fails.
const RETRIES: usize = 3;

/// Why one attempt at a transaction ended without committing.
pub(super) enum Failure {
    /// Rolled back by PostgreSQL for a deadlock or serialization failure: run it again.
    Retry(tokio_postgres::Error),
    /// A fault, or a refusal (quota, a mismatched object): the answer.
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

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Self {
        Failure::Fatal(e)
    }
}

/// Runs `attempt` (one transaction) again while PostgreSQL rolls it back for a deadlock or a
/// serialization failure, up to [`RETRIES`] times: the one retry rule of pushes, object
/// writes and expiry.
pub(super) async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T, StorageError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Failure>>,
{
    let mut retries = 0;
    loop {
        match attempt().await {
            Err(Failure::Retry(e)) if retries < RETRIES => {
                retries += 1;
                tracing::debug!(error = %e, retries, "transaction rolled back; running it again");
            }
            Err(Failure::Retry(e)) => return Err(classify(&e)),
            Err(Failure::Fatal(e)) => return Err(e),
            Ok(done) => return Ok(done),
        }
    }
}

/// `result` of a transaction begun on `client` with a plain `BEGIN`. On failure, ends the
/// transaction the failure left open (a no-op after a pipelined COMMIT, which PostgreSQL turns
/// into a rollback once a statement before it failed), so the connection goes back to the
/// pool clean.
pub(super) async fn rolled_back_on_error<T>(
    client: &tokio_postgres::Client,
    result: Result<T, Failure>,
) -> Result<T, Failure> {
    if result.is_err() {
        let _ = client.batch_execute("ROLLBACK").await;
    }
    result
}
