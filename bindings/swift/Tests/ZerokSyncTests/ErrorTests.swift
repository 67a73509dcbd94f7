import Foundation
import Testing
import ZerokSync

/// Every error case the public API can provoke, provoked against real relays. Not provokable
/// through it (see the Python suite's test_errors.py): unauthorized, versionMismatch,
/// protocol, transport, relay, timeout, internal; the exhaustive switch in Errors.swift maps them.
/// Tampered chunks are the conformance scenarios' (tamper_chunk).
@Suite struct ErrorTests {
    @Test func notConnected() async throws {
        try await withClients { clients in
            let c = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            #expect(!c.isConnected && c.activeRelay == nil)
            await expectError(SyncError.notConnected) { try await c.push(Data([1])) }
            await expectError(SyncError.notConnected) { try await c.pull() }
            await expectError(SyncError.notConnected) { try await c.subscribe().first { _ in true } }
            try await c.connect()
            await c.disconnect()
            let error = await expectError(SyncError.notConnected) { try await c.pull(after: 0) }
            #expect(error?.message.contains("connect()") == true)
            #expect(error?.code == "NotConnected")
        }
    }

    @Test func deadRelay() async throws {
        let dead = try Relay()
        dead.kill()
        try await withClients { clients in
            let c = try await clients.create(SyncConfig(relayAddresses: [dead.addr], secretBytes: newSecret()), connect: false)
            let error = await expectError(SyncError.connectionFailed) { try await c.connect() }
            #expect(error?.message.contains(dead.addr) == true)
        }
    }

    @Test func allRelaysFailed() async throws {
        let host = Relay.shared.addr.split(separator: "@")[1]
        try await withClients { clients in
            let wrong = [String(repeating: "0", count: 64) + "@" + host, String(repeating: "1", count: 64) + "@" + host]
            let c = try await clients.create(SyncConfig(relayAddresses: wrong, secretBytes: newSecret()), connect: false)
            let error = await expectError(SyncError.allRelaysFailed) { try await c.connect() }
            #expect(error?.message.contains("all 2 relays failed") == true)
        }
    }

    @Test func payloadTooLargeAndQuota() async throws {
        let small = try Relay("--max-blob-bytes", "4096")
        try await withClients { clients in
            let (a, _) = try await clients.pair(small)
            let error = await expectError(SyncError.payloadTooLarge) { try await a.push(Data(count: 5000)) }
            #expect(error?.message.contains("5000 bytes") == true)
            _ = try await a.push(Data(count: 1000))  // the client goes on
        }
        let tight = try Relay("--quota-bytes", "20000")
        try await withClients { clients in
            let (a, _) = try await clients.pair(tight)
            await expectError(SyncError.quotaExceeded) {
                for _ in 0..<20 { _ = try await a.push(Data(count: 3000)) }
            }
        }
    }

    /// A relay's rate limit is waited out within the request timeout: 40 concurrent pushes at
    /// 10 per second all land; `.rateLimited` comes only when the timeout is shorter than the wait.
    @Test func rateLimitsArePacedNotThrown() async throws {
        let paced = try Relay("--rate-per-sec", "10")
        try await withClients { clients in
            let (a, b) = try await clients.pair(paced)
            let sent = Set((0..<40).map { "p\($0)" })
            try await withThrowingTaskGroup(of: PushResult.self) { group in
                for text in sent { group.addTask { try await a.push(text.bytes) } }
                try await group.waitForAll()
            }
            #expect(Set(try await b.pull().blobs.map(\.text)) == sent)
        }
        let slow = try Relay("--rate-per-sec", "1")
        try await withClients { clients in
            let config = SyncConfig(relayAddresses: [slow.addr], secretBytes: newSecret(), requestTimeout: .milliseconds(300))
            let a = try await clients.create(config)
            let error = await expectError(SyncError.rateLimited) {
                for _ in 0..<20 { _ = try await a.push("fast".bytes) }
            }
            #expect(error?.message.contains("retry after") == true)
        }
    }

    /// `enqueue` refuses what would overflow the outbox at once, and what no relay would take.
    @Test func outboxFullAndPayloadTooLargeAtEnqueue() async throws {
        let small = try Relay("--max-blob-bytes", "4096")
        try await withClients { clients in
            let config = SyncConfig(relayAddresses: [small.addr], secretBytes: newSecret(), outboxMaxBytes: 10_000)
            let a = try await clients.create(config)
            await expectError(SyncError.payloadTooLarge) { try await a.enqueue(Data(count: 5000)) }
            await a.disconnect()
            var ids: [String] = []
            let error = await expectError(SyncError.outboxFull) {
                for _ in 0..<10 { ids.append(try await a.enqueue(Data(count: 3000))) }
            }
            #expect(error?.code == "OutboxFull")
            #expect(error?.message.contains("10000") == true, "\(String(describing: error))")
            #expect(a.pending.blobIds == ids && ids.count == 3)
            try await a.connect()
            try await a.flush(timeout: .seconds(30))
            _ = try await a.enqueue(Data(count: 3000))  // room again
        }
    }

    @Test func flushNeedsAConnectionAndKeepsItsDeadline() async throws {
        let relay = try Relay()
        try await withClients { clients in
            let a = try await clients.create(SyncConfig(relayAddresses: [relay.addr], secretBytes: newSecret()), connect: false)
            try await a.flush()  // nothing to wait for
            _ = try await a.enqueue("waiting".bytes)
            await expectError(SyncError.notConnected) { try await a.flush(timeout: .seconds(10)) }
            try await a.connect()
            try await a.flush(timeout: .seconds(30))
            relay.kill()
            _ = try await a.enqueue("stuck".bytes)
            let started = ContinuousClock.now
            let error = await expectError(SyncError.timeout) { try await a.flush(timeout: .milliseconds(500)) }
            #expect(ContinuousClock.now - started >= .milliseconds(500))
            #expect(error?.message.contains("outbox") == true)
            #expect(a.pending.count == 1)
        }
    }

    @Test func invitesExpiredAndCorrupt() async throws {
        try await withClients { clients in
            let c = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            let invite = try c.createInvite(ttl: .seconds(1))
            let qr = try invite.qr()
            var corrupt = Array(qr)
            corrupt[10] = corrupt[10] == "A" ? "B" : "A"
            await expectError(SyncError.invalidInvite) { try Invite(qr: String(corrupt)) }
            await expectError(SyncError.invalidInvite) { try Invite(qr: String(qr.dropLast(4))) }
            let wait = Double(invite.expiresAt) - Date().timeIntervalSince1970 + 0.1
            try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            let error = await expectError(SyncError.inviteExpired) { try Invite(qr: qr) }
            #expect(error?.message.contains("\(invite.expiresAt)") == true)
        }
    }

    @Test func tamperedBlob() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            var acks: [PushResult] = []
            for text in ["one", "two", "three"] { acks.append(try await a.push(text.bytes)) }
            try tamper(Relay.shared, groupId: a.groupId, cursor: acks[1].cursor)
            let seen = Collected<String>()
            let error = await expectError(SyncError.tampered) {
                for try await blob in b.subscribe() { seen.append(blob.text) }
            }
            #expect(error?.message.contains(acks[1].blobId) == true)
            #expect(seen.all == ["one"])
            // Subscribing again goes on after the tampered blob.
            #expect(try await b.subscribe().first { _ in true }?.text == "three")

            // A pull reports the tampered blob beside the good ones, and reads past it.
            let c = try await clients.create(SyncConfig(invite: try a.createInvite(ttl: .seconds(60))))
            let tampered = [TamperedBlob(blobId: acks[1].blobId, cursor: acks[1].cursor)]
            let pulled = try await c.pull()
            #expect(pulled.blobs.map(\.text) == ["one", "three"])
            #expect(pulled.tampered == tampered)
            #expect(try await c.pull() == PullResult(blobs: [], tampered: []))
            let again = try await c.pull(after: 0)
            #expect(again.blobs.map(\.text) == ["one", "three"] && again.tampered == tampered)
        }
    }

    @Test func invalidConfigs() async throws {
        let addr = [Relay.shared.addr]
        for config in [
            SyncConfig(relayAddresses: addr),
            SyncConfig(relayAddresses: addr, secretBytes: Data(count: 31)),
            SyncConfig(relayAddresses: addr, passphrase: "pw"),
            SyncConfig(relayAddresses: addr, passphrase: "pw", salt: Data(count: 15)),
            SyncConfig(relayAddresses: addr, passphrase: "pw", secretBytes: newSecret()),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), ttl: .zero),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), keepAlive: .seconds(10), idleTimeout: .seconds(10)),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), idleTimeout: .seconds(601)),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), requestTimeout: .zero),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), outboxMaxBytes: 0),
            SyncConfig(relayAddresses: addr, secretBytes: newSecret(), deviceName: String(repeating: "d", count: 257)),
            SyncConfig(relayAddresses: [], secretBytes: newSecret()),
            SyncConfig(relayAddresses: ["not an address"], secretBytes: newSecret()),
        ] {
            await expectError(SyncError.invalidConfig) { try await SyncClient.create(config) }
        }
    }

    @Test func corruptStateFile() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("zerok-swift-\(UUID().uuidString).json")
        try Data("not json".utf8).write(to: state)
        defer { try? FileManager.default.removeItem(at: state) }
        let error = await expectError(SyncError.state) {
            try await SyncClient.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret(), statePath: state.path))
        }
        #expect(error?.message.contains(state.path) == true)
    }

    @Test func unknownCursor() async throws {
        try await withClients { clients in
            let (a, _) = try await clients.pair()
            let error = await expectError(SyncError.unknownCursor) { try await a.pull(after: 1_000_000) }
            #expect(error?.message.contains("1000000") == true)
            #expect(try await a.pull().blobs.isEmpty)
        }
    }

    @Test func callsAfterShutdown() async throws {
        try await withClients { clients in
            let (a, _) = try await clients.pair()
            await a.shutdown()
            await a.shutdown()  // idempotent
            #expect(!a.isConnected)
            await expectError(SyncError.shutdown) { try await a.connect() }
            await expectError(SyncError.shutdown) { try await a.push(Data([1])) }
            await expectError(SyncError.shutdown) { try await a.pull() }
            await expectError(SyncError.shutdown) { try await a.subscribe().first { _ in true } }
            await expectError(SyncError.shutdown) { try await a.enqueue(Data([1])) }
            await expectError(SyncError.shutdown) { try await a.flush() }
            #expect(await a.events().first { _ in true } == nil, "a shut-down client's events end at once")
        }
    }

    /// A typo is caught on the typing device before any traffic: the relay named is dead.
    @Test func invalidPairingCode() async throws {
        let dead = try Relay()
        dead.kill()
        let error = await expectError(SyncError.invalidPairingCode) {
            try await joinWithCode("0000-0000-0000-0001", relayAddresses: [dead.addr])
        }
        #expect(error?.message.contains("check character") == true, "\(String(describing: error))")
        #expect(error?.code == "InvalidPairingCode")
        let short = await expectError(SyncError.invalidPairingCode) {
            try await joinWithCode("ABCD-EFGH", relayAddresses: [dead.addr])
        }
        #expect(short?.message.contains("16 characters") == true, "\(String(describing: short))")
        await expectError(SyncError.invalidPairingCode) { try await joinWithCode("UUUU-UUUU-UUUU-UUUU", relayAddresses: [dead.addr]) }
        // A well-formed code of a mailbox nobody opened reaches the relay, which knows no such code.
        await expectError(SyncError.pairingFailed) {
            try await joinWithCode("0000-0000-0000-0000", relayAddresses: [Relay.shared.addr])
        }
    }

    /// A cancelled code fails on both devices: the one waiting and the one typing it.
    @Test func cancelledPairingCode() async throws {
        try await withClients { clients in
            let (a, _) = try await clients.pair()
            let pairing = try await a.createPairingCode()
            pairing.cancel()
            pairing.cancel()  // idempotent
            let error = await expectError(SyncError.pairingFailed) { try await pairing.wait() }
            #expect(error?.message.contains("cancelled") == true, "\(String(describing: error))")
            #expect(error?.code == "PairingFailed")
            await expectError(SyncError.pairingFailed) {
                try await joinWithCode(pairing.code, relayAddresses: [Relay.shared.addr])
            }
            await expectError(SyncError.pairingFailed) { try await pairing.wait() }  // the one outcome, again
        }
    }

    /// A code nobody typed within its lifetime: `wait` throws once it passed, and typing it
    /// afterwards does too.
    @Test func expiredPairingCode() async throws {
        try await withClients { clients in
            let (a, _) = try await clients.pair()
            let before = UInt64(Date().timeIntervalSince1970 * 1000)
            let pairing = try await a.createPairingCode(ttl: .seconds(1))
            let after = UInt64(Date().timeIntervalSince1970 * 1000)
            // The relay's clock is this machine's: a second from when it opened the mailbox.
            #expect(pairing.expiresAtMs >= before + 500 && pairing.expiresAtMs <= after + 1500, "\(pairing.expiresAtMs)")
            let error = await expectError(SyncError.pairingExpired) { try await pairing.wait() }
            #expect(UInt64(Date().timeIntervalSince1970 * 1000) >= pairing.expiresAtMs - 100, "waited until the code expired")
            #expect(error?.code == "PairingExpired")
            await expectError(SyncError.pairingExpired) {
                try await joinWithCode(pairing.code, relayAddresses: [Relay.shared.addr])
            }
        }
    }

    /// A code is shown through the active relay: without one there is none, and a lifetime
    /// under a second is refused.
    @Test func pairingCodeNeedsAConnectionAndALifetime() async throws {
        try await withClients { clients in
            let c = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: newSecret()), connect: false)
            await expectError(SyncError.notConnected) { try await c.createPairingCode() }
            try await c.connect()
            await expectError(SyncError.invalidConfig) { try await c.createPairingCode(ttl: .milliseconds(500)) }
            await c.shutdown()
            await expectError(SyncError.shutdown) { try await c.createPairingCode() }
        }
    }

    /// A file that is not there, an upload short of its size, a cancelled transfer, and an
    /// object no relay holds (nothing is written for it).
    @Test func transferErrors() async throws {
        try await withClients { clients in
            try await withTempDir { dir in
                let (a, b) = try await clients.pair()
                let missing = dir.appendingPathComponent("missing.bin")
                let io = await expectError(SyncError.io) { try await a.pushFile(at: missing).value }
                #expect(io?.message.contains(missing.path) == true, "\(String(describing: io))")
                #expect(io?.code == "Io")
                let short = try await a.pushStream(size: 10)
                try await short.write(Data(count: 4))
                await expectError(SyncError.io) { try await short.finish() }

                let stalled = try await a.pushStream(size: 100)  // waits for its bytes
                stalled.transfer.cancel()
                stalled.transfer.cancel()  // idempotent
                let cancelled = await expectError(SyncError.cancelled) { try await stalled.transfer.value }
                #expect(cancelled?.code == "Cancelled")
                await expectError(SyncError.cancelled) { try await stalled.finish() }  // the one outcome, again

                let unknown = RemoteObject(
                    objectId: String(repeating: "ab", count: 16), size: 2 << 20, blake3: String(repeating: "0", count: 64),
                    chunkSize: 1 << 20, chunkCount: 2, name: nil, inlineBytes: Data())
                let none = dir.appendingPathComponent("none.bin")
                let unavailable = await expectError(SyncError.objectUnavailable) { try await b.download(unknown, to: none).value }
                #expect(unavailable?.message.contains(unknown.objectId) == true, "\(String(describing: unavailable))")
                #expect(unavailable?.code == "ObjectUnavailable")
                #expect(!FileManager.default.fileExists(atPath: none.path))
            }
        }
    }

    @Test func everyCaseHasTheRustVariantsName() {
        #expect(SyncError.invalidPairingCode(message: "m").code == "InvalidPairingCode")
        #expect(SyncError.pairingFailed(message: "m").code == "PairingFailed")
        #expect(SyncError.pairingExpired(message: "m").code == "PairingExpired")
        #expect(SyncError.notConnected(message: "m").code == "NotConnected")
        #expect(SyncError.outboxFull(message: "m").code == "OutboxFull")
        #expect(SyncError.io(message: "m").code == "Io")
        #expect(SyncError.cancelled(message: "m").code == "Cancelled")
        #expect(SyncError.objectUnavailable(message: "m").code == "ObjectUnavailable")
        #expect(SyncError.internal(message: "m").code == "Internal")
        #expect("\(SyncError.unknownCursor(message: "no cursor 7"))" == "UnknownCursor: no cursor 7")
        #expect(SyncError.tampered(message: "bad blob").localizedDescription == "bad blob")
    }
}
