import Foundation
import ZerokSyncNative

/// The group's blobs as they arrive: first those after this device's cursor, then live.
///
/// `for try await blob in client.subscribe()` opens the native stream on the first iteration
/// and closes it when the loop ends: `break`, an error, the client's shutdown, or the task's
/// cancellation (the loop then simply ends). Errors are `SyncError`; a `.tampered` blob ends
/// the loop, and subscribing again goes on after that blob.
///
/// A blob the library has delivered is never lost to a cancelled task: the read it was
/// waiting for goes on, and the next subscription read of this client returns it first.
public struct Subscription: AsyncSequence, Sendable {
    public typealias Element = SyncBlob

    let client: SyncClient

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: Stream(client: client))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let stream: Stream

        /// The next blob; nil once the stream ended (closed, shut down, or the task cancelled).
        public mutating func next() async throws -> SyncBlob? {
            try await stream.next()
        }
    }

    /// One iteration's native stream; closed when the iteration ends or is dropped.
    final class Stream: @unchecked Sendable {
        private let client: SyncClient
        private let lock = NSLock()
        private var native: ZerokSyncNative.Subscription?
        private var ended = false

        init(client: SyncClient) {
            self.client = client
        }

        deinit {
            native?.close()
        }

        func next() async throws -> SyncBlob? {
            if lock.withLock({ ended }) { return nil }
            // First what reads abandoned by cancelled consumers of this client brought.
            while let left = client.handover.takeOldest() {
                guard let outcome = await client.handover.awaitOrReturn(left) else { end(); return nil }
                switch outcome {
                case .success(nil): continue  // its stream was closed before a blob came
                case let .success(blob): return blob
                case let .failure(error): end(); throw error
                }
            }
            guard let native = try await open() else { end(); return nil }
            let read = Read { try await native.next() }
            switch await client.handover.awaitOrReturn(read) {
            case nil, .success(nil): end(); return nil
            case let .success(blob): return blob
            case let .failure(error): end(); throw error
            }
        }

        private func open() async throws -> ZerokSyncNative.Subscription? {
            if let native = lock.withLock({ native }) { return native }
            let opened = try await translated { try await client.native.subscribe() }
            let kept: Bool = lock.withLock {
                guard !ended && !Task.isCancelled else { return false }
                native = opened
                return true
            }
            if !kept { opened.close() }
            return kept ? opened : nil
        }

        /// Ends the iteration: a read still running finishes with the blob it has, or nil.
        private func end() {
            let open: ZerokSyncNative.Subscription? = lock.withLock {
                ended = true
                defer { native = nil }
                return native
            }
            open?.close()
        }
    }
}
