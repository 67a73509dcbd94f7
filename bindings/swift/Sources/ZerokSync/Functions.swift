import Foundation
import ZerokSyncNative

/// Argon2id of `passphrase` on a Rust thread. Without `salt` a fresh one is drawn; without
/// `kdf` the defaults apply. Store the returned salt and parameters: every device needs them.
public func deriveSecret(passphrase: String, salt: Data? = nil, kdf: KdfParams? = nil) async throws
    -> DerivedSecret
{
    try await translated { try await ZerokSyncNative.deriveSecret(passphrase: passphrase, salt: salt, kdf: kdf) }
}

/// Core, wire protocol and FFI versions of the loaded library.
public func version() -> VersionInfo {
    ZerokSyncNative.version()
}
