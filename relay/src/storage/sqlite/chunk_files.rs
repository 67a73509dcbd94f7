//! The chunk envelopes of large objects, in files beside the database: `<db>-chunks/` holds a
//! file per object, `<group hex>-<object hex>`, with chunk `i` at offset `i × chunk_bytes`
//! (every chunk but the last has that length). The `chunks` table keeps one row per stored
//! chunk, the index that says which of them are there.
//!
//! Why not in rows: in WAL mode SQLite writes every byte of a row twice, once into the WAL and
//! once more when a checkpoint copies it into the database file, with a checksum over each WAL
//! frame, and reads it back from the WAL to do so. For the bytes of a large transfer that was
//! about half the relay's CPU: measured here, a 1 GiB `zerok push` through a relay took 4.0 s
//! with chunks in rows, 2.9 s with the same bytes written once into a file and synced per
//! chunk, and 2.6 s storing nothing (relay and devices share two cores).
//!
//! Durability: the writer thread writes a batch's chunks, syncs their files (and the
//! directory, when it created a file), and only then commits the rows that say they are
//! stored, so a row is never ahead of its bytes. A crash in between leaves bytes no row
//! claims, which a retried chunk overwrites. An object's file is removed after the commit that
//! deleted the object; a file left by a crash in between is removed when the relay next opens
//! the database ([`ChunkFiles::sweep`]).

use std::{
    collections::HashMap,
    fs::{self, File, OpenOptions},
    io,
    os::unix::fs::FileExt,
    path::{Path, PathBuf},
};

use crate::storage::ObjectSpec;

/// The directory of chunk files of the database at `db`.
pub(super) fn dir_of(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_owned();
    name.push("-chunks");
    db.with_file_name(name)
}

pub(super) struct ChunkFiles {
    dir: PathBuf,
}

/// Files written since the last [`ChunkFiles::sync`], kept open so each is synced once.
#[derive(Default)]
pub(super) struct Unsynced {
    files: HashMap<PathBuf, File>,
    /// A file was created: its directory entry must be synced too.
    created: bool,
}

impl ChunkFiles {
    /// The chunk files of the database at `db`, creating their directory if missing.
    pub fn open(db: &Path) -> io::Result<Self> {
        let dir = dir_of(db);
        if !dir.is_dir() {
            fs::create_dir_all(&dir)?;
            // The new directory's own entry, in the database's directory ("" for a database
            // named relative to the working directory).
            let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
            sync_dir(parent.unwrap_or(Path::new(".")))?;
        }
        Ok(Self { dir })
    }

    /// The chunk files of the database at `db`, for reading only (nothing is created).
    pub fn at(db: &Path) -> Self {
        Self { dir: dir_of(db) }
    }

    fn path(&self, group: &[u8], object_id: &[u8]) -> PathBuf {
        self.dir
            .join(format!("{}-{}", hex::encode(group), hex::encode(object_id)))
    }

    /// Writes chunk `index` of `spec`'s object; durable after the next [`Self::sync`] of
    /// `unsynced`.
    pub fn write(
        &self,
        group: &[u8],
        spec: &ObjectSpec,
        index: u64,
        envelope: &[u8],
        unsynced: &mut Unsynced,
    ) -> io::Result<()> {
        let (offset, _) = place(spec, index)?;
        let path = self.path(group, &spec.object_id);
        if !unsynced.files.contains_key(&path) {
            let created = !path.exists();
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            unsynced.created |= created;
            unsynced.files.insert(path.clone(), file);
        }
        unsynced.files[&path].write_all_at(envelope, offset)
    }

    /// Makes everything written through `unsynced` durable.
    pub fn sync(&self, unsynced: Unsynced) -> io::Result<()> {
        for file in unsynced.files.values() {
            file.sync_data()?;
        }
        if unsynced.created {
            sync_dir(&self.dir)?;
        }
        Ok(())
    }

    /// Reads chunk `index` of `spec`'s object.
    pub fn read(&self, group: &[u8], spec: &ObjectSpec, index: u64) -> io::Result<Vec<u8>> {
        let (offset, len) = place(spec, index)?;
        let file = File::open(self.path(group, &spec.object_id))?;
        let mut envelope = vec![0; len];
        file.read_exact_at(&mut envelope, offset)?;
        Ok(envelope)
    }

    /// Removes the object's file, if there is one.
    pub fn remove(&self, group: &[u8], object_id: &[u8]) -> io::Result<()> {
        match fs::remove_file(self.path(group, object_id)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the files of objects `exists` does not know (left by a crash between an
    /// object's deletion and its file's), and anything else that is not a chunk file.
    pub fn sweep(
        &self,
        mut exists: impl FnMut(&[u8], &[u8]) -> io::Result<bool>,
    ) -> io::Result<u64> {
        let mut removed = 0;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let ids = name
                .to_str()
                .and_then(|n| n.split_once('-'))
                .and_then(|(g, o)| Some((hex::decode(g).ok()?, hex::decode(o).ok()?)))
                .filter(|(g, o)| g.len() == 32 && o.len() == 16);
            let keep = match ids {
                Some((group, object_id)) => exists(&group, &object_id)?,
                None => false,
            };
            if !keep && entry.file_type()?.is_file() {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Where chunk `index` lies in its object's file: its offset and length.
fn place(spec: &ObjectSpec, index: u64) -> io::Result<(u64, usize)> {
    let len = spec.chunk_len(index).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("chunk {index} of {}", spec.chunk_count),
        )
    })?;
    Ok((index * u64::from(spec.chunk_bytes), len as usize))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
