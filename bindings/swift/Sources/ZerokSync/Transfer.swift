import Foundation
import ZerokSyncNative

/// An object as another device pushed it (`SyncBlob.object`): `objectId`, `size`, `blake3`
/// (hex), `chunkSize`, `chunkCount`, the base `name` it was pushed with, and an object up to
/// 256 KiB in `inlineBytes`. `SyncClient.download(_:to:)` takes it back.
public typealias RemoteObject = ZerokSyncNative.RemoteObject

/// Where a transfer stands: `bytesDone` of `bytesTotal` (on the relay, or verified and
/// written), `bytesSent` (what this transfer moved: a resumed one does not count what was
/// already there), `chunksDone` of `chunksTotal`.
public typealias TransferProgress = ZerokSyncNative.TransferProgress

/// How a transfer ended: `objectId`, `size`, `blake3` and an upload's `cursor` or a
/// download's `path`.
public typealias TransferResult = ZerokSyncNative.TransferResult

/// An upload or download running in the library (chunking, retries, resuming and verifying
/// all happen there): `for await p in transfer.progress` to show it, `try await
/// transfer.value` for its result.
///
/// The transfer belongs to whoever awaits it: cancelling the task in `value` or `outcome()`
/// cancels the transfer (`.cancelled`), unlike a push, because a transfer may run for minutes
/// and a task that stopped caring must not keep a network busy; so does `cancel()`, and so
/// does releasing the last reference to it. Every member may be used from any task.
public final class Transfer: Sendable {
    let native: ZerokSyncNative.Transfer

    /// The object's id (hex), as `RemoteObject.objectId` and `TransferResult.objectId` give it.
    public let objectId: String

    init(native: ZerokSyncNative.Transfer) {
        self.native = native
        objectId = native.objectId()
    }

    /// The latest progress, at once.
    public var currentProgress: TransferProgress { native.progress() }

    /// The progress as it changes, the latest value each time (a slow loop skips intermediate
    /// ones, never falls behind); the loop ends after the last one, once the transfer ended.
    /// Cancelling the loop's task ends the loop, not the transfer. One loop at a time.
    public var progress: AsyncStream<TransferProgress> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let reader = Task { [native] in
                while !Task.isCancelled, let next = await native.nextProgress() { continuation.yield(next) }
                continuation.finish()
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
    }

    /// The result once the transfer ended; any number of tasks may await it. Throws how it
    /// failed: `.cancelled`, `.io` (the file changed or could not be read or written),
    /// `.tampered` (a chunk failed authentication: no file is written), `.objectUnavailable`
    /// (no relay holds the object), or a network error once retries ran out.
    public func outcome() async throws -> TransferResult {
        try await withTaskCancellationHandler {
            try await translated { try await native.outcome() }
        } onCancel: {
            native.cancelTransfer()
        }
    }

    /// `outcome()`, as `Task.value` reads.
    public var value: TransferResult {
        get async throws { try await outcome() }
    }

    /// Stops the transfer: it ends with `.cancelled`, leaving no object and no file (unless it
    /// ended first). Idempotent.
    public func cancel() {
        native.cancelTransfer()
    }
}

/// An upload of exactly the size given to `SyncClient.pushStream(size:name:)`, written in
/// pieces: `write(_:)` each, then `finish()`. `transfer` shows its progress and cancels it.
/// Cancelling a task in `write` or `finish` cancels the upload, as for a `Transfer`.
public final class Upload: Sendable {
    let native: ZerokSyncNative.Upload

    /// The upload's transfer: progress, cancellation, result.
    public let transfer: Transfer

    init(native: ZerokSyncNative.Upload) {
        self.native = native
        transfer = Transfer(native: native.transfer())
    }

    /// Returns once `data` is buffered, so a writer faster than the network waits. Throws
    /// `.io` once the upload ended (more bytes than its size, or it failed: `finish()` says why).
    public func write(_ data: Data) async throws {
        try await owned { try await native.write(data: data) }
    }

    /// Writes every piece of `pieces`, then finishes. A write refused because the upload ended
    /// throws how it ended; an error of `pieces` cancels the upload and is rethrown.
    public func write<Pieces: AsyncSequence>(contentsOf pieces: Pieces) async throws -> TransferResult
    where Pieces.Element == Data {
        do {
            for try await piece in pieces { try await write(piece) }
        } catch is SyncError {
            // The upload ended: its outcome, which finish() returns, says why.
        } catch {
            transfer.cancel()
            throw error
        }
        return try await finish()
    }

    /// Ends the data and returns the result once the relay holds the object; `.io` unless
    /// exactly the declared size was written.
    public func finish() async throws -> TransferResult {
        try await owned { try await native.finish() }
    }

    private func owned<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        try await withTaskCancellationHandler { try await translated(call) } onCancel: { transfer.cancel() }
    }
}

extension SyncClient {
    /// Pushes the file at `url` as an object (over 256 KiB in 1 MiB chunks, resumed across
    /// reconnects and failovers; the file must not change meanwhile) and returns its running
    /// transfer at once. Other devices see a blob whose `object` `download(_:to:)` fetches.
    public func pushFile(at url: URL) async throws -> Transfer {
        Transfer(native: try await translated { try await native.pushFile(path: url.path) })
    }

    /// Queues the file at `url` in the durable outbox, without network (like `enqueue`), and
    /// returns its object id: sent in order with the queued blobs, across restarts.
    /// `.outboxSent` reports it; a file changed before it was sent, `.outboxRejected`.
    public func enqueueFile(at url: URL) async throws -> String {
        try await translated { try await native.enqueueFile(path: url.path) }
    }

    /// An upload of exactly `size` bytes the app writes (`Upload.write`), named `name`.
    public func pushStream(size: UInt64, name: String? = nil) async throws -> Upload {
        Upload(native: try await translated { try await native.pushStream(size: size, name: name) })
    }

    /// Pushes `size` bytes read from `pieces` (e.g. a `FileHandle`'s or a network stream's
    /// chunks) as an object named `name`, and returns the result once the relay holds it.
    public func push<Pieces: AsyncSequence>(contentsOf pieces: Pieces, size: UInt64, name: String? = nil) async throws
        -> TransferResult
    where Pieces.Element == Data {
        try await pushStream(size: size, name: name).write(contentsOf: pieces)
    }

    /// Downloads `object` into the file at `url`, which appears only once complete and
    /// verified; a part file beside it lets a later download of the same object resume.
    public func download(_ object: RemoteObject, to url: URL) async throws -> Transfer {
        Transfer(native: try await translated { try await native.download(object: object, path: url.path) })
    }
}
