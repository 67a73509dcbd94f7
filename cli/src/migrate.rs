//! `zerok migrate --from relay.db --to postgres://…`: moves a relay from SQLite to PostgreSQL.
//!
//! Copies every group's counter (its latest cursor, even past expired blobs, and its used
//! bytes) and every stored blob (cursor, blob id, origin, timestamp, expiry, envelope) into an
//! empty PostgreSQL database in one transaction, so devices carry on from their cursors on the
//! new relay. Stop the SQLite relay first; a non-empty target is refused.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use zerok_relay::storage::{PostgresConfig, PostgresStorage, SqliteExport, Storage};

use crate::relay_storage::{is_postgres_url, redact};

/// Blobs per insert statement, and envelope bytes: bounds memory whatever the blob sizes.
const PAGE_BLOBS: usize = 1000;
const PAGE_BYTES: usize = 16 << 20;

#[derive(clap::Args)]
pub struct Args {
    /// The SQLite relay database to copy from (opened read-only).
    #[arg(long)]
    from: PathBuf,
    /// The PostgreSQL database to copy into (`postgres://user@host:port/dbname`); its schema
    /// is created if missing, and it must hold no relay data yet.
    #[arg(long)]
    to: String,
}

pub async fn run(args: Args) -> Result<(), String> {
    if !is_postgres_url(&args.to) {
        return Err(format!(
            "--to must be a postgres:// or postgresql:// URL, not {}",
            redact(&args.to)
        ));
    }
    let source = SqliteExport::open(&args.from).map_err(|e| e.to_string())?;
    let target = PostgresStorage::connect(&args.to, PostgresConfig::default())
        .await
        .map_err(|e| format!("opening {}: {e}", redact(&args.to)))?;
    let importer = target.import().await.map_err(|e| e.to_string())?;

    let (groups, total) = tokio::task::block_in_place(|| {
        Ok::<_, zerok_relay::storage::StorageError>((source.groups()?, source.blob_count()?))
    })
    .map_err(|e| e.to_string())?;
    for chunk in groups.chunks(PAGE_BLOBS) {
        importer.groups(chunk).await.map_err(|e| e.to_string())?;
    }

    let progress = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} blobs ({eta} left)")
            .expect("progress template"),
    );
    let mut after = None;
    loop {
        let page =
            tokio::task::block_in_place(|| source.blobs_after(after, PAGE_BLOBS, PAGE_BYTES))
                .map_err(|e| e.to_string())?;
        let Some(last) = page.last() else { break };
        after = Some((last.group_id, last.cursor));
        importer.blobs(&page).await.map_err(|e| e.to_string())?;
        progress.inc(page.len() as u64);
    }
    progress.finish_and_clear();

    let counts = importer.counts().await.map_err(|e| e.to_string())?;
    if counts != (groups.len() as u64, total) {
        return Err(format!(
            "copy incomplete ({} groups and {} blobs arrived of {} and {}); nothing was committed",
            counts.0,
            counts.1,
            groups.len(),
            total
        ));
    }
    importer.commit().await.map_err(|e| e.to_string())?;
    target.close().await;
    eprintln!(
        "copied {} groups and {total} blobs from {} into {}",
        groups.len(),
        args.from.display(),
        redact(&args.to)
    );
    Ok(())
}
