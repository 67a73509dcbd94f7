import Foundation
import Testing
import ZerokSync

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
            #expect(try await pull.value.map(\.cursor) == [ack.cursor])
            #expect(b.currentCursor == ack.cursor)
            let small = try await a.push("small".bytes)
            #expect(try await b.pull().map(\.text) == ["small"])
            #expect(b.currentCursor == small.cursor)
        }
    }

    /// A subscription loop cancelled at any moment never costs a blob: the next loop gets it.
    @Test func noBlobLostWhenLoopsAreCancelledAtAnyMoment() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let sent = (0..<150).map { "blob \($0)" }
            let pushing = Task { for text in sent { _ = try await a.push(text.bytes) } }
            let got = Collected<String>()
            var cancelled = 0
            let deadline = ContinuousClock.now + .seconds(30)  // a lost blob would wait forever
            var attempt = 0
            while got.all.count < sent.count && ContinuousClock.now < deadline {
                attempt += 1
                let finished = try await withDeadline(.milliseconds(attempt % 4 + 1)) {
                    for try await blob in b.subscribe() {
                        got.append(blob.text)
                        if got.all.count == sent.count { break }
                    }
                    return true
                }
                if finished == nil { cancelled += 1 }
            }
            try await pushing.value
            #expect(got.all == sent)
            #expect(cancelled > 0)
        }
    }
}
