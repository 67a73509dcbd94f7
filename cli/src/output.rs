//! How blobs are shown on a terminal.

use std::path::Path;

use zerok_core::{IrohTransport, SyncBlob, SyncClient};

/// One line per blob: cursor, id, size and a printable preview; for an object, its name and
/// size.
pub fn line(blob: &SyncBlob) -> String {
    if let Some(object) = &blob.object {
        return format!(
            "#{} {} object {} {} bytes",
            blob.cursor,
            hex::encode(blob.blob_id),
            object
                .name
                .as_deref()
                .unwrap_or("(unnamed)")
                .escape_default(),
            object.size
        );
    }
    let preview: String = String::from_utf8_lossy(&blob.payload)
        .chars()
        .take(60)
        .flat_map(char::escape_default)
        .collect();
    format!(
        "#{} {} {} bytes: {preview}",
        blob.cursor,
        hex::encode(blob.blob_id),
        blob.payload.len()
    )
}

/// Shows a blob, and with `out` saves its payload as `<dir>/<cursor>-<blob id>.bin`, or
/// downloads an object into `dir` (with a progress bar).
pub async fn emit(
    client: &SyncClient<IrohTransport>,
    blob: &SyncBlob,
    out: Option<&Path>,
) -> Result<(), String> {
    if let (Some(dir), Some(object)) = (out, &blob.object) {
        crate::transfer::save(client, blob, object, dir).await?;
    } else if let Some(dir) = out {
        let path = dir.join(format!("{}-{}.bin", blob.cursor, hex::encode(blob.blob_id)));
        std::fs::write(&path, &blob.payload)
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    println!("{}", line(blob));
    Ok(())
}
