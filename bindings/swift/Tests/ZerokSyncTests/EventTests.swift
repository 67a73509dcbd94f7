import Foundation
import Testing
import ZerokSync

/// A client's event stream (`for await event in client.events()`).
@Suite struct EventTests {
    @Test func connectedOutboxSentDisconnected() async throws {
        try await withClients { clients in
            let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            let events = a.events()
            let seen = try await withDeadline(.seconds(20)) {
                var iterator = events.makeAsyncIterator()
                try await a.connect()
                let connected = await iterator.next()
                let id = try await a.enqueue("e0".bytes)
                let sent = await iterator.next()
                await a.disconnect()
                return (connected, id, sent, await iterator.next())
            }
            let (connected, id, sent, disconnected) = try #require(seen)
            #expect(connected == .connected(relay: Relay.shared.addr))
            guard case let .outboxSent(blobId, cursor, pending) = sent else {
                Issue.record("expected outboxSent, got \(String(describing: sent))")
                return
            }
            #expect(blobId == id && cursor > 0 && pending == 0)
            guard case let .disconnected(relay, reason) = disconnected else {
                Issue.record("expected disconnected, got \(String(describing: disconnected))")
                return
            }
            #expect(relay == Relay.shared.addr && !reason.isEmpty)
        }
    }

    /// A loop's end (`break`) closes the stream: what happens later reaches nobody, and the
    /// stream's next iteration ends at once.
    @Test func breakingTheLoopClosesTheStream() async throws {
        try await withClients { clients in
            let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            let events = a.events()
            try await a.connect()
            for await event in events {
                #expect(event == .connected(relay: Relay.shared.addr))
                break
            }
            await a.disconnect()  // an event the closed stream must not deliver
            let after = try await withDeadline(.seconds(10)) {
                var again = events.makeAsyncIterator()
                return await again.next()
            }
            #expect(after == .some(nil), "got \(String(describing: after))")
        }
    }

    /// A loop waiting for events ends when its task is cancelled, and every loop ends when the
    /// client shuts down.
    @Test func cancellationAndShutdownEndTheLoop() async throws {
        try await withClients { clients in
            let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            let (seen, ended) = (Collected<SyncEvent>(), Collected<String>())
            let (cancelled, shutDown) = (a.events(), a.events())
            let loop = Task {
                for await event in cancelled { seen.append(event) }
                ended.append("cancelled")
            }
            Task {
                for await _ in shutDown {}
                ended.append("shut down")
            }
            try await a.connect()
            #expect(try await eventually(.seconds(10)) { !seen.all.isEmpty }, "the loop is reading")
            loop.cancel()  // it waits for the next event, which never comes
            #expect(try await eventually(.seconds(10)) { ended.all == ["cancelled"] })
            await a.shutdown()
            #expect(try await eventually(.seconds(10)) { ended.all == ["cancelled", "shut down"] })
        }
    }
}
