import Foundation
import ZerokSyncNative

/// One blob of the group, decrypted: `blobId`, `payload`, `cursor`, `timestampMs`.
public typealias SyncBlob = ZerokSyncNative.SyncBlob

/// The relay's acknowledgement of a push: stored durably under `blobId` at `cursor`.
public typealias PushResult = ZerokSyncNative.PushResult

/// An invitation into a group. It carries the group secret: log it nowhere (its
/// `description` leaves the secret out).
public typealias Invite = ZerokSyncNative.Invite

/// Argon2id cost parameters; every device of a passphrase group uses the same.
public typealias KdfParams = ZerokSyncNative.KdfParams

/// A secret derived from a passphrase, with the salt and parameters that reproduce it (its
/// `description` leaves the secret out).
public typealias DerivedSecret = ZerokSyncNative.DerivedSecret

/// Versions of the loaded library: core, wire protocol, FFI.
public typealias VersionInfo = ZerokSyncNative.VersionInfo

/// Everything a client needs. Give exactly one of `passphrase` and `secretBytes`; a passphrase
/// also needs the group's `salt` (and its `kdf`, defaults otherwise). `description` leaves out
/// the passphrase and the secret.
public struct SyncConfig: Hashable, Sendable {
    /// `<endpoint id>@<ip:port>` as `zerok relay` prints them, in order of preference.
    public var relayAddresses: [String]
    public var passphrase: String?
    public var secretBytes: Data?
    public var salt: Data?
    public var kdf: KdfParams?
    /// A name for this device (at most 256 bytes), for logs and the relay's operator.
    public var deviceName: String?
    /// How long the relay keeps this device's blobs (whole seconds); the relay's default if nil.
    public var ttl: Duration?
    /// A file keeping this device's id and cursors across runs; in memory if nil.
    public var statePath: String?

    public init(
        relayAddresses: [String], passphrase: String? = nil, secretBytes: Data? = nil, salt: Data? = nil,
        kdf: KdfParams? = nil, deviceName: String? = nil, ttl: Duration? = nil, statePath: String? = nil
    ) {
        self.relayAddresses = relayAddresses
        self.passphrase = passphrase
        self.secretBytes = secretBytes
        self.salt = salt
        self.kdf = kdf
        self.deviceName = deviceName
        self.ttl = ttl
        self.statePath = statePath
    }

    /// A config joining the invite's group (its relays, secret and KDF parameters).
    public init(invite: Invite, deviceName: String? = nil, statePath: String? = nil) {
        self.init(
            relayAddresses: invite.relayAddresses, secretBytes: invite.secretBytes, salt: invite.salt,
            kdf: invite.kdf, deviceName: deviceName, statePath: statePath)
    }

    var native: ZerokSyncNative.SyncConfig {
        ZerokSyncNative.SyncConfig(
            relayAddresses: relayAddresses, passphrase: passphrase, secretBytes: secretBytes, salt: salt,
            kdf: kdf, deviceName: deviceName, ttlSecs: ttl.map { UInt64(max(0, $0.components.seconds)) },
            statePath: statePath)
    }
}

// Printing a config, an invite or a derived secret (string interpolation, `print`, `dump`,
// a debugger) must never show a secret.

extension SyncConfig: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "SyncConfig(relayAddresses: \(relayAddresses), deviceName: \(deviceName.map { "\"\($0)\"" } ?? "nil"), "
            + "ttl: \(ttl.map { "\($0)" } ?? "nil"), statePath: \(statePath.map { "\"\($0)\"" } ?? "nil"))"
    }
    public var debugDescription: String { description }
}

extension ZerokSyncNative.Invite: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "Invite(relayAddresses: \(relayAddresses), expiresAt: \(expiresAt))" }
    public var debugDescription: String { description }
}

extension ZerokSyncNative.DerivedSecret: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "DerivedSecret(salt: \(salt.count) bytes, kdf: \(kdf))" }
    public var debugDescription: String { description }
}

extension Invite {
    /// Parses an invite string (what `qr()` made); throws `.inviteExpired`, `.invalidInvite`
    /// or `.unsupportedInviteVersion`.
    public init(qr: String) throws {
        self = try translated { try inviteFromQr(qr: qr) }
    }

    /// The invite as a compact, URL-safe string (what a QR code shows).
    public func qr() throws -> String {
        try translated { try inviteToQr(invite: self) }
    }
}
