//! Cryptography of 0k-sync. Scheme: `core/PROTOCOL.md`.
//!
//! Only [`GroupSecret`] may leave this crate (an app stores it in a keychain or hands it to
//! another device in an invite); every key derived from it stays inside [`GroupKeys`].

mod aead;
mod envelope;
mod keys;
mod object;
mod padding;
mod secret;
mod xaes;

pub use envelope::{
    BlobId, ENVELOPE_OVERHEAD, ENVELOPE_VERSION, EnvelopeKind, new_blob_id, open, seal,
    seal_with_nonce,
};
pub use keys::{GroupId, GroupKeys, auth_transcript, group_id_of, verify_membership};
pub use object::{
    CHUNK_SIZE, ChunkBuf, ChunkData, MANIFEST_FORMAT, MAX_CHUNK_SIZE, MAX_NAME_BYTES,
    MIN_CHUNK_SIZE, Manifest, ObjectLayout, open_chunk, open_manifest, seal_chunk_with_nonce,
    seal_manifest, seal_manifest_with_nonce,
};
pub use padding::{padded_len, padded_stream_len};
pub use secret::{GroupSecret, KdfParams, Salt, derive_secret, random_bytes};
