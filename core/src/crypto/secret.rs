//! The group secret, and its derivation from a passphrase with Argon2id.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::{Error, Result};

/// The 32-byte secret shared by every device of a group. Everything else is derived from it.
///
/// Zeroized on drop; `Debug` never prints it.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct GroupSecret([u8; 32]);

impl GroupSecret {
    pub const LEN: usize = 32;

    /// A fresh secret from the OS random generator.
    pub fn generate() -> Self {
        Self(random_bytes())
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let arr: [u8; 32] = bytes.try_into().map_err(|_| {
            Error::InvalidConfig(format!(
                "group secret must be 32 bytes, got {}",
                bytes.len()
            ))
        })?;
        Ok(Self(arr))
    }

    /// The raw bytes, for an app that must store the secret (keychain) or pass it on.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for GroupSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupSecret(<redacted>)")
    }
}

/// A 16-byte Argon2id salt. Public: it travels in invites and configs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salt(pub [u8; 16]);

impl Salt {
    pub fn generate() -> Self {
        Self(random_bytes())
    }
}

/// Argon2id cost parameters. Explicit and carried with the salt, so every device derives the
/// same secret whatever its memory: a device never picks parameters of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// RFC 9106's second recommended option (64 MiB, 3 passes, 1 lane): affordable on phones.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };
    /// The weakest parameters accepted (OWASP's Argon2id minimum). Anything below is refused,
    /// so a forged invite cannot talk a device into a cheap derivation.
    pub const MIN: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };
    /// Upper bounds that keep a hostile invite from exhausting a device.
    const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
    const MAX_ITERATIONS: u32 = 64;
    const MAX_PARALLELISM: u32 = 16;

    pub fn validate(&self) -> Result<()> {
        let ok = (Self::MIN.memory_kib..=Self::MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (Self::MIN.iterations..=Self::MAX_ITERATIONS).contains(&self.iterations)
            && (Self::MIN.parallelism..=Self::MAX_PARALLELISM).contains(&self.parallelism);
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidConfig(format!(
                "KDF parameters out of range: {self:?} (memory {}..={} KiB, iterations {}..={}, \
                 parallelism {}..={})",
                Self::MIN.memory_kib,
                Self::MAX_MEMORY_KIB,
                Self::MIN.iterations,
                Self::MAX_ITERATIONS,
                Self::MIN.parallelism,
                Self::MAX_PARALLELISM
            )))
        }
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Argon2id(passphrase, salt, params) → group secret.
///
/// CPU- and memory-heavy by design (hundreds of milliseconds): call it from a blocking
/// thread (`tokio::task::spawn_blocking`), never on an async worker.
pub fn derive_secret(passphrase: &[u8], salt: &Salt, params: &KdfParams) -> Result<GroupSecret> {
    if passphrase.is_empty() {
        return Err(Error::InvalidConfig("passphrase is empty".into()));
    }
    params.validate()?;
    let argon_params = argon2::Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(GroupSecret::LEN),
    )
    .map_err(|e| Error::InvalidConfig(format!("KDF parameters: {e}")))?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut out = [0u8; 32];
    argon
        .hash_password_into(passphrase, &salt.0, &mut out)
        .map_err(|e| Error::InvalidConfig(format!("KDF failed: {e}")))?;
    let secret = GroupSecret(out);
    out.zeroize();
    Ok(secret)
}

/// `N` bytes from the OS random generator. A failing OS generator is unrecoverable.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("OS random number generator failed");
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = GroupSecret::from_bytes([0xAB; 32]);
        let printed = format!("{s:?}");
        assert!(!printed.to_lowercase().contains("ab"), "{printed}");
    }

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let p = KdfParams::MIN;
        let a = derive_secret(b"correct horse", &Salt([1; 16]), &p).unwrap();
        let b = derive_secret(b"correct horse", &Salt([1; 16]), &p).unwrap();
        let c = derive_secret(b"correct horse", &Salt([2; 16]), &p).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn weak_or_hostile_params_are_refused() {
        for p in [
            KdfParams {
                memory_kib: 1024,
                ..KdfParams::MIN
            },
            KdfParams {
                iterations: 1,
                ..KdfParams::MIN
            },
            KdfParams {
                memory_kib: u32::MAX,
                ..KdfParams::MIN
            },
        ] {
            assert!(matches!(
                derive_secret(b"pw", &Salt([0; 16]), &p),
                Err(Error::InvalidConfig(_))
            ));
        }
        assert!(matches!(
            derive_secret(b"", &Salt([0; 16]), &KdfParams::MIN),
            Err(Error::InvalidConfig(_))
        ));
    }
}
