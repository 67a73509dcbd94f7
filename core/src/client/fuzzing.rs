//! The loaders of the files a device keeps, for the fuzz targets (`crate::fuzzing`): they
//! are private otherwise, and a file left by a crash, a full disk or another program must
//! give an error, never a panic or an allocation beyond the file's size.

use std::path::Path;

use super::{outbox::Outbox, state::State};
use crate::Result;

/// Loads the device state at `path` for `group_id`.
pub fn load_state(path: &Path, group_id: &[u8; 32]) -> Result<()> {
    State::load(Some(path), group_id).map(drop)
}

/// Opens the outbox at `path` and reads every waiting blob back, as the sender would; the
/// number of blobs it read.
pub async fn read_outbox(path: &Path, group_id: [u8; 32]) -> Result<usize> {
    let outbox = Outbox::open(Some(path), group_id, u64::MAX)?;
    let mut read = 0;
    while let Some(entry) = outbox.front() {
        outbox.load(entry.seq).await?;
        outbox.remove(entry.seq).await?;
        read += 1;
    }
    Ok(read)
}
