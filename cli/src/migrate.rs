//! `zerok migrate --from relay.db --to postgres://…`: moves a relay from SQLite to PostgreSQL.
//!
//! Copies every group's counter (its latest cursor, even past expired blobs, and its used
//! bytes), every stored blob (cursor, blob id, origin, timestamp, expiry, envelope) and every
//! large object (staging or committed, with its expiry and every chunk) into an empty
//! PostgreSQL database in one transaction, so devices carry on from their cursors on the
//! new relay. Stop the SQLite relay first; a non-empty target is refused.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use zerok_relay::storage::{PostgresConfig, PostgresStorage, SqliteExport, Storage, StorageError};

use crate::relay_storage::{is_postgres_url, redact};

/// Blobs (objects, chunks) per insert statement, and envelope bytes: bounds memory whatever
/// the blob and chunk sizes.
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

    let (groups, objects, expected) = tokio::task::block_in_place(|| {
        Ok::<_, StorageError>((source.groups()?, source.objects()?, source.counts()?))
    })
    .map_err(|e| e.to_string())?;
    for page in groups.chunks(PAGE_BLOBS) {
        importer.groups(page).await.map_err(|e| e.to_string())?;
    }
    // Before their chunks, which refer to them.
    for page in objects.chunks(PAGE_BLOBS) {
        importer.objects(page).await.map_err(|e| e.to_string())?;
    }

    let progress = ProgressBar::new(expected.bytes).with_style(
        ProgressStyle::with_template(
            "{bar:40} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta} left)",
        )
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
        progress.inc(page.iter().map(|b| b.envelope.len() as u64).sum());
    }
    let mut after = None;
    loop {
        let page =
            tokio::task::block_in_place(|| source.chunks_after(after, PAGE_BLOBS, PAGE_BYTES))
                .map_err(|e| e.to_string())?;
        let Some(last) = page.last() else { break };
        after = Some((last.group_id, last.object_id, last.index));
        importer.chunks(&page).await.map_err(|e| e.to_string())?;
        progress.inc(page.iter().map(|c| c.envelope.len() as u64).sum());
    }
    progress.finish_and_clear();

    let copied = importer.counts().await.map_err(|e| e.to_string())?;
    if copied != expected {
        return Err(format!(
            "copy incomplete ({copied:?} arrived of {expected:?}); nothing was committed"
        ));
    }
    importer.commit().await.map_err(|e| e.to_string())?;
    target.close().await;
    eprintln!(
        "copied {} groups and {} blobs, {} objects ({} chunks) from {} into {}",
        expected.groups,
        expected.blobs,
        expected.objects,
        expected.chunks,
        args.from.display(),
        redact(&args.to)
    );
    Ok(())
}
