//! Cost of the blob envelope over the bare AEAD it is built on.
//!
//! For 1 KiB, 64 KiB and 1 MiB plaintexts, each group puts side by side:
//! - `raw_aead`: `XChaCha20Poly1305::{encrypt,decrypt}_inout_detached` in place over a buffer of
//!   the plaintext's size, with 64 bytes of associated data (as long as the envelope's);
//! - `seal` / `open`: the envelope, which adds a random nonce, the length prefix and padding
//!   to the size bucket (+3 to 6 % here); `seal` encrypts into a new (zeroed) buffer, `open`
//!   decrypts in place and moves the plaintext to the front.
//!
//! `cargo bench -p zerok-core --bench envelope`

use std::hint::black_box;

use chacha20poly1305::{AeadInOut, Key, KeyInit, Tag, XChaCha20Poly1305, XNonce};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use zerok_core::GroupSecret;
use zerok_core::crypto::{GroupKeys, open, seal};

const SIZES: [(usize, &str); 3] = [(1 << 10, "1KiB"), (64 << 10, "64KiB"), (1 << 20, "1MiB")];
const AD: [u8; 64] = [0x5a; 64];
const BLOB_ID: [u8; 16] = [3; 16];

fn plaintext(len: usize) -> Vec<u8> {
    (0..len).map(|i| i as u8).collect()
}

fn encrypt(c: &mut Criterion) {
    let cipher = XChaCha20Poly1305::new(&Key::from([7u8; 32]));
    let nonce = XNonce::from([9u8; 24]);
    let keys = GroupKeys::derive(&GroupSecret::from_bytes([7; 32]));
    let mut group = c.benchmark_group("encrypt");
    for (size, label) in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        let mut buf = plaintext(size);
        group.bench_function(BenchmarkId::new("raw_aead", label), |b| {
            b.iter(|| {
                cipher
                    .encrypt_inout_detached(&nonce, &AD, black_box(&mut buf[..]).into())
                    .unwrap()
            })
        });
        let pt = plaintext(size);
        group.bench_function(BenchmarkId::new("seal", label), |b| {
            b.iter(|| seal(&keys, &BLOB_ID, black_box(&pt)))
        });
    }
    group.finish();
}

fn decrypt(c: &mut Criterion) {
    let cipher = XChaCha20Poly1305::new(&Key::from([7u8; 32]));
    let nonce = XNonce::from([9u8; 24]);
    let keys = GroupKeys::derive(&GroupSecret::from_bytes([7; 32]));
    let mut group = c.benchmark_group("decrypt");
    for (size, label) in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        // Decryption works in place, so every iteration gets a fresh copy (made untimed).
        let mut ciphertext = plaintext(size);
        let tag: Tag = cipher
            .encrypt_inout_detached(&nonce, &AD, (&mut ciphertext[..]).into())
            .unwrap();
        group.bench_function(BenchmarkId::new("raw_aead", label), |b| {
            b.iter_batched(
                || ciphertext.clone(),
                |mut buf| {
                    cipher
                        .decrypt_inout_detached(&nonce, &AD, (&mut buf[..]).into(), &tag)
                        .unwrap();
                    buf
                },
                BatchSize::LargeInput,
            )
        });
        let envelope = seal(&keys, &BLOB_ID, &plaintext(size));
        group.bench_function(BenchmarkId::new("open", label), |b| {
            b.iter_batched(
                || envelope.clone(),
                |env| open(&keys, &BLOB_ID, env).unwrap(),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, encrypt, decrypt);
criterion_main!(benches);
