import Foundation
import ZerokSyncNative

/// Every failure of the library: one case per variant of the Rust error enum, each with a
/// readable message. Match a case whatever its message (`catch SyncError.notConnected`), or
/// read `message` and `code`. The facade's calls throw only this type. They are declared
/// `throws`, not `throws(SyncError)`: Swift 6.0's compiler crashes on a `catch` clause that
/// does not cover every error of a typed-throws call (`catch SyncError.tampered` alone).
public enum SyncError: Error, Hashable, Sendable {
    case notConnected(message: String)
    case connectionFailed(message: String)
    case allRelaysFailed(message: String)
    case unauthorized(message: String)
    case versionMismatch(message: String)
    case payloadTooLarge(message: String)
    case quotaExceeded(message: String)
    /// The relay's rate limit could not be waited out within the request timeout.
    case rateLimited(message: String)
    /// `enqueue` would grow the outbox past `SyncConfig.outboxMaxBytes`.
    case outboxFull(message: String)
    case inviteExpired(message: String)
    case invalidInvite(message: String)
    case unsupportedInviteVersion(message: String)
    /// A blob failed authentication: a subscription or pull goes on after it.
    case tampered(message: String)
    case invalidConfig(message: String)
    case unknownCursor(message: String)
    case `protocol`(message: String)
    case transport(message: String)
    case timeout(message: String)
    case relay(message: String)
    case state(message: String)
    /// The client was shut down.
    case shutdown(message: String)
    /// `joinWithCode` was given something that is no pairing code (a typo); nothing was sent.
    case invalidPairingCode(message: String)
    /// A wrong, used, cancelled or unknown pairing code: the pairing is over on both devices.
    case pairingFailed(message: String)
    /// Nobody typed the pairing code within its lifetime.
    case pairingExpired(message: String)
    /// A file could not be read or written, changed during its upload, or an upload's data
    /// was not its declared size.
    case io(message: String)
    /// The transfer was cancelled (`Transfer.cancel()`, its task's cancellation).
    case cancelled(message: String)
    /// No relay holds the object (expired, or never completely pushed).
    case objectUnavailable(message: String)
    /// A bug in the library (a Rust panic becomes this, never a crash).
    case `internal`(message: String)

    public var message: String {
        switch self {
        case let .notConnected(message), let .connectionFailed(message), let .allRelaysFailed(message),
             let .unauthorized(message), let .versionMismatch(message), let .payloadTooLarge(message),
             let .quotaExceeded(message), let .rateLimited(message), let .outboxFull(message),
             let .inviteExpired(message),
             let .invalidInvite(message), let .unsupportedInviteVersion(message), let .tampered(message),
             let .invalidConfig(message), let .unknownCursor(message), let .protocol(message),
             let .transport(message), let .timeout(message), let .relay(message), let .state(message),
             let .shutdown(message), let .invalidPairingCode(message), let .pairingFailed(message),
             let .pairingExpired(message), let .io(message), let .cancelled(message),
             let .objectUnavailable(message), let .internal(message):
            return message
        }
    }

    /// The variant's name as in the Rust enum and every other language ("NotConnected").
    public var code: String {
        // Every case carries a payload, so the mirror's one child is labelled with the case name.
        let name = Mirror(reflecting: self).children.first?.label ?? "internal"
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}

extension SyncError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { message }
    public var description: String { "\(code): \(message)" }
}

extension SyncError {
    /// The generated error, case for case; anything else the generated layer throws is a Rust
    /// panic or a lifting bug, both `.internal`.
    init(from error: any Error) {
        guard let native = error as? ZerokSyncNative.SyncError else {
            self = .internal(message: (error as? LocalizedError)?.errorDescription ?? "\(error)")
            return
        }
        switch native {
        case let .NotConnected(message): self = .notConnected(message: message)
        case let .ConnectionFailed(message): self = .connectionFailed(message: message)
        case let .AllRelaysFailed(message): self = .allRelaysFailed(message: message)
        case let .Unauthorized(message): self = .unauthorized(message: message)
        case let .VersionMismatch(message): self = .versionMismatch(message: message)
        case let .PayloadTooLarge(message): self = .payloadTooLarge(message: message)
        case let .QuotaExceeded(message): self = .quotaExceeded(message: message)
        case let .RateLimited(message): self = .rateLimited(message: message)
        case let .OutboxFull(message): self = .outboxFull(message: message)
        case let .InviteExpired(message): self = .inviteExpired(message: message)
        case let .InvalidInvite(message): self = .invalidInvite(message: message)
        case let .UnsupportedInviteVersion(message): self = .unsupportedInviteVersion(message: message)
        case let .Tampered(message): self = .tampered(message: message)
        case let .InvalidConfig(message): self = .invalidConfig(message: message)
        case let .UnknownCursor(message): self = .unknownCursor(message: message)
        case let .Protocol(message): self = .protocol(message: message)
        case let .Transport(message): self = .transport(message: message)
        case let .Timeout(message): self = .timeout(message: message)
        case let .Relay(message): self = .relay(message: message)
        case let .State(message): self = .state(message: message)
        case let .Shutdown(message): self = .shutdown(message: message)
        case let .InvalidPairingCode(message): self = .invalidPairingCode(message: message)
        case let .PairingFailed(message): self = .pairingFailed(message: message)
        case let .PairingExpired(message): self = .pairingExpired(message: message)
        case let .Io(message): self = .io(message: message)
        case let .Cancelled(message): self = .cancelled(message: message)
        case let .ObjectUnavailable(message): self = .objectUnavailable(message: message)
        case let .Internal(message): self = .internal(message: message)
        }
    }
}

/// Runs a generated call, translating what it throws.
func translated<T>(_ call: () throws -> T) throws -> T {
    do {
        return try call()
    } catch {
        throw SyncError(from: error)
    }
}

/// Runs a generated async call, translating what it throws.
func translated<T: Sendable>(_ call: () async throws -> T) async throws -> T {
    do {
        return try await call()
    } catch {
        throw SyncError(from: error)
    }
}
