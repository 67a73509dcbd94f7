//! How blobs are shown on a terminal.

use std::path::Path;

use zerok_core::SyncBlob;

/// One line per blob: cursor, id, size and a printable preview.
pub fn line(blob: &SyncBlob) -> String {
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

/// Shows a blob, or saves its payload as `<dir>/<cursor>-<blob id>.bin`.
pub fn emit(blob: &SyncBlob, out: Option<&Path>) -> Result<(), String> {
    if let Some(dir) = out {
        let path = dir.join(format!("{}-{}.bin", blob.cursor, hex::encode(blob.blob_id)));
        std::fs::write(&path, &blob.payload)
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    println!("{}", line(blob));
    Ok(())
}
