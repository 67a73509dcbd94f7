import Foundation
import ZerokSyncNative

/// A client's events from the moment `SyncClient.events()` made this stream, oldest first:
/// `for await event in client.events()`. The iteration ends when the client shuts down, and
/// it closes the native stream when the loop ends (`break`, the task's cancellation) or its
/// iterator is dropped; so does dropping a stream never iterated. One iteration per stream:
/// ask `events()` again for another.
public struct Events: AsyncSequence, Sendable {
    public typealias Element = SyncEvent

    let stream: Stream

    init(native: ZerokSyncNative.EventStream) {
        stream = Stream(native: native)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(iteration: Iteration(stream: stream))
    }

    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let iteration: Iteration

        /// The next event; nil once the stream ended (closed, the client shut down, or the
        /// task cancelled).
        public mutating func next() async -> SyncEvent? {
            await iteration.stream.next()
        }
    }

    /// The native stream, closed once nobody can read it any more.
    final class Stream: Sendable {
        private let native: ZerokSyncNative.EventStream

        init(native: ZerokSyncNative.EventStream) {
            self.native = native
        }

        deinit {
            close()
        }

        func next() async -> SyncEvent? {
            await withTaskCancellationHandler { await native.nextEvent() } onCancel: { close() }
        }

        func close() {
            native.closeEvents()
        }
    }

    /// One iteration: closes the stream when its iterator is gone.
    final class Iteration: Sendable {
        let stream: Stream

        init(stream: Stream) {
            self.stream = stream
        }

        deinit {
            stream.close()
        }
    }
}
