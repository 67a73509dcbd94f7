import Foundation
import ZerokSyncNative

/// One blob of the group, decrypted: `blobId`, `payload`, `cursor`, `timestampMs`, and
/// `object` when it is a file another device pushed (its `payload` is then empty):
/// `SyncClient.download(_:to:)` fetches it.
public typealias SyncBlob = ZerokSyncNative.SyncBlob

/// The relay's acknowledgement of a push: stored durably under `blobId` at `cursor`.
public typealias PushResult = ZerokSyncNative.PushResult

/// What a pull read: the good `blobs`, oldest first, and each `tampered` one (a blob the
/// relay altered, swapped or replayed); the blobs after a tampered one are read all the same.
public typealias PullResult = ZerokSyncNative.PullResult

/// A stored blob that failed authentication: its `blobId` and `cursor`.
public typealias TamperedBlob = ZerokSyncNative.TamperedBlob

/// What the outbox holds: `count` blobs, `bytes` sealed bytes, their `blobIds` in enqueue
/// order (the next to send first).
public typealias Pending = ZerokSyncNative.Pending

/// What happens to a client in the background: `.connected(relay:)`,
/// `.disconnected(relay:reason:)`, `.failover(fromRelay:toRelay:)`,
/// `.outboxSent(blobId:cursor:pending:)`, `.outboxRejected(blobId:reason:)` (a relay refused
/// an outbox blob for good; it left the outbox) and `.lagged(missed:)` (the stream fell behind
/// and missed that many events). For a sync indicator; the client retries on its own.
public typealias SyncEvent = ZerokSyncNative.SyncEvent

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
    /// A file keeping this device's id and cursors across runs, with the outbox beside it;
    /// both in memory if nil (an enqueued blob then dies with the process).
    public var statePath: String?
    /// Silence after which the client sends a keep-alive: 3 s if nil. A phone wants 4.5 s (and
    /// `idleTimeout` 15 s), the longest the transport allows (iroh 1.4 keeps every path alive
    /// at least every 5 s); longer values throw `.invalidConfig`.
    public var keepAlive: Duration?
    /// Silence after which a session counts as dead (the client reconnects): 10 s if nil.
    public var idleTimeout: Duration?
    /// How long dialing and authenticating with one relay may take: 5 s if nil.
    public var connectTimeout: Duration?
    /// How long one call may take in all, retries and rate-limit pacing included: 30 s if nil.
    public var requestTimeout: Duration?
    /// Sealed bytes the outbox may hold (`enqueue` beyond throws `.outboxFull`): 256 MiB if nil.
    public var outboxMaxBytes: UInt64?

    public init(
        relayAddresses: [String], passphrase: String? = nil, secretBytes: Data? = nil, salt: Data? = nil,
        kdf: KdfParams? = nil, deviceName: String? = nil, ttl: Duration? = nil, statePath: String? = nil,
        keepAlive: Duration? = nil, idleTimeout: Duration? = nil, connectTimeout: Duration? = nil,
        requestTimeout: Duration? = nil, outboxMaxBytes: UInt64? = nil
    ) {
        self.relayAddresses = relayAddresses
        self.passphrase = passphrase
        self.secretBytes = secretBytes
        self.salt = salt
        self.kdf = kdf
        self.deviceName = deviceName
        self.ttl = ttl
        self.statePath = statePath
        self.keepAlive = keepAlive
        self.idleTimeout = idleTimeout
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.outboxMaxBytes = outboxMaxBytes
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
            statePath: statePath, keepAliveMs: keepAlive.map(milliseconds), idleTimeoutMs: idleTimeout.map(milliseconds),
            connectTimeoutMs: connectTimeout.map(milliseconds), requestTimeoutMs: requestTimeout.map(milliseconds),
            outboxMaxBytes: outboxMaxBytes)
    }
}

/// Whole milliseconds of `duration` (a negative one is 0), as the library takes durations.
func milliseconds(_ duration: Duration) -> UInt64 {
    guard duration > .zero else { return 0 }
    let (seconds, attoseconds) = duration.components
    return UInt64(seconds) * 1000 + UInt64(attoseconds / 1_000_000_000_000_000)
}

// Printing a config, an invite or a derived secret (string interpolation, `print`, `dump`,
// a debugger) must never show a secret.

extension SyncConfig: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        func show(_ value: (some Any)?) -> String { value.map { "\($0)" } ?? "nil" }
        return "SyncConfig(relayAddresses: \(relayAddresses), deviceName: \(show(deviceName.map(\.debugDescription))), "
            + "ttl: \(show(ttl)), statePath: \(show(statePath.map(\.debugDescription))), keepAlive: \(show(keepAlive)), "
            + "idleTimeout: \(show(idleTimeout)), connectTimeout: \(show(connectTimeout)), "
            + "requestTimeout: \(show(requestTimeout)), outboxMaxBytes: \(show(outboxMaxBytes)))"
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
