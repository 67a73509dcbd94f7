//! Files as objects on a terminal: `zerok push FILE` of a file larger than a blob carries, and
//! `zerok pull/watch --out DIR` of objects, each with a progress bar (bytes, rate, ETA) that
//! Ctrl-C stops cleanly (the transfer is cancelled: nothing half-done is left as complete).

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use zerok_core::{IrohTransport, ObjectInfo, SyncBlob, SyncClient, Transfer};

type Client = SyncClient<IrohTransport>;

/// Pushes the file at `path` as an object, showing its progress; prints where it landed.
pub async fn push_file(client: &Client, path: &Path) -> Result<(), String> {
    let transfer = client.push_file(path).await.map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let pushed = show(&transfer, &name).await?;
    println!(
        "pushed object {} {name} ({} bytes) at cursor {}",
        hex::encode(pushed.object_id),
        pushed.size,
        pushed.cursor
    );
    Ok(())
}

/// Downloads `object` (of `blob`) into `dir`, under the name it was pushed with (its base
/// name only) or `<cursor>-<id>.bin`, showing its progress.
pub async fn save(
    client: &Client,
    blob: &SyncBlob,
    object: &ObjectInfo,
    dir: &Path,
) -> Result<PathBuf, String> {
    let name = object
        .name
        .as_deref()
        .and_then(|n| Path::new(n).file_name())
        .map_or_else(
            || format!("{}-{}.bin", blob.cursor, hex::encode(blob.blob_id)).into(),
            PathBuf::from,
        );
    let dest = dir.join(name);
    let transfer = client.download(object, &dest).map_err(|e| e.to_string())?;
    show(&transfer, &dest.display().to_string()).await?;
    Ok(dest)
}

/// Shows `transfer`'s progress until it ends; Ctrl-C cancels it.
async fn show<R: Clone + Send + Sync + 'static>(
    transfer: &Transfer<R>,
    what: &str,
) -> Result<R, String> {
    let total = transfer.progress().bytes_total;
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(
            "{spinner} {msg} {bytes}/{total_bytes} [{bar:30}] {bytes_per_sec} eta {eta}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    let progress = async {
        while let Some(p) = transfer.next_progress().await {
            bar.set_position(p.bytes_done);
        }
    };
    let interrupted = crate::interrupted();
    tokio::select! {
        _ = progress => {}
        _ = interrupted => transfer.cancel(),
    }
    let result = transfer.wait().await.map_err(|e| format!("{what}: {e}"));
    match &result {
        Ok(_) => bar.finish(),
        Err(_) => bar.abandon(),
    }
    result
}
