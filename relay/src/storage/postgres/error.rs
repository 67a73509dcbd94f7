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
