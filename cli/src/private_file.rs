//! Files that hold secrets (a device's group secret, a relay's identity key).

use std::{io::Write, path::Path};

/// Writes `contents` to `path` readable by the owner only, durably and atomically: a 0600
/// temp file is written and synced, then renamed over `path`. A crash leaves either the old
/// file or the new one, and a replaced file never keeps looser permissions.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("writing {}: {e}", path.display());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp).map_err(fail)?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
