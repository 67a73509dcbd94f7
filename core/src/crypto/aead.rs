//! XChaCha20-Poly1305 encryption that reads the plaintext from where it lies.
//!
//! Why not `chacha20poly1305`'s own `encrypt`: it works in place, so an envelope would first
//! copy the caller's plaintext into its buffer, between the length prefix and the padding it
//! is encrypted with. That copy was ≈ 4 % of the time spent sealing 64 KiB here
//! (`core/benches/envelope.rs`), with the envelope hovering around 90 % of the bare AEAD's
//! throughput (0.88–0.93). Here the keystream is applied from each piece straight into the
//! envelope, and Poly1305 then authenticates the finished ciphertext; what remains is zeroing
//! the new buffer (≈ 1.5 %). Full benchmark runs since put the envelope at 0.91–0.93 of the
//! bare AEAD (each the median of three rounds; single rounds 0.87–1.07).
//!
//! This is the AEAD construction of RFC 8439 §2.8 with XChaCha20 (draft-irtf-cfrg-xchacha §2),
//! built from the same RustCrypto `chacha20` and `poly1305` that `chacha20poly1305` uses; its
//! output is that crate's byte for byte (tested below across block edges and at the
//! envelope's sizes, and by the known-answer vectors in `tests/vectors/envelopes.json`).
//! Decryption stays with the crate: it works in place on a buffer the caller already owns, so
//! there is nothing to save there.

use chacha20::{
    XChaCha20, XNonce,
    cipher::{KeyIvInit, StreamCipher, StreamCipherSeek},
};
use chacha20poly1305::{Key, Tag};
use poly1305::{
    Poly1305,
    universal_hash::{KeyInit, UniversalHash},
};

/// ChaCha20's block size: block 0 of the keystream keys Poly1305, the message starts at 1.
const BLOCK: u64 = 64;

/// Encrypts the concatenation of `pieces` followed by zeros into `out` (its whole length), and
/// returns the tag over `associated_data` and `out`.
///
/// # Panics
/// If the pieces are longer than `out`, or `out` is 256 GiB or more (ChaCha20's keystream).
pub(super) fn encrypt_pieces(
    key: &Key,
    nonce: &XNonce,
    associated_data: &[u8],
    pieces: &[&[u8]],
    out: &mut [u8],
) -> Tag {
    let mut cipher = XChaCha20::new(key, nonce);
    let mut mac_key = poly1305::Key::default();
    cipher.apply_keystream(&mut mac_key);
    let mut mac = Poly1305::new(&mac_key);
    zeroize::Zeroize::zeroize(mac_key.as_mut_slice());
    cipher.seek(BLOCK);

    let mut rest = &mut out[..];
    for piece in pieces {
        let (head, tail) = rest.split_at_mut(piece.len());
        cipher.apply_keystream_b2b(piece, head);
        rest = tail;
    }
    // Zeros encrypt to the keystream itself.
    cipher.write_keystream(rest);

    mac.update_padded(associated_data);
    mac.update_padded(out);
    let mut lengths = poly1305::Block::default();
    lengths[..8].copy_from_slice(&(associated_data.len() as u64).to_le_bytes());
    lengths[8..].copy_from_slice(&(out.len() as u64).to_le_bytes());
    mac.update(&[lengths]);
    mac.finalize()
}

#[cfg(test)]
mod tests {
    use chacha20poly1305::{AeadInOut, KeyInit as _, XChaCha20Poly1305};

    use super::*;

    /// Every split of the message into prefix, piece and zero padding, at lengths around
    /// ChaCha20's 64-byte blocks and Poly1305's 16-byte blocks, and at the envelope's sizes.
    #[test]
    fn the_same_bytes_and_tag_as_chacha20poly1305() {
        let key = Key::from([0x42; 32]);
        let nonce = XNonce::from([0x24; 24]);
        let reference = XChaCha20Poly1305::new(&key);
        for ad_len in [0usize, 15, 64] {
            let ad: Vec<u8> = (0..ad_len).map(|i| i as u8 ^ 0x5a).collect();
            for (piece_len, padding) in [
                (0, 0),
                (0, 17),
                (1, 0),
                (59, 1),
                (60, 4),
                (61, 63),
                (124, 0),
                (1_000, 88),
                (65_536, 2_044),
                (1 << 20, 32_764),
            ] {
                let prefix = [1, 2, 3, 4];
                let piece: Vec<u8> = (0..piece_len).map(|i| (i * 7) as u8).collect();
                let mut expected = [&prefix[..], &piece].concat();
                expected.resize(expected.len() + padding, 0);
                let expected_tag = reference
                    .encrypt_inout_detached(&nonce, &ad, (&mut expected[..]).into())
                    .unwrap();

                // Dirty output memory: every byte must be written, none read.
                let mut out = vec![0xee; 4 + piece_len + padding];
                let tag = encrypt_pieces(&key, &nonce, &ad, &[&prefix, &piece], &mut out);
                assert!(
                    out == expected,
                    "ad {ad_len}, piece {piece_len}, pad {padding}"
                );
                assert_eq!(tag, expected_tag, "ad {ad_len}, piece {piece_len}");
            }
        }
    }
}
