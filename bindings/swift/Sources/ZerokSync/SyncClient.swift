import Foundation
import ZerokSyncNative

/// One device of a group, syncing through its relays. Create it with `create(_:)`; every
/// method may run concurrently with any other, from any task or thread.
///
/// Cancelling a task does not withdraw a call already started: a push is stored, a pull's
/// blobs are returned (and the cursor advanced) as usual, so nothing is half done. Loops over
/// `subscribe()` and `events()`, which may wait forever, end at once, and so does a pairing's
/// `wait()` (cancelling the pairing); give `flush` a timeout where the task may be cancelled.
/// Releasing the last reference without `shutdown()` shuts the client down in the background.
public final class SyncClient: Sendable {
    let native: ZerokSyncNative.SyncClient

    private init(native: ZerokSyncNative.SyncClient) {
        self.native = native
    }

    /// A client for `config`; no network traffic until `connect()`.
    public static func create(_ config: SyncConfig) async throws -> SyncClient {
        SyncClient(native: try await translated { try await createClient(config: config.native) })
    }

    /// Connects to the first relay (in the configured order) that accepts the group.
    public func connect() async throws {
        try await translated { try await native.connect() }
    }

    /// Closes every session; calls fail with `.notConnected` until `connect()`.
    public func disconnect() async {
        await native.disconnect()
    }

    /// Encrypts and pushes `payload`; returns once the relay has stored it durably. A lost
    /// connection or acknowledgement is retried (same blob id, so stored once) and the relay's
    /// rate limit waited out, within `SyncConfig.requestTimeout`.
    public func push(_ payload: Data) async throws -> PushResult {
        try await translated { try await native.push(payload: payload) }
    }

    /// Seals `payload` into the outbox, durably (it survives the app being killed once this
    /// returned, given a `statePath`), and returns its blob id (hex) without network. The
    /// client delivers the outbox in enqueue order while connected, across reconnects and
    /// restarts, each blob once. Throws `.payloadTooLarge` or `.outboxFull` at once.
    public func enqueue(_ payload: Data) async throws -> String {
        try await translated { try await native.enqueue(payload: payload) }
    }

    /// What the outbox still holds.
    public var pending: Pending { native.pending() }

    /// Waits until the outbox is empty: throws `.timeout` after `timeout` (none if nil), and
    /// `.notConnected` while blobs wait and the client is not asked to be connected.
    public func flush(timeout: Duration? = nil) async throws {
        try await translated { try await native.flush(timeoutMs: timeout.map(milliseconds)) }
    }

    /// This client's events from now on (`for await event in client.events()`).
    public func events() -> Events {
        Events(native: native.events())
    }

    /// Every blob this device has not received yet, oldest first, and the tampered ones;
    /// advances the cursor.
    public func pull() async throws -> PullResult {
        try await translated { try await native.pull() }
    }

    /// Every blob after `cursor`, including ones received before, and the tampered ones.
    public func pull(after cursor: UInt64) async throws -> PullResult {
        try await translated { try await native.pullAfter(cursor: cursor) }
    }

    /// The group's blobs as they arrive (`for try await blob in client.subscribe()`).
    public func subscribe() -> Subscription {
        Subscription(client: self)
    }

    public var isConnected: Bool { native.isConnected() }

    /// Everything up to this cursor (on the active relay) has been received.
    public var currentCursor: UInt64 { native.currentCursor() }

    /// The address of the relay serving calls now; nil while disconnected.
    public var activeRelay: String? { native.activeRelay() }

    /// The group's public id (hex), the same on every device of the group.
    public var groupId: String { native.groupId() }

    /// An invite to this group valid for `ttl` (whole seconds); `qr()` makes it a string.
    public func createInvite(ttl: Duration) throws -> Invite {
        try translated { try native.createInvite(ttlSecs: UInt64(max(0, ttl.components.seconds))) }
    }

    /// Opens a pairing mailbox on the active relay and returns the code to show another device
    /// (`joinWithCode` there), valid for `ttl` (whole seconds; 10 minutes if nil, and the relay
    /// may shorten it). Throws `.notConnected` unless connected. Keep the `Pairing` while the
    /// code is shown: releasing it cancels the pairing.
    public func createPairingCode(ttl: Duration? = nil) async throws -> Pairing {
        let ttlSecs = ttl.map { UInt64(max(0, $0.components.seconds)) }
        return Pairing(native: try await translated { try await native.createPairingCode(ttlSecs: ttlSecs) })
    }

    /// Stops everything; idempotent. Later calls throw `.shutdown`.
    public func shutdown() async {
        await native.shutdown()
    }
}
