import Foundation
import ZerokSyncNative

/// What a device that typed a pairing code receives: the group's `invite` (the same record a
/// QR code carries: `SyncConfig(invite:)` makes a client of it) and the `verifier`, the digits
/// ("ddd ddd") both devices show for people who want to compare. Its `description` leaves the
/// group secret out.
public typealias PairedInvite = ZerokSyncNative.PairedInvite

extension ZerokSyncNative.PairedInvite: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "PairedInvite(invite: \(invite), verifier: \(verifier.debugDescription))" }
    public var debugDescription: String { description }
}

/// A pairing code this device shows (`SyncClient.createPairingCode`): another device types
/// `code` into `joinWithCode` and receives the group's invite.
///
/// The exchange runs in the library from the moment the code exists; `wait()` only awaits its
/// outcome. The pairing ends with `cancel()`, with the cancellation of a task in `wait()`, or
/// when the last reference to this object goes: a code nobody shows or waits for any more
/// must not let a device in. Every member may be used from any task concurrently.
public final class Pairing: Sendable {
    let native: ZerokSyncNative.Pairing

    /// What the other device types: `XXXX-XXXX-XXXX-XXXX` (Crockford base32; typing is
    /// forgiving about case and look-alike letters).
    public let code: String

    /// When the code stops working: the relay's clock, Unix milliseconds.
    public let expiresAtMs: UInt64

    init(native: ZerokSyncNative.Pairing) {
        self.native = native
        code = native.code()
        expiresAtMs = native.expiresAtMs()
    }

    deinit {
        native.cancel()
    }

    /// The verifier (`"ddd ddd"`, equal to the other device's `PairedInvite.verifier`) once the
    /// other device has the invite. Any number of callers get the one outcome. Throws
    /// `.pairingFailed` (a wrong code was typed, or the pairing was cancelled) or
    /// `.pairingExpired` (nobody typed the code in time).
    ///
    /// Cancelling the calling task cancels the pairing, as `cancel()` does, so every waiter
    /// then throws `.pairingFailed`: unlike a push, whose outcome is worth keeping, a wait ends
    /// when its task stops caring (a screen showing the code went away), and the code must not
    /// go on admitting a device for up to its lifetime.
    public func wait() async throws -> String {
        try await withTaskCancellationHandler {
            try await translated { try await native.wait() }
        } onCancel: {
            native.cancel()
        }
    }

    /// Ends the pairing; idempotent, and without effect once it finished. Waiters throw
    /// `.pairingFailed`, and so does the other device if it is typing the code.
    public func cancel() {
        native.cancel()
    }
}

/// Joins a group by the code another device shows, through the first of `relayAddresses`
/// that answers (the relay the code was shown through). Throws `.invalidPairingCode` for a
/// typo (at once, no traffic), `.pairingFailed` (a wrong, used, cancelled or unknown code) or
/// `.pairingExpired`. Like a push, it runs to its end once started (a task's cancellation does
/// not withdraw it), within the library's request timeout.
public func joinWithCode(_ code: String, relayAddresses: [String]) async throws -> PairedInvite {
    try await translated { try await ZerokSyncNative.joinWithCode(code: code, relayAddresses: relayAddresses) }
}
