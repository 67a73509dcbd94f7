import Foundation
import Testing
import ZerokSync

@Suite struct SyncTests {
    @Test func roundTrip() async throws {
        try await withClients { clients in
            let secret = newSecret()
            let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret, deviceName: "a"))
            let b = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret, deviceName: "b"))
            #expect(a.isConnected)
            #expect(a.activeRelay == Relay.shared.addr)
            #expect(a.groupId == b.groupId)
            #expect(a.groupId.wholeMatch(of: /[0-9a-f]{64}/) != nil)

            let ack = try await a.push("hello".bytes)
            #expect(ack.blobId.count == 32)
            let blobs = try await b.pull().blobs
            #expect(blobs.map(\.text) == ["hello"])
            #expect(blobs[0].blobId == ack.blobId)
            #expect(blobs[0].cursor == ack.cursor)
            #expect(blobs[0].timestampMs > 1_600_000_000_000)
            #expect(b.currentCursor == ack.cursor)
            #expect(try await b.pull() == PullResult(blobs: [], tampered: []), "pull() advances the cursor")
            #expect(try await b.pull(after: 0).blobs.map(\.text) == ["hello"])
            #expect(try await a.pull().blobs.isEmpty, "a device never gets its own pushes back")
        }
    }

    @Test func payloadsOfAnySize() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let big = Data((0..<(3 << 20)).map { UInt8($0 % 251) })
            let sent = [Data(), Data([0, 255]), big]
            for payload in sent { _ = try await a.push(payload) }
            #expect(try await b.pull().blobs.map(\.payload) == sent)
        }
    }

    @Test func twoClientsLiveThroughAsyncSequences() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let live = try await withDeadline(.seconds(20)) {
                async let toB = b.subscribe().prefix(3).reduce(into: []) { $0.append($1.text) }
                async let toA = a.subscribe().prefix(2).reduce(into: []) { $0.append($1.text) }
                try await Task.sleep(for: .milliseconds(200))  // both streams open and idle: what follows arrives live
                for i in 0..<3 { _ = try await a.push("a\(i)".bytes) }
                for i in 0..<2 { _ = try await b.push("b\(i)".bytes) }
                return (try await toB, try await toA)
            }
            #expect(live?.0 == ["a0", "a1", "a2"])
            #expect(live?.1 == ["b0", "b1"])
        }
    }

    @Test func twoHundredConcurrentPushesInATaskGroup() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let sent = (0..<200).map { "push \($0)" }
            let acks = try await withThrowingTaskGroup(of: (String, PushResult).self) { group in
                for payload in sent { group.addTask { (payload, try await a.push(payload.bytes)) } }
                return try await group.reduce(into: [:]) { $0[$1.1.cursor] = $1.0 }
            }
            #expect(acks.count == 200)
            let pulled = try await b.pull().blobs
            #expect(pulled.map(\.cursor) == acks.keys.sorted())
            #expect(pulled.map(\.text) == pulled.map { acks[$0.cursor] })
        }
    }

    @Test func inviteRoundTrip() async throws {
        try await withClients { clients in
            let secret = newSecret()
            let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret))
            let invite = try a.createInvite(ttl: .seconds(600))
            #expect(invite.relayAddresses == [Relay.shared.addr])
            #expect(invite.secretBytes == secret)
            let qr = try invite.qr()
            #expect(qr.hasPrefix("0k1."))
            let parsed = try Invite(qr: qr)
            #expect(parsed.expiresAt == invite.expiresAt)
            let c = try await clients.create(SyncConfig(invite: parsed, deviceName: "c"))
            #expect(c.groupId == a.groupId)
            _ = try await a.push("welcome".bytes)
            #expect(try await c.pull().blobs.map(\.text) == ["welcome"])
        }
    }

    @Test func passphraseGroup() async throws {
        try await withClients { clients in
            let fast = KdfParams(memoryKib: 19456, iterations: 2, parallelism: 1)
            let derived = try await deriveSecret(passphrase: "correct horse", kdf: fast)
            #expect(derived.salt.count == 16)
            #expect(derived.kdf == fast)
            let byPassphrase = try await clients.create(
                SyncConfig(relayAddresses: [Relay.shared.addr], passphrase: "correct horse", salt: derived.salt, kdf: fast))
            let bySecret = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: derived.secret))
            #expect(byPassphrase.groupId == bySecret.groupId)
        }
    }

    @Test func statePathKeepsTheCursor() async throws {
        try await withTempDir { dir in
            try await withClients { clients in
                let secret = newSecret()
                let a = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret))
                let ack = try await a.push("seen once".bytes)
                let config = SyncConfig(
                    relayAddresses: [Relay.shared.addr], secretBytes: secret, statePath: dir.appendingPathComponent("device.json").path)
                let first = try await SyncClient.create(config)
                try await first.connect()
                #expect(try await first.pull().blobs.map(\.text) == ["seen once"])
                await first.shutdown()
                let again = try await clients.create(config)
                #expect(again.currentCursor == ack.cursor)
            }
        }
    }

    /// A phone's liveness (a keep-alive every 4.5 s, given up after 15 s of silence: the
    /// longest the transport allows) works end to end.
    @Test func mobileLivenessAndTimeoutSettings() async throws {
        try await withClients { clients in
            let config = SyncConfig(
                relayAddresses: [Relay.shared.addr], secretBytes: newSecret(), keepAlive: .milliseconds(4500),
                idleTimeout: .seconds(15), connectTimeout: .seconds(2), requestTimeout: .seconds(10), outboxMaxBytes: 1 << 20)
            let (phone, laptop) = (try await clients.create(config), try await clients.create(config))
            let ack = try await phone.push("from the phone".bytes)
            #expect(try await laptop.pull().blobs.map(\.blobId) == [ack.blobId])
        }
    }

    @Test func printingNeverShowsSecrets() async throws {
        let config = SyncConfig(relayAddresses: ["x"], passphrase: "hunter2", secretBytes: "s3cr3t".bytes)
        let invite = Invite(relayAddresses: ["x"], secretBytes: "s3cr3t".bytes, salt: nil, kdf: nil, expiresAt: 1)
        let derived = try await deriveSecret(passphrase: "hunter2", kdf: KdfParams(memoryKib: 19456, iterations: 2, parallelism: 1))
        let secrets = ["hunter2", "115, 51, 99", String("\(Array(derived.secret))".dropFirst().dropLast())]
        for value in [config, invite, derived] as [Any] {
            for text in ["\(value)", String(reflecting: value)] {
                #expect(!text.isEmpty)
                for secret in secrets { #expect(!text.contains(secret), "\(text)") }
            }
        }
    }
}
