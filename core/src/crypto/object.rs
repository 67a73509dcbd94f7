//! Large objects: a byte stream of any size, sealed as chunks plus one manifest.
//!
//! An object's bytes are padded to a size bucket (the blob rule, [`padded_stream_len`], applied
//! to the whole stream) and cut into chunks of [`CHUNK_SIZE`], the last one shorter. Each chunk is
//! sealed as an envelope of its own whose associated data binds the group, the object id, the
//! chunk's index and the chunk count, so a relay cannot alter, reorder, drop, duplicate,
//! truncate or splice chunks (of another object or group) without the device noticing. The
//! manifest (size, BLAKE3 hash of the bytes, chunk size and count, a file name) is sealed like a
//! blob under a label of its own and is the one entry of the group's log that other devices
//! see; small objects travel inside it ([`Manifest::inline`]). Format: `core/PROTOCOL.md`,
//! "Large objects"; known answers: `tests/vectors/objects.json`.

use serde::{Deserialize, Serialize};

use super::envelope::{
    BlobId, ENVELOPE_OVERHEAD, EnvelopeKind, HEADER_LEN, NONCE_LEN, TAG_LEN, associated_data,
    check_kind, open_padded, seal_padded, tampered,
};
use super::{GroupKeys, padding::padded_stream_len, random_bytes};
use crate::{Error, Result};

/// Plaintext bytes per chunk that this client writes: large enough that per-request costs
/// (a stream, a frame, a row) are small against the bytes, small enough that a few chunks in
/// flight bound memory and a broken transfer repeats at most one. Readers take any power of
/// two from [`MIN_CHUNK_SIZE`] to [`MAX_CHUNK_SIZE`] (the manifest says which).
pub const CHUNK_SIZE: u32 = 1 << 20;
pub const MIN_CHUNK_SIZE: u32 = 64 << 10;
pub const MAX_CHUNK_SIZE: u32 = 8 << 20;
/// The manifest format this client writes and reads.
pub const MANIFEST_FORMAT: u8 = 2;
/// The longest file name a manifest carries, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 255;

const LABEL_CHUNK_AD: &[u8] = b"0k-sync/v1/chunk";
const LABEL_MANIFEST_AD: &[u8] = b"0k-sync/v1/manifest";

/// How an object of `size` bytes is cut into chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObjectLayout {
    /// The object's bytes.
    pub size: u64,
    pub chunk_size: u32,
    /// The padded stream: `size` bytes of data, then zeros.
    pub stream_len: u64,
    pub chunk_count: u64,
}

impl ObjectLayout {
    /// The layout of `size` bytes in chunks of `chunk_size` (a power of two within
    /// [`MIN_CHUNK_SIZE`]..=[`MAX_CHUNK_SIZE`]).
    pub fn new(size: u64, chunk_size: u32) -> Result<Self> {
        if !chunk_size.is_power_of_two() || !(MIN_CHUNK_SIZE..=MAX_CHUNK_SIZE).contains(&chunk_size)
        {
            return Err(Error::Protocol(format!(
                "chunk size {chunk_size} is not a power of two from {MIN_CHUNK_SIZE} to {MAX_CHUNK_SIZE}"
            )));
        }
        let stream_len = padded_stream_len(size);
        Ok(Self {
            size,
            chunk_size,
            stream_len,
            chunk_count: stream_len.div_ceil(u64::from(chunk_size)),
        })
    }

    /// Where chunk `index` lies in the padded stream.
    pub fn chunk_range(&self, index: u64) -> std::ops::Range<u64> {
        let start = index * u64::from(self.chunk_size);
        start..(start + u64::from(self.chunk_size)).min(self.stream_len)
    }

    /// How many of the object's bytes (not padding) chunk `index` holds.
    pub fn data_len(&self, index: u64) -> usize {
        let range = self.chunk_range(index);
        (range.end.min(self.size).saturating_sub(range.start)) as usize
    }

    /// The size of chunk `index`'s envelope, which the relay checks on upload.
    pub fn envelope_len(&self, index: u64) -> usize {
        let range = self.chunk_range(index);
        (range.end - range.start) as usize + ENVELOPE_OVERHEAD
    }

    /// Every chunk's envelope, what the relay stores for the whole object.
    pub fn stored_bytes(&self) -> u64 {
        self.stream_len + self.chunk_count * ENVELOPE_OVERHEAD as u64
    }
}

/// A chunk's associated data: group and object, and `index ‖ count` (its place).
fn chunk_ad(keys: &GroupKeys, object_id: &BlobId, layout: &ObjectLayout, index: u64) -> Vec<u8> {
    let mut position = [0u8; 16];
    position[..8].copy_from_slice(&index.to_be_bytes());
    position[8..].copy_from_slice(&layout.chunk_count.to_be_bytes());
    associated_data(
        LABEL_CHUNK_AD,
        EnvelopeKind::Chunk,
        keys,
        object_id,
        &position,
    )
}

/// Chunk `index` of an object on its way to being sealed: a buffer of the envelope's size,
/// into which the object's bytes are read where they will be encrypted (the padding zeros
/// after them), so that no byte is copied between the file and the wire.
pub struct ChunkBuf {
    envelope: Vec<u8>,
    index: u64,
    data_len: usize,
}

impl ChunkBuf {
    pub fn new(layout: &ObjectLayout, index: u64) -> Self {
        assert!(
            index < layout.chunk_count,
            "chunk {index} of {}",
            layout.chunk_count
        );
        Self {
            envelope: vec![0; layout.envelope_len(index)],
            index,
            data_len: layout.data_len(index),
        }
    }

    /// The object's bytes in this chunk ([`ObjectLayout::data_len`] of them).
    pub fn data(&self) -> &[u8] {
        &self.envelope[self.data_range()]
    }

    /// Where the object's bytes lie in the envelope: after the header.
    fn data_range(&self) -> std::ops::Range<usize> {
        HEADER_LEN..HEADER_LEN + self.data_len
    }

    /// This chunk of object `object_id`, sealed: its envelope.
    pub fn seal(self, keys: &GroupKeys, object_id: &BlobId, layout: &ObjectLayout) -> Vec<u8> {
        self.seal_with_nonce(keys, object_id, layout, &random_bytes())
    }

    /// [`ChunkBuf::seal`] with a caller-chosen nonce ([`seal_chunk_with_nonce`]: vectors).
    fn seal_with_nonce(
        mut self,
        keys: &GroupKeys,
        object_id: &BlobId,
        layout: &ObjectLayout,
        nonce: &[u8; NONCE_LEN],
    ) -> Vec<u8> {
        assert_eq!(
            self.envelope.len(),
            layout.envelope_len(self.index),
            "a buffer for chunk {} of this layout",
            self.index
        );
        let ad = chunk_ad(keys, object_id, layout, self.index);
        let (header, rest) = self.envelope.split_at_mut(HEADER_LEN);
        let (body, tag) = rest.split_at_mut(rest.len() - TAG_LEN);
        header[0] = EnvelopeKind::Chunk as u8;
        header[1..].copy_from_slice(nonce);
        tag.copy_from_slice(&keys.chunk_cipher().seal(nonce, &ad, body));
        self.envelope
    }
}

/// Where the object's bytes are read into.
impl AsMut<[u8]> for ChunkBuf {
    fn as_mut(&mut self) -> &mut [u8] {
        let range = self.data_range();
        &mut self.envelope[range]
    }
}

/// Seals chunk `index` of object `object_id` from `data`, the object's bytes in it, with a
/// caller-chosen nonce. Only for known-answer vectors.
pub fn seal_chunk_with_nonce(
    keys: &GroupKeys,
    object_id: &BlobId,
    layout: &ObjectLayout,
    index: u64,
    data: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let mut chunk = ChunkBuf::new(layout, index);
    chunk.as_mut().copy_from_slice(data);
    chunk.seal_with_nonce(keys, object_id, layout, nonce)
}

/// The object's bytes in one opened chunk, left where decryption put them in the envelope's
/// buffer: moving them to its front would copy every byte of a download once more.
pub struct ChunkData {
    buffer: Vec<u8>,
    data: std::ops::Range<usize>,
}

impl std::ops::Deref for ChunkData {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.buffer[self.data.clone()]
    }
}

impl From<Vec<u8>> for ChunkData {
    fn from(buffer: Vec<u8>) -> Self {
        Self {
            data: 0..buffer.len(),
            buffer,
        }
    }
}

/// Authenticates and decrypts chunk `index` of object `object_id`; returns the object's bytes
/// in it (padding removed). Any change, or a chunk of another index, object, group or count,
/// is [`Error::Tampered`].
pub fn open_chunk(
    keys: &GroupKeys,
    object_id: &BlobId,
    layout: &ObjectLayout,
    index: u64,
    envelope: Vec<u8>,
) -> Result<ChunkData> {
    if index >= layout.chunk_count || envelope.len() != layout.envelope_len(index) {
        return Err(tampered(object_id));
    }
    check_kind(EnvelopeKind::Chunk, object_id, &envelope)?;
    let ad = chunk_ad(keys, object_id, layout, index);
    let mut envelope = envelope;
    let (header, rest) = envelope.split_at_mut(HEADER_LEN);
    let (body, tag) = rest.split_at_mut(rest.len() - TAG_LEN);
    let nonce: &[u8; NONCE_LEN] = header[1..].try_into().expect("the header's nonce");
    let tag: &[u8; TAG_LEN] = (&*tag).try_into().expect("a tag");
    keys.chunk_cipher()
        .open(nonce, &ad, body, tag)
        .map_err(|_| tampered(object_id))?;
    Ok(ChunkData {
        buffer: envelope,
        data: HEADER_LEN..HEADER_LEN + layout.data_len(index),
    })
}

/// What other devices learn of an object, sealed as its manifest: enough to fetch, verify and
/// name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`]; a reader refuses others (another version of the client wrote them).
    pub format: u8,
    /// The object's bytes.
    pub size: u64,
    /// BLAKE3 hash of the object's bytes, checked after the last chunk: what a user compares
    /// with `b3sum`, and a last check that the chunks make the object that was pushed (a
    /// resumed upload of a file that changed meanwhile does not). BLAKE3, not SHA-256: see
    /// core/PROTOCOL.md, "Large objects".
    pub blake3: [u8; 32],
    /// Chunk size and count; both 0 for an object carried in [`Manifest::inline`].
    pub chunk_size: u32,
    pub chunk_count: u64,
    /// The base name of the file it was pushed from, if any (at most [`MAX_NAME_BYTES`]).
    pub name: Option<String>,
    /// The object's bytes when small enough to travel inside the manifest; empty otherwise.
    #[serde(with = "serde_bytes")]
    pub inline: Vec<u8>,
}

impl Manifest {
    /// The layout of a chunked object; `None` for an inline one.
    pub fn layout(&self) -> Result<Option<ObjectLayout>> {
        if self.chunk_count == 0 {
            return Ok(None);
        }
        ObjectLayout::new(self.size, self.chunk_size).map(Some)
    }

    /// Refuses a manifest no honest client writes: an unknown format, counts that do not
    /// match the size, an inline object of another size, an overlong name.
    fn check(&self, object_id: &BlobId) -> Result<()> {
        let bad = |why: &str| {
            Err(Error::Protocol(format!(
                "manifest {}: {why}",
                hex::encode(object_id)
            )))
        };
        if self.format != MANIFEST_FORMAT {
            return bad(&format!(
                "format {} (this client reads format {MANIFEST_FORMAT})",
                self.format
            ));
        }
        if self.name.as_ref().is_some_and(|n| n.len() > MAX_NAME_BYTES) {
            return bad("file name too long");
        }
        match self.layout()? {
            None if self.inline.len() as u64 != self.size || self.chunk_size != 0 => {
                bad("inline bytes do not match its size")
            }
            Some(layout) if layout.chunk_count != self.chunk_count || !self.inline.is_empty() => {
                bad("chunk count does not match its size")
            }
            _ => Ok(()),
        }
    }
}

fn manifest_ad(keys: &GroupKeys, object_id: &BlobId) -> Vec<u8> {
    associated_data(
        LABEL_MANIFEST_AD,
        EnvelopeKind::Manifest,
        keys,
        object_id,
        &[],
    )
}

/// Seals `manifest` as the log entry of object `object_id` (its blob id in the log).
pub fn seal_manifest(keys: &GroupKeys, object_id: &BlobId, manifest: &Manifest) -> Vec<u8> {
    seal_manifest_with_nonce(keys, object_id, manifest, &random_bytes())
}

/// [`seal_manifest`] with a caller-chosen nonce. Only for known-answer vectors.
pub fn seal_manifest_with_nonce(
    keys: &GroupKeys,
    object_id: &BlobId,
    manifest: &Manifest,
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let plaintext = postcard::to_allocvec(manifest).expect("a manifest serializes");
    seal_padded(
        EnvelopeKind::Manifest,
        &manifest_ad(keys, object_id),
        keys,
        &plaintext,
        nonce,
    )
}

/// Authenticates, decrypts and checks a manifest.
pub fn open_manifest(keys: &GroupKeys, object_id: &BlobId, envelope: Vec<u8>) -> Result<Manifest> {
    let plaintext = open_padded(
        EnvelopeKind::Manifest,
        &manifest_ad(keys, object_id),
        keys,
        object_id,
        envelope,
    )?;
    let manifest: Manifest = postcard::from_bytes(&plaintext)
        .map_err(|e| Error::Protocol(format!("manifest {}: {e}", hex::encode(object_id))))?;
    manifest.check(object_id)?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GroupSecret;
    use crate::crypto::padding::padded_len;

    fn keys(b: u8) -> GroupKeys {
        GroupKeys::derive(&GroupSecret::from_bytes([b; 32]))
    }

    fn layout(size: u64) -> ObjectLayout {
        ObjectLayout::new(size, CHUNK_SIZE).unwrap()
    }

    #[test]
    fn layouts_at_the_edges() {
        const MIB: u64 = 1 << 20;
        // (size, chunk count, bytes of the last chunk)
        for (size, count, last) in [
            (0, 1, 256),
            (MIB, 1, MIB),
            (MIB + 1, 2, 32 << 10),
            (64 * MIB + 1, 66, MIB),
            (1 << 30, 1024, MIB),
            ((1 << 30) + 1, 1056, MIB),
        ] {
            let l = layout(size);
            assert_eq!(l.chunk_count, count, "{size}");
            assert_eq!(
                l.envelope_len(count - 1) - ENVELOPE_OVERHEAD,
                last as usize,
                "{size}"
            );
            assert_eq!(l.stream_len, padded_stream_len(size), "{size}");
            let data: u64 = (0..count).map(|i| l.data_len(i) as u64).sum();
            assert_eq!(data, size, "{size}: every byte in exactly one chunk");
            let stored: u64 = (0..count).map(|i| l.envelope_len(i) as u64).sum();
            assert_eq!(stored, l.stored_bytes(), "{size}");
        }
        // The blob's buckets, without the length prefix.
        assert_eq!(layout(5000).stream_len, padded_len(4996) as u64);
        assert!(ObjectLayout::new(1, 3 << 20).is_err());
        assert!(ObjectLayout::new(1, 32 << 10).is_err());
    }

    #[test]
    fn chunks_round_trip_and_bind_their_place() {
        let k = keys(1);
        let l = ObjectLayout::new(200_000, MIN_CHUNK_SIZE).unwrap();
        assert_eq!(l.chunk_count, 4);
        let data: Vec<u8> = (0..l.size).map(|i| (i * 7) as u8).collect();
        let mut chunks = Vec::new();
        for i in 0..l.chunk_count {
            let at = (i * u64::from(l.chunk_size)) as usize;
            let piece = &data[at..at + l.data_len(i)];
            let mut chunk = ChunkBuf::new(&l, i);
            chunk.as_mut().copy_from_slice(piece);
            let env = chunk.seal(&k, &[9; 16], &l);
            assert_eq!(env.len(), l.envelope_len(i));
            assert_eq!(
                &*open_chunk(&k, &[9; 16], &l, i, env.clone()).unwrap(),
                piece
            );
            chunks.push(env);
        }
        let tampered = |r: Result<ChunkData>| matches!(r, Err(Error::Tampered { .. }));
        // Another index (a reorder or a duplicate), another object, group or count.
        assert!(tampered(open_chunk(&k, &[9; 16], &l, 1, chunks[0].clone())));
        assert!(tampered(open_chunk(&k, &[8; 16], &l, 0, chunks[0].clone())));
        assert!(tampered(open_chunk(
            &keys(2),
            &[9; 16],
            &l,
            0,
            chunks[0].clone()
        )));
        let longer = ObjectLayout::new(300_000, MIN_CHUNK_SIZE).unwrap();
        assert!(tampered(open_chunk(
            &k,
            &[9; 16],
            &longer,
            0,
            chunks[0].clone()
        )));
        // Any flipped byte.
        for at in [1, 30, 1000, chunks[0].len() - 1] {
            let mut bad = chunks[0].clone();
            bad[at] ^= 1;
            assert!(tampered(open_chunk(&k, &[9; 16], &l, 0, bad)), "byte {at}");
        }
        // Cut short, or an index past the end.
        assert!(tampered(open_chunk(
            &k,
            &[9; 16],
            &l,
            0,
            chunks[0][..100].to_vec()
        )));
        assert!(tampered(open_chunk(&k, &[9; 16], &l, 4, chunks[3].clone())));
    }

    fn manifest(size: u64, inline: Vec<u8>) -> Manifest {
        let layout = (inline.is_empty() && size > 0).then(|| layout(size));
        Manifest {
            format: MANIFEST_FORMAT,
            size,
            blake3: [7; 32],
            chunk_size: layout.map_or(0, |l| l.chunk_size),
            chunk_count: layout.map_or(0, |l| l.chunk_count),
            name: Some("photo.jpg".into()),
            inline,
        }
    }

    #[test]
    fn manifests_round_trip_and_are_not_blobs() {
        let k = keys(1);
        for m in [
            manifest(3, b"abc".to_vec()),
            manifest(0, Vec::new()),
            manifest(5 << 20, Vec::new()),
        ] {
            let env = seal_manifest(&k, &[4; 16], &m);
            assert_eq!(EnvelopeKind::of(&env), Some(EnvelopeKind::Manifest));
            assert_eq!(open_manifest(&k, &[4; 16], env.clone()).unwrap(), m);
            assert!(matches!(
                open_manifest(&k, &[5; 16], env.clone()),
                Err(Error::Tampered { .. })
            ));
            // A manifest is no blob, a blob no manifest, even with the kind byte rewritten.
            assert!(matches!(
                super::super::open(&k, &[4; 16], env.clone()),
                Err(Error::Protocol(_))
            ));
            let mut as_blob = env;
            as_blob[0] = EnvelopeKind::Blob as u8;
            assert!(matches!(
                super::super::open(&k, &[4; 16], as_blob),
                Err(Error::Tampered { .. })
            ));
        }
        let blob = super::super::seal(&k, &[4; 16], b"not a manifest");
        let mut as_manifest = blob;
        as_manifest[0] = EnvelopeKind::Manifest as u8;
        assert!(matches!(
            open_manifest(&k, &[4; 16], as_manifest),
            Err(Error::Tampered { .. })
        ));
    }

    #[test]
    fn manifests_no_honest_client_writes_are_refused() {
        let k = keys(1);
        let refused = |m: Manifest| {
            let env = seal_manifest(&k, &[4; 16], &m);
            matches!(open_manifest(&k, &[4; 16], env), Err(Error::Protocol(_)))
        };
        // Format 1 (SHA-256, before this one) and a newer one.
        for format in [1, MANIFEST_FORMAT + 1] {
            assert!(refused(Manifest {
                format,
                ..manifest(3, b"abc".to_vec())
            }));
        }
        assert!(refused(Manifest {
            size: 4,
            ..manifest(3, b"abc".to_vec())
        }));
        assert!(refused(Manifest {
            chunk_count: 6,
            ..manifest(5 << 20, Vec::new())
        }));
        assert!(refused(Manifest {
            name: Some("x".repeat(256)),
            ..manifest(3, b"abc".to_vec())
        }));
    }
}
