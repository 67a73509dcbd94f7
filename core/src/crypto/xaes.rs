//! XAES-256-GCM (<https://c2sp.org/XAES-256-GCM>), the AEAD of object chunks: AES-256-GCM
//! under a key derived from the group's chunk key and the first 12 bytes of a 24-byte random
//! nonce, so nonces can be drawn at random for any number of chunks under one key.
//!
//! Why chunks leave XChaCha20-Poly1305 (which blobs and manifests keep): chunks are nearly all
//! of the bytes a large transfer seals and opens, and on 2 shared cores a 1 GiB push or pull is
//! bound by CPU. Measured here on 1 MiB: RustCrypto's XChaCha20-Poly1305 1.5 GB/s, ring's
//! ChaCha20-Poly1305 2.3 GB/s, ring's AES-256-GCM 9.9 GB/s (VAES); CPUs without AES
//! instructions run ring's constant-time fallback. Why assembled here rather than RustCrypto's
//! `xaes-256-gcm` crate: that crate runs RustCrypto's GCM, 1.5 GB/s here. The derivation (three
//! AES blocks per chunk) uses RustCrypto's `aes`, the AEAD ring's, which rustls already brings
//! into this library. The C2SP vectors below check the assembly.
//!
//! Secrets: the key schedule of the chunk key and the derivation subkey zeroize on drop; a
//! chunk's derived key lives in ring's key schedule for one seal or open, which ring does not
//! zeroize (it opens that one chunk only).

use aes::{
    Aes256,
    cipher::{BlockEncrypt, KeyInit, generic_array::GenericArray},
};
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, Tag, UnboundKey};
use zeroize::{Zeroize, Zeroizing};

pub(super) const XAES_NONCE_LEN: usize = 24;
pub(super) const XAES_TAG_LEN: usize = 16;

/// The AES-256 key schedule of a 32-byte key and its CMAC subkey K1.
pub(super) struct Xaes {
    aes: Aes256,
    k1: Zeroizing<[u8; 16]>,
}

/// The tag did not match: altered bytes, or another key, nonce or associated data.
#[derive(Debug)]
pub(super) struct Unauthentic;

impl Xaes {
    pub fn new(key: &[u8; 32]) -> Self {
        let aes = Aes256::new(GenericArray::from_slice(key));
        let mut l = GenericArray::from([0u8; 16]);
        aes.encrypt_block(&mut l);
        // K1 = L << 1, reduced by 0x87 when L's top bit was set (CMAC, NIST SP 800-38B).
        let mut k1 = Zeroizing::new([0u8; 16]);
        for i in 0..16 {
            k1[i] = (l[i] << 1) | l.get(i + 1).map_or(0, |next| next >> 7);
        }
        k1[15] ^= 0x87 & 0u8.wrapping_sub(l[0] >> 7);
        l.zeroize();
        Self { aes, k1 }
    }

    /// AES-256-GCM keyed for `nonce`: Kx = AES(M1 ⊕ K1) ‖ AES(M2 ⊕ K1) with
    /// Mi = 0x00 ‖ i ‖ "X" ‖ 0x00 ‖ nonce[..12], and the GCM nonce nonce[12..].
    fn keyed(&self, nonce: &[u8; XAES_NONCE_LEN]) -> (LessSafeKey, Nonce) {
        let mut kx = Zeroizing::new([0u8; 32]);
        for (half, i) in kx.chunks_exact_mut(16).zip(1u8..) {
            let mut block = GenericArray::from([0u8; 16]);
            block[1] = i;
            block[2] = b'X';
            block[4..].copy_from_slice(&nonce[..12]);
            block
                .iter_mut()
                .zip(self.k1.iter())
                .for_each(|(b, k)| *b ^= k);
            self.aes.encrypt_block(&mut block);
            half.copy_from_slice(&block);
            block.zeroize();
        }
        let key = UnboundKey::new(&AES_256_GCM, kx.as_slice()).expect("a 32-byte AES-256 key");
        let gcm_nonce: [u8; 12] = nonce[12..].try_into().expect("12 bytes");
        (
            LessSafeKey::new(key),
            Nonce::assume_unique_for_key(gcm_nonce),
        )
    }

    /// Encrypts `in_out` in place; returns the tag.
    pub fn seal(
        &self,
        nonce: &[u8; XAES_NONCE_LEN],
        associated_data: &[u8],
        in_out: &mut [u8],
    ) -> [u8; XAES_TAG_LEN] {
        let (key, nonce) = self.keyed(nonce);
        let tag = key
            .seal_in_place_separate_tag(nonce, Aad::from(associated_data), in_out)
            .expect("AES-GCM seals up to 64 GiB per nonce; chunks are at most 8 MiB");
        tag.as_ref().try_into().expect("16 bytes")
    }

    /// Authenticates and decrypts `in_out` in place.
    pub fn open(
        &self,
        nonce: &[u8; XAES_NONCE_LEN],
        associated_data: &[u8],
        in_out: &mut [u8],
        tag: &[u8; XAES_TAG_LEN],
    ) -> Result<(), Unauthentic> {
        let (key, nonce) = self.keyed(nonce);
        key.open_in_place_separate_tag(
            nonce,
            Aad::from(associated_data),
            Tag::from(*tag),
            in_out,
            0..,
        )
        .map(|_| ())
        .map_err(|_| Unauthentic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two vectors of the C2SP specification.
    #[test]
    fn c2sp_vectors() {
        for (key, ad, ciphertext_and_tag) in [
            (
                [0x01; 32],
                &b""[..],
                "ce546ef63c9cc60765923609b33a9a1974e96e52daf2fcf7075e2271",
            ),
            (
                [0x03; 32],
                b"c2sp.org/XAES-256-GCM",
                "986ec1832593df5443a179437fd083bf3fdb41abd740a21f71eb769d",
            ),
        ] {
            let xaes = Xaes::new(&key);
            let nonce = b"ABCDEFGHIJKLMNOPQRSTUVWX";
            let mut text = b"XAES-256-GCM".to_vec();
            let tag = xaes.seal(nonce, ad, &mut text);
            assert_eq!(
                hex::encode([text.as_slice(), &tag].concat()),
                ciphertext_and_tag
            );
            xaes.open(nonce, ad, &mut text, &tag).unwrap();
            assert_eq!(text, b"XAES-256-GCM");
        }
    }

    #[test]
    fn any_change_fails() {
        let xaes = Xaes::new(&[7; 32]);
        let nonce = [9u8; 24];
        let mut text = vec![5u8; 100];
        let tag = xaes.seal(&nonce, b"ad", &mut text);
        let mut other_nonce = nonce;
        other_nonce[3] ^= 1;
        let mut other_tag = tag;
        other_tag[0] ^= 1;
        let mut flipped = text.clone();
        flipped[50] ^= 1;
        for (nonce, ad, mut text, tag) in [
            (other_nonce, &b"ad"[..], text.clone(), tag),
            (nonce, b"aD", text.clone(), tag),
            (nonce, b"ad", text.clone(), other_tag),
            (nonce, b"ad", flipped, tag),
        ] {
            assert!(xaes.open(&nonce, ad, &mut text, &tag).is_err());
        }
        assert!(
            Xaes::new(&[8; 32])
                .open(&nonce, b"ad", &mut text, &tag)
                .is_err()
        );
    }
}
