//! Reading a relay's SQLite file out whole, for `zerok migrate`: every group's counter, every
//! stored blob (expired ones not yet deleted included, since they still count against the
//! quota) in (group, cursor) order, every large object and its chunks in (group, object,
//! index) order; blobs and chunks a page at a time so memory stays bounded.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{SCHEMA_VERSION, backend, chunk_files::ChunkFiles, get_u64, object_row};
use crate::storage::{
    BlobRecord, ChunkRecord, Counts, GroupId, GroupRecord, ObjectRecord, StorageError,
};

/// A read-only view of a relay's SQLite file. Opening it with a relay running on the same file
/// is safe (WAL readers see one committed snapshot per statement), but stop the relay first
/// for a copy that stays current.
pub struct SqliteExport {
    conn: Connection,
    /// Version 1 files have no object tables.
    objects: bool,
    /// Where chunk envelopes are: in the rows (version 2), else in these files.
    chunk_files: Option<ChunkFiles>,
}

impl SqliteExport {
    /// Opens `path` read-only; refuses a file that is not a relay database of a schema
    /// version this code knows.
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let context = |e: rusqlite::Error| backend(format!("{}: {e}", path.display()));
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(context)?;
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(context)?;
        // Version 1 lacks the object tables; version 2 keeps chunk envelopes in their rows.
        if !(1..=SCHEMA_VERSION).contains(&version) {
            return Err(backend(format!(
                "{}: not a relay database of schema version 1 to {SCHEMA_VERSION} (found \
                 {version})",
                path.display()
            )));
        }
        Ok(Self {
            conn,
            objects: version >= 2,
            chunk_files: (version >= 3).then(|| ChunkFiles::at(path)),
        })
    }

    /// Every group's counter.
    pub fn groups(&self) -> Result<Vec<GroupRecord>, StorageError> {
        let mut stmt = self
            .conn
            .prepare("SELECT group_id, last_cursor, bytes_used FROM groups ORDER BY group_id")
            .map_err(backend)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(GroupRecord {
                    group_id: row.get(0)?,
                    last_cursor: get_u64(row, 1)?,
                    bytes_used: get_u64(row, 2)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    /// How many groups, blobs, objects and chunks the file holds, and their envelope bytes
    /// (`length()` of a blob reads its record header, not its pages).
    pub fn counts(&self) -> Result<Counts, StorageError> {
        let count = |sql: &str| {
            self.conn
                .query_row(sql, [], |row| get_u64(row, 0))
                .map_err(backend)
        };
        let mut counts = Counts {
            groups: count("SELECT count(*) FROM groups")?,
            blobs: count("SELECT count(*) FROM blobs")?,
            bytes: count("SELECT COALESCE(sum(length(envelope)), 0) FROM blobs")?,
            ..Counts::default()
        };
        if self.objects {
            counts.objects = count("SELECT count(*) FROM objects")?;
            counts.chunks = count("SELECT count(*) FROM chunks")?;
            counts.bytes += count("SELECT COALESCE(sum(bytes_stored), 0) FROM objects")?;
        }
        Ok(counts)
    }

    /// Every object (a row each, without chunks: small enough to hold at once).
    pub fn objects(&self) -> Result<Vec<ObjectRecord>, StorageError> {
        if !self.objects {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(concat!(
                "SELECT ",
                object_columns!(),
                ", group_id, object_id FROM objects ORDER BY group_id, object_id"
            ))
            .map_err(backend)?;
        let rows = stmt
            .query_map([], |row| {
                let state = object_row(row, row.get(8)?)?;
                Ok(ObjectRecord {
                    group_id: row.get(7)?,
                    spec: state.spec,
                    bytes_stored: state.bytes_stored,
                    cursor: state.committed,
                    expires_at_ms: state.expires_at_ms,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    /// Up to `limit` chunks after `after` (group, object, index; `None` for the start), in
    /// that order, stopping once `max_bytes` of envelopes are read (but always at least one
    /// chunk). An empty page means the end.
    pub fn chunks_after(
        &self,
        after: Option<(GroupId, [u8; 16], u64)>,
        limit: usize,
        max_bytes: usize,
    ) -> Result<Vec<ChunkRecord>, StorageError> {
        if !self.objects {
            return Ok(Vec::new());
        }
        let (group, object, index) = after.map_or((Vec::new(), Vec::new(), -1), |(g, o, i)| {
            (g.to_vec(), o.to_vec(), i64::try_from(i).unwrap_or(i64::MAX))
        });
        // Version 2 rows hold their envelope; later ones are read from the chunk files.
        let envelope = match self.chunk_files {
            None => ", c.envelope",
            Some(_) => "",
        };
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {}, c.group_id, c.object_id, c.idx{envelope} FROM chunks c
                 JOIN objects o ON o.group_id = c.group_id AND o.object_id = c.object_id
                 WHERE (c.group_id, c.object_id, c.idx) > (?1, ?2, ?3)
                 ORDER BY c.group_id, c.object_id, c.idx LIMIT ?4",
                object_columns!()
            ))
            .map_err(backend)?;
        let rows = stmt
            .query((group, object, index, limit as i64))
            .map_err(backend)?;
        // Rows first (a page's worth), then the bytes of those whose envelope is in a file.
        let located = page(rows, max_bytes, |row| {
            let spec = object_row(row, row.get(8)?)?.spec;
            let index = get_u64(row, 9)?;
            let record = ChunkRecord {
                group_id: row.get(7)?,
                object_id: spec.object_id,
                index,
                envelope: match self.chunk_files {
                    None => row.get(10)?,
                    Some(_) => Vec::new(),
                },
            };
            let len = match self.chunk_files {
                None => record.envelope.len(),
                Some(_) => spec.chunk_len(index).map_or(0, |len| len as usize),
            };
            Ok((len, (record, spec)))
        })?;
        located
            .into_iter()
            .map(|(mut record, spec)| {
                if let Some(files) = &self.chunk_files {
                    record.envelope = files
                        .read(&record.group_id, &spec, record.index)
                        .map_err(|e| backend(format!("reading a chunk file: {e}")))?;
                }
                Ok(record)
            })
            .collect()
    }

    /// Up to `limit` blobs after `after` (a group and cursor; `None` for the start), in
    /// (group, cursor) order, stopping once `max_bytes` of envelopes are read (but always at
    /// least one blob). An empty page means the end.
    pub fn blobs_after(
        &self,
        after: Option<(GroupId, u64)>,
        limit: usize,
        max_bytes: usize,
    ) -> Result<Vec<BlobRecord>, StorageError> {
        let (group, cursor) = after.map_or((Vec::new(), -1), |(g, c)| {
            (g.to_vec(), i64::try_from(c).unwrap_or(i64::MAX))
        });
        let mut stmt = self
            .conn
            .prepare(
                "SELECT group_id, cursor, blob_id, origin, timestamp_ms, expires_at_ms, envelope
                 FROM blobs WHERE (group_id, cursor) > (?1, ?2)
                 ORDER BY group_id, cursor LIMIT ?3",
            )
            .map_err(backend)?;
        let rows = stmt.query((group, cursor, limit as i64)).map_err(backend)?;
        page(rows, max_bytes, |row| {
            let record = BlobRecord {
                group_id: row.get(0)?,
                cursor: get_u64(row, 1)?,
                blob_id: row.get(2)?,
                origin: row.get(3)?,
                timestamp_ms: get_u64(row, 4)?,
                expires_at_ms: get_u64(row, 5)?,
                envelope: row.get(6)?,
            };
            Ok((record.envelope.len(), record))
        })
    }

    /// The counter of one group, if it exists (for checks after a copy).
    pub fn group(&self, group: GroupId) -> Result<Option<GroupRecord>, StorageError> {
        self.conn
            .query_row(
                "SELECT last_cursor, bytes_used FROM groups WHERE group_id = ?1",
                [group],
                |row| {
                    Ok(GroupRecord {
                        group_id: group,
                        last_cursor: get_u64(row, 0)?,
                        bytes_used: get_u64(row, 1)?,
                    })
                },
            )
            .optional()
            .map_err(backend)
    }
}

/// The records of `rows` (each with its envelope's length) until `max_bytes` of envelopes are
/// read, but always at least one.
fn page<T>(
    mut rows: rusqlite::Rows<'_>,
    max_bytes: usize,
    record: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<(usize, T)>,
) -> Result<Vec<T>, StorageError> {
    let mut page = Vec::new();
    let mut bytes = 0usize;
    while let Some(row) = rows.next().map_err(backend)? {
        let (len, record) = record(row).map_err(backend)?;
        bytes = bytes.saturating_add(len);
        page.push(record);
        if bytes >= max_bytes {
            break;
        }
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use tempfile::TempDir;

    use super::*;
    use crate::storage::contract_tests::{NEVER, blob};
    use crate::storage::{SqliteConfig, SqliteStorage, Storage};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn pages_through_every_blob_in_group_and_cursor_order() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("relay.db");
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        let groups: [GroupId; 3] = [[3; 32], [1; 32], [2; 32]];
        for (g, group) in groups.iter().enumerate() {
            for i in 0..5u16 {
                s.push(
                    *group,
                    blob(g as u16 * 10 + i, 10 * usize::from(i + 1), 5_000),
                )
                .await
                .unwrap();
            }
        }
        s.push(groups[0], blob(99, 1, NEVER)).await.unwrap();
        assert_eq!(s.expire(5_000).await.unwrap(), 15);
        drop(s);

        let export = SqliteExport::open(&path).unwrap();
        let counters = export.groups().unwrap();
        assert_eq!(
            counters,
            vec![
                GroupRecord {
                    group_id: [1; 32],
                    last_cursor: 5,
                    bytes_used: 0
                },
                GroupRecord {
                    group_id: [2; 32],
                    last_cursor: 5,
                    bytes_used: 0
                },
                GroupRecord {
                    group_id: [3; 32],
                    last_cursor: 6,
                    bytes_used: 1
                },
            ]
        );
        assert_eq!(
            export.counts().unwrap(),
            Counts {
                groups: 3,
                blobs: 1,
                objects: 0,
                chunks: 0,
                bytes: 1
            }
        );
        assert_eq!(export.group([3; 32]).unwrap(), Some(counters[2]));
        assert_eq!(export.group([9; 32]).unwrap(), None);
        drop(export);

        // Unswept blobs too, paged by count and by bytes.
        let s = SqliteStorage::open(&path, SqliteConfig::default()).unwrap();
        for i in 0..7u16 {
            s.push([1; 32], blob(100 + i, 40, 1)).await.unwrap();
        }
        drop(s);
        let export = SqliteExport::open(&path).unwrap();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = export.blobs_after(after, 3, 70).unwrap();
            let Some(last) = page.last() else { break };
            assert!(
                page.len() <= 2,
                "70 bytes end a page at the second 40-byte blob"
            );
            after = Some((last.group_id, last.cursor));
            seen.extend(
                page.into_iter()
                    .map(|b| (b.group_id[0], b.cursor, b.envelope.len())),
            );
        }
        let mut expected: Vec<_> = (6..=12).map(|c| (1u8, c, 40)).collect();
        expected.push((3, 6, 1));
        assert_eq!(seen, expected);
        let whole = export.blobs_after(None, 100, usize::MAX).unwrap();
        assert_eq!(whole.len(), 8);
        assert_eq!(whole[0].expires_at_ms, 1);
        assert_eq!(whole[7].expires_at_ms, i64::MAX as u64);
    }

    #[test]
    fn refuses_a_file_that_is_not_a_relay_database() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let Err(StorageError::Backend(message)) = SqliteExport::open(&path) else {
            panic!("opened a file that is not a relay database");
        };
        assert!(message.contains("not a relay database"), "{message}");
    }
}
