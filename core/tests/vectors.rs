//! Known-answer test vectors, shared with the tests of every binding (Python, TypeScript, Go,
//! Kotlin, Swift): `tests/vectors/*.json` at the workspace root. Bytes are lowercase hex;
//! every file and every case carries a `description`.
//!
//! The files are produced by code, never by hand. After an intentional change of the scheme,
//! regenerate them with
//!
//! ```text
//! cargo test --release -p zerok-core --test vectors -- --ignored regenerate_vectors
//! ```
//!
//! The normal tests check every case through the public API, and check that regenerating
//! yields byte-identical files, so the vectors cannot silently drift from the code.
//!
//! `pairing.json` is the exception: an independent implementation writes it
//! (`tests/tools/pairing_vectors.py`, from core/PROTOCOL.md), and the Rust code is checked
//! against it, here (codes) and in `core/src/pairing/keys.rs` (the key schedule, internal).

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use zerok_core::crypto::{
    ENVELOPE_OVERHEAD, GroupKeys, MANIFEST_FORMAT, MIN_CHUNK_SIZE, Manifest, ObjectLayout,
    derive_secret, open, open_chunk, open_manifest, padded_len, seal_chunk_with_nonce,
    seal_manifest_with_nonce, seal_with_nonce,
};
use zerok_core::{Error, GroupSecret, Invite, KdfParams, RelayAddr, Salt};

const REGENERATE: &str =
    "cargo test --release -p zerok-core --test vectors -- --ignored regenerate_vectors";

fn vectors_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors"))
}

fn load<T: DeserializeOwned>(name: &str) -> T {
    let path = vectors_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (generate it with `{REGENERATE}`)", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn h(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap_or_else(|e| panic!("bad hex {s:?}: {e}"))
}

fn unhex_n<const N: usize>(s: &str) -> [u8; N] {
    unhex(s)
        .try_into()
        .unwrap_or_else(|v: Vec<u8>| panic!("expected {N} bytes, got {}: {s}", v.len()))
}

fn secret(s: &str) -> GroupSecret {
    GroupSecret::from_bytes(unhex_n(s))
}

/// Deterministic filler bytes for plaintexts.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// File formats (shared by the generator and the checks)
// ---------------------------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct KdfFile {
    description: String,
    cases: Vec<KdfCase>,
}

#[derive(Serialize, Deserialize)]
struct KdfCase {
    description: String,
    passphrase: String,
    /// The UTF-8 bytes of `passphrase`, exactly what enters Argon2id (no normalization).
    passphrase_utf8_hex: String,
    salt: String,
    params: KdfParams,
    secret: String,
}

#[derive(Serialize, Deserialize)]
struct KeysFile {
    description: String,
    cases: Vec<KeysCase>,
}

#[derive(Serialize, Deserialize)]
struct KeysCase {
    description: String,
    secret: String,
    group_id: String,
    auth_public: String,
}

#[derive(Serialize, Deserialize)]
struct EnvelopesFile {
    description: String,
    format: String,
    cases: Vec<EnvelopeCase>,
    tampered: Vec<TamperedCase>,
}

#[derive(Serialize, Deserialize)]
struct EnvelopeCase {
    description: String,
    secret: String,
    blob_id: String,
    nonce: String,
    plaintext: String,
    envelope: String,
}

#[derive(Serialize, Deserialize)]
struct TamperedCase {
    name: String,
    description: String,
    /// Open `envelope` with this secret and this blob id: it must fail.
    secret: String,
    blob_id: String,
    envelope: String,
    /// "Tampered" or "UnsupportedVersion".
    expected_error: String,
}

#[derive(Serialize, Deserialize)]
struct ObjectsFile {
    description: String,
    format: String,
    chunks: Vec<ChunkCase>,
    manifests: Vec<ManifestCase>,
    tampered: Vec<ObjectTamperedCase>,
}

#[derive(Serialize, Deserialize)]
struct ChunkCase {
    description: String,
    secret: String,
    object_id: String,
    /// The object: `size` bytes of pattern(size, seed) (see the file's format), in chunks of
    /// `chunk_size`; `chunk_count` follows from both.
    size: u64,
    seed: u8,
    chunk_size: u32,
    chunk_count: u64,
    index: u64,
    nonce: String,
    /// The object's bytes in this chunk: their SHA-256, and the bytes when short.
    data_sha256: String,
    data: Option<String>,
    envelope_len: u64,
    envelope_sha256: String,
    envelope: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ManifestCase {
    description: String,
    secret: String,
    object_id: String,
    nonce: String,
    size: u64,
    blake3: String,
    chunk_size: u32,
    chunk_count: u64,
    name: Option<String>,
    inline: String,
    /// postcard(Manifest), the sealed plaintext before its length prefix and padding.
    plaintext: String,
    envelope: String,
}

#[derive(Serialize, Deserialize)]
struct ObjectTamperedCase {
    name: String,
    description: String,
    /// "chunk": open `envelope` as chunk `index` of an object of `size` bytes in chunks of
    /// `chunk_size`; "manifest": open it as the manifest of `object_id`. It must fail.
    open_as: String,
    secret: String,
    object_id: String,
    size: u64,
    chunk_size: u32,
    index: u64,
    envelope: String,
    /// "Tampered" or "Protocol".
    expected_error: String,
}

#[derive(Serialize, Deserialize)]
struct PaddingFile {
    description: String,
    cases: Vec<PaddingCase>,
}

#[derive(Serialize, Deserialize)]
struct PaddingCase {
    description: String,
    plaintext_len: u64,
    padded_len: u64,
    envelope_len: u64,
}

#[derive(Serialize, Deserialize)]
struct InvitesFile {
    description: String,
    format: String,
    cases: Vec<InviteCase>,
}

#[derive(Serialize, Deserialize)]
struct InviteCase {
    description: String,
    invite: String,
    /// Unix seconds to decode at.
    now: u64,
    /// The decoded invite, or null when decoding must fail.
    expected: Option<ExpectedInvite>,
    /// "InvalidInvite", "UnsupportedInviteVersion" or "InviteExpired"; null on success.
    expected_error: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ExpectedInvite {
    relays: Vec<ExpectedRelay>,
    secret: String,
    kdf: Option<ExpectedKdf>,
    expires_at: u64,
}

#[derive(Serialize, Deserialize)]
struct ExpectedRelay {
    endpoint_id: String,
    addrs: Vec<String>,
    /// The relay's text form, `<endpoint id hex>@<ip:port>[,<ip:port>…]`.
    text: String,
}

#[derive(Serialize, Deserialize)]
struct ExpectedKdf {
    salt: String,
    params: KdfParams,
}

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

fn gen_kdf() -> KdfFile {
    let inputs: [(&str, &str, [u8; 16], KdfParams); 3] = [
        (
            "ASCII passphrase, minimum parameters",
            "correct horse battery staple",
            std::array::from_fn(|i| i as u8),
            KdfParams::MIN,
        ),
        (
            "non-ASCII passphrase (precomposed é, CJK, emoji; UTF-8, no Unicode normalization), \
             minimum parameters",
            "pässwörd é 合言葉 🔑",
            [0xa5; 16],
            KdfParams::MIN,
        ),
        (
            "slightly above the minimum: 20 MiB, 3 passes, 2 lanes",
            "0k-sync test vector",
            std::array::from_fn(|i| 0xf0 ^ i as u8),
            KdfParams {
                memory_kib: 20 * 1024,
                iterations: 3,
                parallelism: 2,
            },
        ),
    ];
    KdfFile {
        description: "Passphrase to group secret: Argon2id (version 0x13), password = the UTF-8 \
                      bytes of the passphrase, salt = 16 bytes, output 32 bytes, no secret key, \
                      no associated data; memory_kib / iterations / parallelism are Argon2's \
                      m / t / p."
            .into(),
        cases: inputs
            .into_iter()
            .map(|(description, passphrase, salt, params)| {
                let secret = derive_secret(passphrase.as_bytes(), &Salt(salt), &params)
                    .expect("valid KDF inputs");
                KdfCase {
                    description: description.into(),
                    passphrase: passphrase.into(),
                    passphrase_utf8_hex: h(passphrase.as_bytes()),
                    salt: h(&salt),
                    params,
                    secret: h(secret.expose()),
                }
            })
            .collect(),
    }
}

fn gen_keys() -> KeysFile {
    let inputs: [(&str, [u8; 32]); 3] = [
        ("all-zero secret", [0; 32]),
        ("secret 00 01 02 … 1f", std::array::from_fn(|i| i as u8)),
        ("all-0xff secret", [0xff; 32]),
    ];
    KeysFile {
        description: "Keys derived from the group secret. HKDF-SHA256 with ikm = secret and no \
                      salt: auth_seed = expand(info = \"0k-sync/v1/auth-seed\", 32 bytes); \
                      auth_public = the Ed25519 public key of seed auth_seed; group_id = \
                      SHA-256(\"0k-sync/v1/group-id\" ‖ auth_public). (The blob key, expand(info \
                      = \"0k-sync/v1/blob-key\", 32 bytes), is covered by envelopes.json.)"
            .into(),
        cases: inputs
            .into_iter()
            .map(|(description, bytes)| {
                let keys = GroupKeys::derive(&GroupSecret::from_bytes(bytes));
                KeysCase {
                    description: description.into(),
                    secret: h(&bytes),
                    group_id: h(keys.group_id()),
                    auth_public: h(&keys.auth_public()),
                }
            })
            .collect(),
    }
}

/// Offsets inside an envelope: version(1) ‖ nonce(24) ‖ ciphertext ‖ tag(16).
const NONCE_AT: usize = 1;
const CIPHERTEXT_AT: usize = 25;

fn gen_envelopes() -> EnvelopesFile {
    let secret_a: [u8; 32] = std::array::from_fn(|i| i as u8);
    let secret_b: [u8; 32] = std::array::from_fn(|i| 0x80 | i as u8);
    let inputs: [(&str, [u8; 32], u8, Vec<u8>); 4] = [
        ("empty plaintext (smallest bucket)", secret_a, 0, Vec::new()),
        (
            "5-byte plaintext \"hello\" (smallest bucket)",
            secret_a,
            1,
            b"hello".to_vec(),
        ),
        (
            "300-byte plaintext (second bucket)",
            secret_a,
            2,
            pattern(300, 7),
        ),
        (
            "5000-byte plaintext, another group",
            secret_b,
            3,
            pattern(5000, 11),
        ),
    ];
    let cases: Vec<EnvelopeCase> = inputs
        .into_iter()
        .map(|(description, secret, n, plaintext)| {
            let blob_id: [u8; 16] = std::array::from_fn(|i| (n << 4) | i as u8);
            let nonce: [u8; 24] = std::array::from_fn(|i| 0x40 + n * 24 + i as u8);
            let keys = GroupKeys::derive(&GroupSecret::from_bytes(secret));
            let envelope = seal_with_nonce(&keys, &blob_id, &plaintext, &nonce);
            EnvelopeCase {
                description: format!(
                    "{description}: padded to {} bytes, envelope {} bytes",
                    padded_len(plaintext.len()),
                    envelope.len()
                ),
                secret: h(&secret),
                blob_id: h(&blob_id),
                nonce: h(&nonce),
                plaintext: h(&plaintext),
                envelope: h(&envelope),
            }
        })
        .collect();

    // Variations of the "hello" envelope.
    let base = &cases[1];
    let env = unhex(&base.envelope);
    let tag_at = env.len() - 16;
    let with = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut e = env.clone();
        f(&mut e);
        h(&e)
    };
    let other_blob_id: [u8; 16] = std::array::from_fn(|i| 0xe0 | i as u8);
    let case =
        |name: &str, description: String, secret: &str, blob_id: &str, envelope| TamperedCase {
            name: name.into(),
            description,
            secret: secret.into(),
            blob_id: blob_id.into(),
            envelope,
            expected_error: if name == "version_changed" {
                "UnsupportedVersion".into()
            } else {
                "Tampered".into()
            },
        };
    let (s, b) = (base.secret.as_str(), base.blob_id.as_str());
    let ct = CIPHERTEXT_AT + 4;
    let tampered = vec![
        case(
            "flipped_ciphertext_byte",
            format!("byte {ct} (first plaintext byte, after the 4-byte length) xor 0x01"),
            s,
            b,
            with(&|e| e[ct] ^= 0x01),
        ),
        case(
            "flipped_length_prefix_byte",
            format!(
                "byte {} (encrypted length prefix) xor 0x01",
                CIPHERTEXT_AT + 3
            ),
            s,
            b,
            with(&|e| e[CIPHERTEXT_AT + 3] ^= 0x01),
        ),
        case(
            "flipped_padding_byte",
            format!("byte {} (encrypted zero padding) xor 0x01", tag_at - 1),
            s,
            b,
            with(&|e| e[tag_at - 1] ^= 0x01),
        ),
        case(
            "flipped_tag_byte",
            format!("byte {} (last tag byte) xor 0x80", env.len() - 1),
            s,
            b,
            with(&|e| *e.last_mut().unwrap() ^= 0x80),
        ),
        case(
            "flipped_nonce_byte",
            format!("byte {NONCE_AT} (first nonce byte) xor 0x01"),
            s,
            b,
            with(&|e| e[NONCE_AT] ^= 0x01),
        ),
        case(
            "truncated",
            "last byte removed".into(),
            s,
            b,
            with(&|e| {
                e.pop();
            }),
        ),
        case(
            "truncated_below_minimum",
            format!(
                "cut to 40 bytes, shorter than the {} bytes of overhead and length prefix",
                ENVELOPE_OVERHEAD + 4
            ),
            s,
            b,
            with(&|e| e.truncate(40)),
        ),
        case(
            "appended_byte",
            "one zero byte appended".into(),
            s,
            b,
            with(&|e| e.push(0)),
        ),
        case(
            "wrong_blob_id",
            "the untouched envelope, opened under another blob id (a relay serving a blob as \
             another)"
                .into(),
            s,
            &h(&other_blob_id),
            h(&env),
        ),
        case(
            "wrong_group",
            "the untouched envelope, opened with another group's secret".into(),
            &cases[3].secret,
            b,
            h(&env),
        ),
        case(
            "version_changed",
            "version byte set to 0x02: refused as an unknown envelope version before any \
             decryption (the Rust core reports Error::Protocol)"
                .into(),
            s,
            b,
            with(&|e| e[0] = 0x02),
        ),
    ];

    EnvelopesFile {
        description: "Blob envelopes. Each case seals plaintext as blob blob_id of the group of \
                      secret with the given nonce, and opening envelope must give plaintext \
                      back. Each tampered entry must fail to open with expected_error: \
                      \"Tampered\" (authentication failed) or \"UnsupportedVersion\"."
            .into(),
        format: "envelope = 0x01 (version) ‖ nonce (24) ‖ ciphertext ‖ tag (16), \
                 XChaCha20-Poly1305 with key = HKDF-SHA256(ikm = secret, no salt, info = \
                 \"0k-sync/v1/blob-key\", 32 bytes), associated data = \"0k-sync/v1/blob\" ‖ \
                 0x01 ‖ group_id (32, see keys.json) ‖ blob_id (16), and message = \
                 u32 big-endian plaintext length ‖ plaintext ‖ zero bytes up to padded_len \
                 (see padding.json)."
            .into(),
        cases,
        tampered,
    }
}

/// The data bytes of an object case: pattern(size, seed).
fn object_bytes(size: u64, seed: u8) -> Vec<u8> {
    pattern(usize::try_from(size).unwrap(), seed)
}

fn sha256_hex(bytes: &[u8]) -> String {
    h(&Sha256::digest(bytes))
}

/// Bytes written out in full in objects.json only up to this many; longer ones by SHA-256.
const INLINE_HEX_MAX: usize = 8192;

fn gen_objects() -> ObjectsFile {
    let secret_a: [u8; 32] = std::array::from_fn(|i| i as u8);
    let keys = GroupKeys::derive(&GroupSecret::from_bytes(secret_a));
    let chunk_size = MIN_CHUNK_SIZE;
    // (what, object size, seed, object id's first byte)
    let objects: [(&str, u64, u8, u8); 3] = [
        (
            "a 100-byte object: one chunk, padded to 256 bytes",
            100,
            3,
            0x10,
        ),
        (
            "a 70000-byte object: a full chunk, then 4464 bytes and 1680 zeros of padding",
            70_000,
            5,
            0x20,
        ),
        (
            "an object of exactly one 64 KiB chunk",
            u64::from(chunk_size),
            9,
            0x30,
        ),
    ];
    let mut chunks = Vec::new();
    for (what, size, seed, id_byte) in objects {
        let layout = ObjectLayout::new(size, chunk_size).unwrap();
        let object_id: [u8; 16] = std::array::from_fn(|i| id_byte | i as u8);
        let bytes = object_bytes(size, seed);
        for index in 0..layout.chunk_count {
            let start = (index * u64::from(chunk_size)) as usize;
            let data = &bytes[start..start + layout.data_len(index)];
            let nonce: [u8; 24] =
                std::array::from_fn(|i| id_byte.wrapping_add(index as u8 + i as u8));
            let envelope = seal_chunk_with_nonce(&keys, &object_id, &layout, index, data, &nonce);
            chunks.push(ChunkCase {
                description: format!(
                    "{what}: chunk {index} of {}, {} bytes of data, envelope {} bytes",
                    layout.chunk_count,
                    data.len(),
                    envelope.len()
                ),
                secret: h(&secret_a),
                object_id: h(&object_id),
                size,
                seed,
                chunk_size,
                chunk_count: layout.chunk_count,
                index,
                nonce: h(&nonce),
                data_sha256: sha256_hex(data),
                data: (data.len() <= INLINE_HEX_MAX).then(|| h(data)),
                envelope_len: envelope.len() as u64,
                envelope_sha256: sha256_hex(&envelope),
                envelope: (envelope.len() <= INLINE_HEX_MAX).then(|| h(&envelope)),
            });
        }
    }

    let manifest_of = |size: u64, seed: u8, inline: bool, name: Option<&str>| {
        let bytes = object_bytes(size, seed);
        let layout = ObjectLayout::new(size, chunk_size).unwrap();
        Manifest {
            format: MANIFEST_FORMAT,
            size,
            blake3: blake3::hash(&bytes).into(),
            chunk_size: if inline { 0 } else { chunk_size },
            chunk_count: if inline { 0 } else { layout.chunk_count },
            name: name.map(Into::into),
            inline: if inline { bytes } else { Vec::new() },
        }
    };
    let manifest_inputs = [
        (
            "the 70000-byte object's manifest (chunked, named)",
            manifest_of(70_000, 5, false, Some("recording.ogg")),
            0x20u8,
        ),
        (
            "a 5-byte object carried inline, without a name",
            manifest_of(5, 1, true, None),
            0x40,
        ),
    ];
    let manifests: Vec<ManifestCase> = manifest_inputs
        .into_iter()
        .map(|(what, m, id_byte)| {
            let object_id: [u8; 16] = std::array::from_fn(|i| id_byte | i as u8);
            let nonce: [u8; 24] = std::array::from_fn(|i| 0x90 + i as u8);
            let envelope = seal_manifest_with_nonce(&keys, &object_id, &m, &nonce);
            ManifestCase {
                description: format!("{what}: envelope {} bytes", envelope.len()),
                secret: h(&secret_a),
                object_id: h(&object_id),
                nonce: h(&nonce),
                size: m.size,
                blake3: h(&m.blake3),
                chunk_size: m.chunk_size,
                chunk_count: m.chunk_count,
                name: m.name.clone(),
                inline: h(&m.inline),
                plaintext: h(&postcard::to_allocvec(&m).unwrap()),
                envelope: h(&envelope),
            }
        })
        .collect();

    // Variations of the 100-byte object's chunk, and of the 70000-byte object's last chunk.
    let small = &chunks[0];
    let small_env = unhex(
        small
            .envelope
            .as_ref()
            .expect("a short chunk is written out"),
    );
    let last = &chunks[2];
    let last_env = unhex(
        last.envelope
            .as_ref()
            .expect("a short chunk is written out"),
    );
    let secret_b: [u8; 32] = std::array::from_fn(|i| 0x80 | i as u8);
    let chunk_case = |name: &str,
                      description: &str,
                      of: &ChunkCase,
                      (size, index): (u64, u64),
                      envelope: Vec<u8>,
                      secret: &[u8; 32]| ObjectTamperedCase {
        name: name.into(),
        description: description.into(),
        open_as: "chunk".into(),
        secret: h(secret),
        object_id: of.object_id.clone(),
        size,
        chunk_size,
        index,
        envelope: h(&envelope),
        expected_error: "Tampered".into(),
    };
    let mut flipped = small_env.clone();
    flipped[30] ^= 0x01;
    let mut tampered = vec![
        chunk_case(
            "chunk_flipped_byte",
            "a ciphertext byte of the 100-byte object's chunk xor 0x01",
            small,
            (100, 0),
            flipped,
            &secret_a,
        ),
        chunk_case(
            "chunk_moved",
            "the 70000-byte object's chunk 1 served as its chunk 0",
            last,
            (70_000, 0),
            last_env.clone(),
            &secret_a,
        ),
        chunk_case(
            "chunk_past_the_end",
            "the 70000-byte object's chunk 1 served as chunk 2 (it has 2)",
            last,
            (70_000, 2),
            last_env,
            &secret_a,
        ),
        chunk_case(
            "chunk_of_a_longer_object",
            "the 100-byte object's chunk opened as chunk 0 of a 70000-byte object with its id",
            small,
            (70_000, 0),
            small_env.clone(),
            &secret_a,
        ),
        chunk_case(
            "chunk_of_another_group",
            "the 100-byte object's chunk opened with another group's secret",
            small,
            (100, 0),
            small_env.clone(),
            &secret_b,
        ),
        chunk_case(
            "chunk_cut_short",
            "the 100-byte object's chunk without its last byte",
            small,
            (100, 0),
            small_env[..small_env.len() - 1].to_vec(),
            &secret_a,
        ),
    ];
    let named = &manifests[0];
    let manifest_env = unhex(&named.envelope);
    let manifest_case =
        |name: &str, description: &str, object_id: &str, envelope: Vec<u8>, error: &str| {
            ObjectTamperedCase {
                name: name.into(),
                description: description.into(),
                open_as: "manifest".into(),
                secret: h(&secret_a),
                object_id: object_id.into(),
                size: 0,
                chunk_size: 0,
                index: 0,
                envelope: h(&envelope),
                expected_error: error.into(),
            }
        };
    let mut as_blob = manifest_env.clone();
    as_blob[0] = 0x01;
    tampered.extend([
        manifest_case(
            "manifest_flipped_byte",
            "a ciphertext byte of the manifest xor 0x01",
            &named.object_id,
            {
                let mut e = manifest_env.clone();
                e[40] ^= 0x01;
                e
            },
            "Tampered",
        ),
        manifest_case(
            "manifest_of_another_object",
            "the manifest opened as another object's",
            &manifests[1].object_id,
            manifest_env.clone(),
            "Tampered",
        ),
        manifest_case(
            "manifest_kind_changed",
            "kind byte set to 0x01 (a blob): refused before decryption (Error::Protocol)",
            &named.object_id,
            as_blob,
            "Protocol",
        ),
    ]);

    ObjectsFile {
        description: "Large objects: chunks and manifests. Each chunk case seals the object's \
                      bytes in chunk `index` with the given nonce; opening `envelope` (or the \
                      envelope of that SHA-256) gives the data back. Each manifest case seals \
                      the manifest; opening gives its fields back. Each tampered entry must \
                      fail with expected_error."
            .into(),
        format: "pattern(size, seed)[i] = (i mod 256) * 31 + seed (mod 256). stream = the \
                 object's bytes, then zeros up to padded_stream_len(size) = Padmé bucket of \
                 L = max(size, 256) (padding.json without the 4-byte prefix); chunk i = \
                 stream[i * chunk_size .. min((i + 1) * chunk_size, stream length)], \
                 chunk_count = ceil(stream length / chunk_size). chunk envelope = 0x03 ‖ nonce \
                 (24) ‖ XAES-256-GCM (c2sp.org/XAES-256-GCM) of the chunk under the chunk \
                 key = HKDF-SHA256(ikm = secret, no salt, info = \"0k-sync/v1/chunk-key\", 32 \
                 bytes) ‖ tag (16), associated data = \
                 \"0k-sync/v1/chunk\" ‖ 0x03 ‖ group_id (32) ‖ object_id (16) ‖ index (u64 BE) \
                 ‖ chunk_count (u64 BE). manifest envelope = 0x02 ‖ nonce ‖ ciphertext ‖ tag, \
                 associated data = \"0k-sync/v1/manifest\" ‖ 0x02 ‖ group_id ‖ object_id, \
                 message = u32 BE length ‖ postcard(Manifest {format: u8 = 2, size: varint, \
                 blake3: 32 bytes (BLAKE3 of the object's bytes), chunk_size: varint, chunk_count: varint, name: \
                 Option<string>, inline: bytes}) ‖ zeros up to padded_len, sealed as a blob \
                 (XChaCha20-Poly1305 under envelopes.json's blob key)."
            .into(),
        chunks,
        manifests,
        tampered,
    }
}

fn gen_padding() -> PaddingFile {
    let lens: [usize; 14] = [
        0, 1, 252, 253, 268, 269, 508, 509, 1000, 4092, 4093, 65_532, 65_533, 1_048_576,
    ];
    PaddingFile {
        description: "Plaintext length to padded length (Padmé): L = plaintext_len + 4 (length \
                      prefix), at least 256; E = floor(log2 L); S = floor(log2 E) + 1; \
                      padded_len = L rounded up to a multiple of 2^(E - S). envelope_len = \
                      padded_len + 41."
            .into(),
        cases: lens
            .into_iter()
            .map(|len| {
                let padded = padded_len(len);
                let l = len + 4;
                let description = if l <= 256 {
                    format!("{len} + 4 = {l} ≤ 256: the smallest bucket")
                } else if padded == l {
                    format!("{len} + 4 = {l} lies on a bucket edge: no padding")
                } else {
                    format!("{len} + 4 = {l} rounds up to {padded}")
                };
                PaddingCase {
                    description,
                    plaintext_len: len as u64,
                    padded_len: padded as u64,
                    envelope_len: (padded + ENVELOPE_OVERHEAD) as u64,
                }
            })
            .collect(),
    }
}

const INVITE_NOW: u64 = 1_750_000_000;

/// `0k1.` ‖ base64url(raw ‖ first 4 bytes of SHA-256(raw)): an invite with any version byte.
fn raw_invite(raw: &[u8]) -> String {
    let mut bytes = raw.to_vec();
    bytes.extend_from_slice(&Sha256::digest(raw)[..4]);
    format!("0k1.{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn gen_invites() -> InvitesFile {
    let relay_a = RelayAddr {
        endpoint_id: std::array::from_fn(|i| 0xa0 ^ i as u8),
        addrs: vec!["192.0.2.10:4433".parse().unwrap()],
    };
    let relay_b = RelayAddr {
        endpoint_id: std::array::from_fn(|i| 0x0b + 3 * i as u8),
        addrs: vec![
            "198.51.100.20:443".parse().unwrap(),
            "[2001:db8::20]:443".parse().unwrap(),
        ],
    };
    let minimal = Invite {
        relays: vec![relay_a.clone()],
        secret: GroupSecret::from_bytes(std::array::from_fn(|i| 0x30 + i as u8)),
        kdf: None,
        expires_at: INVITE_NOW + 3600,
    };
    let full = Invite {
        relays: vec![relay_a.clone(), relay_b],
        secret: GroupSecret::from_bytes(std::array::from_fn(|i| 0xc0 ^ i as u8)),
        kdf: Some((
            Salt(std::array::from_fn(|i| 0x11 * (i as u8 % 16))),
            KdfParams::DEFAULT,
        )),
        expires_at: INVITE_NOW + 7 * 24 * 3600,
    };
    let m = minimal.encode();
    let raw_m = URL_SAFE_NO_PAD.decode(&m["0k1.".len()..]).unwrap();
    let body_m = &raw_m[1..raw_m.len() - 4];
    let flip = |s: &str, at: usize| {
        let mut b = s.as_bytes().to_vec();
        b[at] = if b[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    };
    let expected = |inv: &Invite| ExpectedInvite {
        relays: inv
            .relays
            .iter()
            .map(|r| ExpectedRelay {
                endpoint_id: h(&r.endpoint_id),
                addrs: r.addrs.iter().map(|a| a.to_string()).collect(),
                text: r.to_string(),
            })
            .collect(),
        secret: h(inv.secret.expose()),
        kdf: inv.kdf.map(|(salt, params)| ExpectedKdf {
            salt: h(&salt.0),
            params,
        }),
        expires_at: inv.expires_at,
    };
    let ok = |description: &str, invite: String, now: u64, inv: &Invite| InviteCase {
        description: description.into(),
        invite,
        now,
        expected: Some(expected(inv)),
        expected_error: None,
    };
    let err = |description: &str, invite: String, now: u64, kind: &str| InviteCase {
        description: description.into(),
        invite,
        now,
        expected: None,
        expected_error: Some(kind.into()),
    };
    let mut v2 = raw_m.clone();
    v2.truncate(raw_m.len() - 4);
    v2[0] = 2;

    let cases = vec![
        ok(
            "one relay, no KDF parameters",
            m.clone(),
            INVITE_NOW,
            &minimal,
        ),
        ok(
            "two relays (IPv4 and IPv6 addresses), KDF salt and parameters",
            full.encode(),
            INVITE_NOW,
            &full,
        ),
        ok(
            "surrounding whitespace is ignored",
            format!(" \n\t{m}\r\n "),
            INVITE_NOW,
            &minimal,
        ),
        ok(
            "still valid one second before expires_at",
            m.clone(),
            minimal.expires_at - 1,
            &minimal,
        ),
        err(
            "expired: now == expires_at",
            m.clone(),
            minimal.expires_at,
            "InviteExpired",
        ),
        err(
            "expired long ago",
            full.encode(),
            full.expires_at + 365 * 24 * 3600,
            "InviteExpired",
        ),
        err(
            "version byte 2 with a valid checksum",
            raw_invite(&v2),
            INVITE_NOW,
            "UnsupportedInviteVersion",
        ),
        err(
            "version byte 2 with a foreign layout: the version is checked before the checksum",
            format!(
                "0k1.{}",
                URL_SAFE_NO_PAD.encode([2, 0xde, 0xad, 0xbe, 0xef, 0, 0])
            ),
            INVITE_NOW,
            "UnsupportedInviteVersion",
        ),
        err(
            "wrong prefix",
            m.replacen("0k1.", "0k2.", 1),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "missing prefix",
            m["0k1.".len()..].to_string(),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "not base64url: '+' from the standard alphabet",
            format!("{}+{}", &m[..20], &m[21..]),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "one character changed: checksum mismatch",
            flip(&m, m.len() / 2),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "last four characters cut off",
            m[..m.len() - 4].to_string(),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "valid checksum but a trailing byte after the body",
            raw_invite(&[&[1u8][..], body_m, &[0u8]].concat()),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "empty relay list",
            Invite {
                relays: vec![],
                ..minimal.clone()
            }
            .encode(),
            INVITE_NOW,
            "InvalidInvite",
        ),
        err(
            "KDF memory below the accepted minimum (1 MiB)",
            Invite {
                kdf: Some((
                    Salt([0; 16]),
                    KdfParams {
                        memory_kib: 1024,
                        ..KdfParams::MIN
                    },
                )),
                ..minimal.clone()
            }
            .encode(),
            INVITE_NOW,
            "InvalidInvite",
        ),
    ];
    InvitesFile {
        description: "Invite strings. Decode invite as of unix time now: it must give expected, \
                      or fail with expected_error (InvalidInvite: corrupt encoding, checksum or \
                      contents; UnsupportedInviteVersion: version byte other than 1; \
                      InviteExpired: expires_at <= now). Corruption is reported before expiry."
            .into(),
        format: "\"0k1.\" ‖ base64url without padding of (version 0x01 ‖ body ‖ first 4 bytes \
                 of SHA-256(version ‖ body)); surrounding whitespace is ignored. body = postcard \
                 of { relays: seq of { endpoint_id: [u8; 32], addrs: seq of SocketAddr (enum: 0 \
                 = V4 ([u8; 4], port varint), 1 = V6 ([u8; 16], port varint)) }, secret: [u8; \
                 32], kdf: option of (salt [u8; 16], { memory_kib, iterations, parallelism: \
                 varint u32 }), expires_at: varint u64 }. Check the version byte first, then \
                 the checksum, then the body (no trailing bytes, at least one relay, KDF \
                 parameters within memory 19456..=4194304 KiB, iterations 2..=64, parallelism \
                 1..=16), then expiry."
            .into(),
        cases,
    }
}

/// Every vector file, rendered exactly as written to disk.
fn render_all() -> Vec<(&'static str, String)> {
    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string_pretty(v).expect("vectors serialize") + "\n"
    }
    vec![
        ("kdf.json", json(&gen_kdf())),
        ("keys.json", json(&gen_keys())),
        ("envelopes.json", json(&gen_envelopes())),
        ("padding.json", json(&gen_padding())),
        ("objects.json", json(&gen_objects())),
        ("invites.json", json(&gen_invites())),
    ]
}

#[test]
#[ignore = "writes tests/vectors/*.json; run only after an intentional change of the scheme"]
fn regenerate_vectors() {
    let dir = vectors_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in render_all() {
        std::fs::write(dir.join(name), text).unwrap();
        println!("wrote {}", dir.join(name).display());
    }
}

#[test]
fn files_match_the_generator() {
    for (name, generated) in render_all() {
        let path = vectors_dir().join(name);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (generate it with `{REGENERATE}`)", path.display())
        });
        assert!(
            on_disk == generated,
            "{} differs from what the code generates. If the scheme changed on purpose, \
             regenerate with `{REGENERATE}` and update every binding; otherwise the code broke \
             compatibility.",
            path.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Checks of the files through the public API
// ---------------------------------------------------------------------------------------------

#[test]
fn kdf_vectors() {
    let file: KdfFile = load("kdf.json");
    assert_eq!(file.cases.len(), 3);
    assert!(file.cases.iter().any(|c| !c.passphrase.is_ascii()));
    for c in &file.cases {
        assert_eq!(
            unhex(&c.passphrase_utf8_hex),
            c.passphrase.as_bytes(),
            "{}",
            c.description
        );
        let got = derive_secret(c.passphrase.as_bytes(), &Salt(unhex_n(&c.salt)), &c.params)
            .unwrap_or_else(|e| panic!("{}: {e}", c.description));
        assert_eq!(h(got.expose()), c.secret, "{}", c.description);
    }
}

#[test]
fn key_vectors() {
    let file: KeysFile = load("keys.json");
    assert_eq!(file.cases.len(), 3);
    for c in &file.cases {
        let keys = GroupKeys::derive(&secret(&c.secret));
        assert_eq!(h(keys.group_id()), c.group_id, "{}", c.description);
        assert_eq!(h(&keys.auth_public()), c.auth_public, "{}", c.description);
    }
}

#[test]
fn envelope_vectors() {
    let file: EnvelopesFile = load("envelopes.json");
    let lens: Vec<usize> = file.cases.iter().map(|c| c.plaintext.len() / 2).collect();
    assert_eq!(lens, [0, 5, 300, 5000]);
    for c in &file.cases {
        let keys = GroupKeys::derive(&secret(&c.secret));
        let blob_id = unhex_n(&c.blob_id);
        let plaintext = unhex(&c.plaintext);
        let envelope = unhex(&c.envelope);
        assert_eq!(
            envelope.len(),
            padded_len(plaintext.len()) + ENVELOPE_OVERHEAD,
            "{}",
            c.description
        );
        let sealed = seal_with_nonce(&keys, &blob_id, &plaintext, &unhex_n(&c.nonce));
        assert_eq!(h(&sealed), c.envelope, "{}", c.description);
        let opened =
            open(&keys, &blob_id, envelope).unwrap_or_else(|e| panic!("{}: {e}", c.description));
        assert_eq!(opened, plaintext, "{}", c.description);
    }

    let names: Vec<&str> = file.tampered.iter().map(|t| t.name.as_str()).collect();
    for required in [
        "flipped_ciphertext_byte",
        "flipped_tag_byte",
        "flipped_nonce_byte",
        "truncated",
        "wrong_blob_id",
        "wrong_group",
        "version_changed",
    ] {
        assert!(
            names.contains(&required),
            "missing tampered case {required}"
        );
    }
    for t in &file.tampered {
        let keys = GroupKeys::derive(&secret(&t.secret));
        let result = open(&keys, &unhex_n(&t.blob_id), unhex(&t.envelope));
        let ok = match t.expected_error.as_str() {
            "Tampered" => matches!(result, Err(Error::Tampered { .. })),
            "UnsupportedVersion" => matches!(result, Err(Error::Protocol(_))),
            other => panic!("{}: unknown expected_error {other:?}", t.name),
        };
        assert!(
            ok,
            "{}: expected {}, got {result:?}",
            t.name, t.expected_error
        );
    }
}

#[test]
fn object_vectors() {
    let file: ObjectsFile = load("objects.json");
    assert!(file.chunks.len() >= 4 && file.manifests.len() >= 2);
    for c in &file.chunks {
        let keys = GroupKeys::derive(&secret(&c.secret));
        let layout = ObjectLayout::new(c.size, c.chunk_size).unwrap();
        assert_eq!(layout.chunk_count, c.chunk_count, "{}", c.description);
        let bytes = object_bytes(c.size, c.seed);
        let start = (c.index * u64::from(c.chunk_size)) as usize;
        let data = &bytes[start..start + layout.data_len(c.index)];
        assert_eq!(sha256_hex(data), c.data_sha256, "{}", c.description);
        let object_id = unhex_n(&c.object_id);
        let sealed = seal_chunk_with_nonce(
            &keys,
            &object_id,
            &layout,
            c.index,
            data,
            &unhex_n(&c.nonce),
        );
        assert_eq!(sealed.len() as u64, c.envelope_len, "{}", c.description);
        assert_eq!(sha256_hex(&sealed), c.envelope_sha256, "{}", c.description);
        if let Some(envelope) = &c.envelope {
            assert_eq!(&h(&sealed), envelope, "{}", c.description);
        }
        let opened = open_chunk(&keys, &object_id, &layout, c.index, sealed)
            .unwrap_or_else(|e| panic!("{}: {e}", c.description));
        assert_eq!(&*opened, data, "{}", c.description);
    }
    for c in &file.manifests {
        let keys = GroupKeys::derive(&secret(&c.secret));
        let m = open_manifest(&keys, &unhex_n(&c.object_id), unhex(&c.envelope))
            .unwrap_or_else(|e| panic!("{}: {e}", c.description));
        assert_eq!(
            (
                m.size,
                h(&m.blake3),
                m.chunk_size,
                m.chunk_count,
                m.name.clone(),
                h(&m.inline)
            ),
            (
                c.size,
                c.blake3.clone(),
                c.chunk_size,
                c.chunk_count,
                c.name.clone(),
                c.inline.clone()
            ),
            "{}",
            c.description
        );
        assert_eq!(
            h(&postcard::to_allocvec(&m).unwrap()),
            c.plaintext,
            "{}",
            c.description
        );
        let sealed =
            seal_manifest_with_nonce(&keys, &unhex_n(&c.object_id), &m, &unhex_n(&c.nonce));
        assert_eq!(h(&sealed), c.envelope, "{}", c.description);
    }
    for t in &file.tampered {
        let keys = GroupKeys::derive(&secret(&t.secret));
        let object_id = unhex_n(&t.object_id);
        let result = match t.open_as.as_str() {
            "chunk" => {
                let layout = ObjectLayout::new(t.size, t.chunk_size).unwrap();
                open_chunk(&keys, &object_id, &layout, t.index, unhex(&t.envelope)).map(drop)
            }
            "manifest" => open_manifest(&keys, &object_id, unhex(&t.envelope)).map(drop),
            other => panic!("{}: unknown open_as {other:?}", t.name),
        };
        let ok = match t.expected_error.as_str() {
            "Tampered" => matches!(result, Err(Error::Tampered { .. })),
            "Protocol" => matches!(result, Err(Error::Protocol(_))),
            other => panic!("{}: unknown expected_error {other:?}", t.name),
        };
        assert!(
            ok,
            "{}: expected {}, got {result:?}",
            t.name, t.expected_error
        );
    }
}

#[test]
fn padding_vectors() {
    let file: PaddingFile = load("padding.json");
    assert!(file.cases.len() >= 12);
    for c in &file.cases {
        let len = usize::try_from(c.plaintext_len).unwrap();
        assert_eq!(padded_len(len) as u64, c.padded_len, "{}", c.description);
        assert_eq!(
            c.envelope_len,
            c.padded_len + ENVELOPE_OVERHEAD as u64,
            "{}",
            c.description
        );
    }
}

fn error_kind(e: &Error) -> String {
    match e {
        Error::InvalidInvite(_) => "InvalidInvite".into(),
        Error::UnsupportedInviteVersion { .. } => "UnsupportedInviteVersion".into(),
        Error::InviteExpired { .. } => "InviteExpired".into(),
        other => format!("unexpected: {other:?}"),
    }
}

#[test]
fn invite_vectors() {
    let file: InvitesFile = load("invites.json");
    let kinds: Vec<&str> = file
        .cases
        .iter()
        .filter_map(|c| c.expected_error.as_deref())
        .collect();
    for kind in ["InvalidInvite", "UnsupportedInviteVersion", "InviteExpired"] {
        assert!(kinds.contains(&kind), "no {kind} case");
    }
    for c in &file.cases {
        let result = Invite::decode_at(&c.invite, c.now);
        match (&c.expected, &c.expected_error) {
            (Some(want), None) => {
                let inv = result.unwrap_or_else(|e| panic!("{}: {e}", c.description));
                assert_eq!(h(inv.secret.expose()), want.secret, "{}", c.description);
                assert_eq!(inv.expires_at, want.expires_at, "{}", c.description);
                assert_eq!(inv.relays.len(), want.relays.len(), "{}", c.description);
                for (got, want) in inv.relays.iter().zip(&want.relays) {
                    assert_eq!(h(&got.endpoint_id), want.endpoint_id, "{}", c.description);
                    let addrs: Vec<String> = got.addrs.iter().map(|a| a.to_string()).collect();
                    assert_eq!(addrs, want.addrs, "{}", c.description);
                    assert_eq!(&want.text.parse::<RelayAddr>().unwrap(), got);
                }
                match (&inv.kdf, &want.kdf) {
                    (None, None) => {}
                    (Some((salt, params)), Some(w)) => {
                        assert_eq!(h(&salt.0), w.salt, "{}", c.description);
                        assert_eq!(params, &w.params, "{}", c.description);
                    }
                    (got, want) => panic!(
                        "{}: kdf {got:?}, expected {}",
                        c.description,
                        if want.is_some() { "some" } else { "none" }
                    ),
                }
            }
            (None, Some(kind)) => {
                let e = result.expect_err(&c.description);
                assert_eq!(&error_kind(&e), kind, "{}: {e}", c.description);
            }
            _ => panic!(
                "{}: exactly one of expected / expected_error",
                c.description
            ),
        }
    }
}

#[derive(Deserialize)]
struct PairingFile {
    codes: Vec<PairingCodeCase>,
    typed: Vec<TypedCodeCase>,
}

#[derive(Deserialize)]
struct PairingCodeCase {
    mailbox: u32,
    password: String,
    code: String,
}

#[derive(Deserialize)]
struct TypedCodeCase {
    typed: String,
    code: Option<String>,
    error: Option<String>,
}

#[test]
fn pairing_code_vectors() {
    use zerok_core::pairing::PairingCode;
    let file: PairingFile = load("pairing.json");
    for case in &file.codes {
        let code = PairingCode::parse(&case.code).unwrap();
        assert_eq!(code.mailbox(), case.mailbox, "{}", case.code);
        assert_eq!(code.reveal(), case.code);
        assert_eq!(code.reveal().replace('-', "")[4..15], case.password);
    }
    for case in &file.typed {
        match (PairingCode::parse(&case.typed), &case.code, &case.error) {
            (Ok(code), Some(expected), None) => assert_eq!(&code.reveal(), expected),
            (Err(Error::InvalidPairingCode(_)), None, Some(e)) if e == "InvalidPairingCode" => {}
            (got, _, _) => panic!("{:?}: got {got:?}", case.typed),
        }
    }
}
