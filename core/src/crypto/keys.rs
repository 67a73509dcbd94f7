//! Keys derived from the group secret with HKDF-SHA256 and domain-separated labels.

use chacha20poly1305::Key;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{GroupSecret, xaes::Xaes};

const LABEL_BLOB_KEY: &[u8] = b"0k-sync/v1/blob-key";
const LABEL_CHUNK_KEY: &[u8] = b"0k-sync/v1/chunk-key";
const LABEL_AUTH_SEED: &[u8] = b"0k-sync/v1/auth-seed";
const LABEL_GROUP_ID: &[u8] = b"0k-sync/v1/group-id";
const LABEL_AUTH_TRANSCRIPT: &[u8] = b"0k-sync/v1/auth";

/// Public identifier of a group: SHA-256(label ‖ auth public key). Any relay can check a
/// membership proof against it without prior registration.
pub type GroupId = [u8; 32];

/// Every key a device derives from the group secret. Never leaves the core; the blob key, the
/// chunk key's schedule and the signing key zeroize themselves on drop.
pub struct GroupKeys {
    blob_key: Zeroizing<[u8; 32]>,
    /// Object chunks' XAES-256-GCM key (its own key: one key never serves two AEADs).
    chunk: Xaes,
    auth: SigningKey,
    group_id: GroupId,
}

impl GroupKeys {
    pub fn derive(secret: &GroupSecret) -> Self {
        let hk = Hkdf::<Sha256>::new(None, secret.expose());
        let mut blob_key = Zeroizing::new([0u8; 32]);
        let mut chunk_key = Zeroizing::new([0u8; 32]);
        let mut auth_seed = Zeroizing::new([0u8; 32]);
        hk.expand(LABEL_BLOB_KEY, blob_key.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        hk.expand(LABEL_CHUNK_KEY, chunk_key.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        hk.expand(LABEL_AUTH_SEED, auth_seed.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        let auth = SigningKey::from_bytes(&auth_seed);
        let group_id = group_id_of(&auth.verifying_key().to_bytes());
        Self {
            blob_key,
            chunk: Xaes::new(&chunk_key),
            auth,
            group_id,
        }
    }

    pub fn group_id(&self) -> &GroupId {
        &self.group_id
    }

    /// The Ed25519 public key a relay checks membership proofs against.
    pub fn auth_public(&self) -> [u8; 32] {
        self.auth.verifying_key().to_bytes()
    }

    /// Signs the handshake transcript (see [`auth_transcript`]).
    pub fn sign_auth(&self, transcript: &[u8]) -> [u8; 64] {
        self.auth.sign(transcript).to_bytes()
    }

    /// The XChaCha20-Poly1305 key of blob envelopes, borrowed where it lives (a `Key` by
    /// value would leave a copy on the stack that nothing zeroizes).
    pub(super) fn blob_key(&self) -> &Key {
        self.blob_key.as_slice().try_into().expect("32 bytes")
    }

    /// The XAES-256-GCM key of object chunks.
    pub(super) fn chunk_cipher(&self) -> &Xaes {
        &self.chunk
    }
}

impl std::fmt::Debug for GroupKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupKeys")
            .field("group_id", &hex::encode(self.group_id))
            .finish_non_exhaustive()
    }
}

/// group_id = SHA-256("0k-sync/v1/group-id" ‖ auth public key).
pub fn group_id_of(auth_public: &[u8; 32]) -> GroupId {
    let mut h = Sha256::new();
    h.update(LABEL_GROUP_ID);
    h.update(auth_public);
    h.finalize().into()
}

/// What a device signs to prove membership: it binds the relay's fresh nonce, both QUIC
/// endpoint ids and the group, so the proof is useless on any other connection.
pub fn auth_transcript(
    version: u16,
    nonce: &[u8; 32],
    client_endpoint: &[u8; 32],
    relay_endpoint: &[u8; 32],
    group_id: &GroupId,
) -> Vec<u8> {
    let mut t = Vec::with_capacity(LABEL_AUTH_TRANSCRIPT.len() + 2 + 32 * 4);
    t.extend_from_slice(LABEL_AUTH_TRANSCRIPT);
    t.extend_from_slice(&version.to_be_bytes());
    t.extend_from_slice(nonce);
    t.extend_from_slice(client_endpoint);
    t.extend_from_slice(relay_endpoint);
    t.extend_from_slice(group_id);
    t
}

/// Relay side of the membership check: the public key hashes to the claimed group and the
/// signature over the transcript verifies (strictly: no malleable signatures).
pub fn verify_membership(
    group_id: &GroupId,
    auth_public: &[u8; 32],
    transcript: &[u8],
    signature: &[u8; 64],
) -> bool {
    if &group_id_of(auth_public) != group_id {
        return false;
    }
    let Ok(key) = VerifyingKey::from_bytes(auth_public) else {
        return false;
    };
    key.verify_strict(transcript, &Signature::from_bytes(signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_proof_verifies_only_for_its_transcript_and_group() {
        let keys = GroupKeys::derive(&GroupSecret::from_bytes([7; 32]));
        let t = auth_transcript(1, &[1; 32], &[2; 32], &[3; 32], keys.group_id());
        let sig = keys.sign_auth(&t);
        assert!(verify_membership(
            keys.group_id(),
            &keys.auth_public(),
            &t,
            &sig
        ));
        let other = auth_transcript(1, &[9; 32], &[2; 32], &[3; 32], keys.group_id());
        assert!(!verify_membership(
            keys.group_id(),
            &keys.auth_public(),
            &other,
            &sig
        ));
        let stranger = GroupKeys::derive(&GroupSecret::from_bytes([8; 32]));
        assert!(!verify_membership(
            stranger.group_id(),
            &keys.auth_public(),
            &t,
            &sig
        ));
    }

    #[test]
    fn derived_keys_zeroize_on_drop() {
        fn zeroizes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroizes_on_drop::<Zeroizing<[u8; 32]>>();
        // What `seal` and `open` build from the blob key for one envelope.
        zeroizes_on_drop::<chacha20poly1305::XChaCha20Poly1305>();
        zeroizes_on_drop::<chacha20::XChaCha20>();
        // Poly1305 wipes itself in `Drop` (its `zeroize` feature) without the marker trait.
        // The chunk key's AES schedule (its CMAC subkey is a `Zeroizing`).
        zeroizes_on_drop::<aes::Aes256>();
        zeroizes_on_drop::<SigningKey>();
        zeroizes_on_drop::<GroupSecret>();
    }

    #[test]
    fn subkeys_are_domain_separated() {
        let keys = GroupKeys::derive(&GroupSecret::from_bytes([7; 32]));
        assert_ne!(keys.group_id(), &keys.auth_public());
        assert!(format!("{keys:?}").contains("group_id"));
    }
}
