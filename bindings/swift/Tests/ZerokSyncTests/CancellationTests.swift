import Foundation
import Testing
import ZerokSync

/// A subscription read is a ticket, then its blob: the library moves the cursor only past
/// blobs a read returned, so a read its task's cancellation ends takes nothing and the next
/// subscription delivers that blob.
@Suite struct CancellationTests {
    @Test func cancellingASubscriptionLoopEndsItAndLeavesTheClientUsable() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let ended = try await withDeadline(.milliseconds(50)) {
                for try await _ in b.subscribe() {}
                return true
            }
            #expect(ended == nil, "the loop waits for blobs until its task is cancelled")
            _ = try await a.push("after".bytes)
            let next = try await withDeadline(.seconds(10)) { try await b.subscribe().first { _ in true } }
            #expect(next??.text == "after")
        }
    }

    /// A started call runs to its end in a cancelled task: nothing is half done, nothing lost.
    @Test func cancelledPushAndPullStillComplete() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let push = Task { try await a.push(Data(count: 1 << 20)) }
            push.cancel()
            let ack = try await push.value
            let pull = Task { try await b.pull() }
            pull.cancel()
            #expect(try await pull.value.blobs.map(\.cursor) == [ack.cursor])
            #expect(b.currentCursor == ack.cursor)
            let small = try await a.push("small".bytes)
            #expect(try await b.pull().blobs.map(\.text) == ["small"])
            #expect(b.currentCursor == small.cursor)
        }
    }

    /// Loops over new subscriptions, each cancelled after a random 0-3 ms while blobs stream
    /// in: together they get every blob exactly once, in order.
    @Test func noBlobLostOrTwiceWhenLoopsAreCancelledAtRandomMoments() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let sent = (0..<400).map { "blob \($0)" }
            let pushing = Task { for text in sent { _ = try await a.push(text.bytes) } }
            let got = Collected<String>()
            var cancelled = 0
            let deadline = ContinuousClock.now + .seconds(30)  // a lost blob would wait forever
            while got.all.count < sent.count && ContinuousClock.now < deadline {
                let finished = try await withDeadline(.microseconds(Int.random(in: 0...3000))) {
                    for try await blob in b.subscribe() {
                        got.append(blob.text)
                        if got.all.count >= sent.count { break }
                    }
                    return true
                }
                if finished == nil { cancelled += 1 }
            }
            try await pushing.value
            #expect(got.all == sent)
            #expect(cancelled > 0)
            #expect(try await b.pull().blobs.isEmpty, "every blob a loop got moved the cursor")
        }
    }

    /// Tasks sharing one iteration (copies of its iterator) read concurrently: each blob goes
    /// to exactly one of them, each in order; cancelling them ends the iteration for all.
    @Test func concurrentReadsOfOneSubscriptionGetEachBlobOnce() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let sent = (0..<200).map { "blob \($0)" }
            let total = Collected<String>()
            let iterator = b.subscribe().makeAsyncIterator()
            let pushing = Task { for text in sent { _ = try await a.push(text.bytes) } }
            let readers = try await withDeadline(.seconds(60)) {
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            var reader = iterator
                            var mine: [String] = []
                            while let blob = try await reader.next() {
                                mine.append(blob.text)
                                total.append(blob.text)
                                if total.all.count >= sent.count { break }
                            }
                            return mine
                        }
                    }
                    var lists: [[String]] = []
                    for try await list in group {  // the first is the one that saw the last blob
                        lists.append(list)
                        group.cancelAll()
                    }
                    return lists
                }
            }
            try await pushing.value
            let lists = try #require(readers)
            #expect(lists.count == 4)
            #expect(lists.flatMap { $0 }.sorted() == sent.sorted(), "each blob exactly once")
            #expect(lists.filter { !$0.isEmpty }.count > 1, "the reads ran concurrently")
            for list in lists {
                #expect(list == sent.filter(list.contains), "each reader's blobs in order")
            }
            #expect(try await b.pull().blobs.isEmpty, "every blob a reader got moved the cursor")
        }
    }
}
