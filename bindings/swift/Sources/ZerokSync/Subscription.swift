import Foundation
import ZerokSyncNative

/// The group's blobs as they arrive: first those after this device's cursor, then live.
///
/// `for try await blob in client.subscribe()` opens the native stream on the first iteration
/// and closes it when the loop ends: `break`, an error, the client's shutdown, or the task's
/// cancellation (the loop then simply ends). Errors are `SyncError`; a `.tampered` blob ends
/// the loop, and subscribing again goes on after that blob.
///
/// Delivery is at least once: the library moves this device's cursor past a blob only once a
/// read returned it. A read that ends with its task's cancellation takes nothing, and the next
/// subscription delivers that blob. The iterator is `Sendable`: tasks sharing one iteration
/// (copies of its iterator) read one stream, and each blob goes to exactly one of them.
public struct Subscription: AsyncSequence, Sendable {
    public typealias Element = SyncBlob

    let client: SyncClient

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: Stream(client: client))
    }

    public struct Iterator: AsyncIteratorProtocol, Sendable {
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
            do {
                guard let native = try await open() else { return nil }
                let blob = try await withTaskCancellationHandler { try await read(native) } onCancel: { end() }
                if blob == nil { end() }
                return blob
            } catch {
                end()
                throw error
            }
        }

        /// A read: the next delivery's ticket, exchanged for its blob unless the iteration ended
        /// meanwhile (the library then hands the ticket out again: to a later subscription).
        /// Nil for a ticket a concurrent read took first: there is a next one.
        private func read(_ native: ZerokSyncNative.Subscription) async throws -> SyncBlob? {
            while let ticket = try await translated({ try await native.next() }), !lock.withLock({ ended }) {
                if let blob = try translated({ try native.take(ticket: ticket) }) { return blob }
            }
            return nil
        }

        /// The native stream, opened by the first read; nil once the iteration ended.
        private func open() async throws -> ZerokSyncNative.Subscription? {
            let (done, open) = lock.withLock { (ended, native) }
            if done || open != nil { return open }
            let opened = try await translated { try await client.native.subscribe() }
            let kept: ZerokSyncNative.Subscription? = lock.withLock {
                guard !ended && !Task.isCancelled else { return nil }
                if native == nil { native = opened }  // else a concurrent read opened it first
                return native
            }
            if kept !== opened { opened.close() }
            return kept
        }

        /// Ends the iteration: a read waiting for a ticket returns nil.
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
