import Foundation
import ZerokSyncNative

/// A subscription read running on its own (unstructured) task: the generated async calls
/// cannot be cancelled, and must not be, since the result may already be this device's.
typealias Read = Task<SyncBlob?, any Error>

/// Subscription reads that a cancelled consumer of a client stopped waiting for, oldest first.
/// Once the library hands a blob to a read, this device's cursor is past it: dropping the read
/// with a cancelled task would lose the blob for good, so it waits here, and the next
/// subscription read of the same client takes it first.
final class Handover: @unchecked Sendable {
    private let lock = NSLock()
    private var left: [Read] = []

    func takeOldest() -> Read? {
        lock.withLock { left.isEmpty ? nil : left.removeFirst() }
    }

    /// The read's result, or nil when the calling task is cancelled first: the read is then
    /// kept for the next consumer.
    func awaitOrReturn(_ read: Read) async -> Result<SyncBlob?, SyncError>? {
        let race = Race<Result<SyncBlob?, SyncError>>()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                race.start(continuation)
                Task { race.finish(with: await read.result.mapError { SyncError(from: $0) }) }
            }
        } onCancel: {
            race.finish(with: nil)
        }
        if outcome == nil {
            lock.withLock { left.insert(read, at: 0) }
        }
        return outcome
    }
}

/// The first of a value and a cancellation resumes the waiting task; the other is ignored.
private final class Race<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value?, Never>?
    private var outcome: Value??

    func start(_ continuation: CheckedContinuation<Value?, Never>) {
        let finished: Value?? = lock.withLock {
            if outcome == nil { self.continuation = continuation }
            return outcome
        }
        if let finished { continuation.resume(returning: finished) }
    }

    /// `nil`: the waiting task was cancelled.
    func finish(with value: Value?) {
        let waiting: CheckedContinuation<Value?, Never>? = lock.withLock {
            guard outcome == nil else { return nil }
            outcome = .some(value)
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: value)
    }
}
