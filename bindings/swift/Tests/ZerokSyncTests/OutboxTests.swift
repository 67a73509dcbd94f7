import Foundation
import Testing
import ZerokSync

/// The durable outbox: `enqueue` without network, delivered later, once, in order.
@Suite struct OutboxTests {
    /// 1,000 payloads enqueued while the relay is down reach a second device live once it is
    /// back: each once, in enqueue order, with the outbox's progress in the event stream.
    @Test func enqueuedWhileTheRelayIsDownArrivesOnceInOrder() async throws {
        let relay = try Relay()
        try await withTempDir { dir in
            try await withClients { clients in
                let secret = newSecret()
                let config = SyncConfig(relayAddresses: [relay.addr], secretBytes: secret)
                let b = try await clients.create(config)
                var withState = config
                withState.statePath = dir.appendingPathComponent("a.json").path
                let a = try await clients.create(withState)
                let events = a.events()
                let sent = (0..<1000).map { "m\($0)" }
                let watching = Task {
                    try await withDeadline(.seconds(120)) {
                        var got: [String] = []
                        for try await blob in b.subscribe() {
                            got.append(blob.text)
                            if got.count == sent.count { break }
                        }
                        return got
                    }
                }
                relay.kill()
                var ids: [String] = []
                for text in sent { ids.append(try await a.enqueue(text.bytes)) }
                #expect(ids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{32}/) != nil })
                #expect(a.pending.count == 1000 && a.pending.blobIds == ids && a.pending.bytes > 1000 * 2)

                try relay.restart(flags: [])
                try await a.flush(timeout: .seconds(60))
                #expect(a.pending == Pending(count: 0, bytes: 0, blobIds: []))
                #expect(try await watching.value == sent)
                #expect(try await b.pull().blobs.isEmpty, "nothing twice")

                let progress = try await withDeadline(.seconds(10)) {
                    var sentIds: [String] = [], left: [UInt64] = []
                    for await case let .outboxSent(blobId, _, pending) in events {
                        sentIds.append(blobId)
                        left.append(pending)
                        if pending == 0 { break }
                    }
                    return (sentIds, left)
                }
                #expect(progress?.0 == ids)
                #expect(progress?.1 == (0..<1000).reversed().map(UInt64.init))
            }
        }
    }

    /// `kill -9` of an app right after its last `enqueue` returned loses nothing: the next run
    /// of the app (a client on the same state path) delivers every blob. The app is the
    /// live-sync device (Examples/LiveDevice) in mode `enqueue`.
    @Test func anOutboxSurvivesKill9OfItsApp() async throws {
        let n = 30
        try await withTempDir { dir in
            let (secret, state) = (newSecret(), dir.appendingPathComponent("device.json").path)
            let device = Process()
            device.executableURL = try product("LiveDevice")
            device.arguments = [
                Relay.shared.addr, hex(secret), "swift", "swift,other", "\(n)",
                repo.appendingPathComponent("tests/live-sync/payloads.json").path, "60", "enqueue", state,
            ]
            let out = Pipe()
            device.standardOutput = out
            try device.run()
            var said: [String] = []
            while let next = try line(of: out.fileHandleForReading) {
                said.append(next)
                if next == "enqueued all" { break }
            }
            kill(device.processIdentifier, SIGKILL)
            device.waitUntilExit()
            #expect(device.terminationReason == .uncaughtSignal, "killed, not exited")
            #expect(said == (0..<n).map { "enqueued \($0)" } + ["enqueued all"])

            try await withClients { clients in
                let config = SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret)
                var again = config
                again.statePath = state
                let app = try await clients.create(again, connect: false)
                let ids = app.pending.blobIds
                #expect(ids.count == n)
                try await app.connect()
                try await app.flush(timeout: .seconds(60))
                let other = try await clients.create(config)
                let got = try await other.pull().blobs
                #expect(got.map(\.blobId) == ids)
                #expect(got.enumerated().allSatisfy { i, blob in blob.payload.starts(with: Data("swift:\(i):".utf8)) })
            }
        }
    }
}
