import Foundation
import Testing
import ZerokSync

/// Pairing by a short code against real relays: one device shows a code
/// (`createPairingCode`), another types it (`joinWithCode`) and joins the group. The errors
/// (a typo, a cancelled or expired code) are in ErrorTests.
@Suite struct PairingTests {
    /// The device that typed the code is in the shower's group: it pulls what the shower
    /// pushed, the shower pulls what it pushes, and both devices show the same verifier.
    @Test func theDeviceThatTypesTheCodeJoinsTheGroup() async throws {
        try await withClients { clients in
            let secret = newSecret()
            let phone = try await clients.create(SyncConfig(relayAddresses: [Relay.shared.addr], secretBytes: secret, deviceName: "phone"))
            _ = try await phone.push("before pairing".bytes)

            let before = UInt64(Date().timeIntervalSince1970 * 1000)
            let pairing = try await phone.createPairingCode()
            let after = UInt64(Date().timeIntervalSince1970 * 1000)
            #expect(pairing.code.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}/) != nil, "\(pairing.code)")
            // Ten minutes by default, on the relay's clock (this machine's).
            #expect(pairing.expiresAtMs >= before + 599_000 && pairing.expiresAtMs <= after + 601_000, "\(pairing.expiresAtMs)")

            // Typing is forgiving: lower case, spaces for dashes.
            let typed = pairing.code.lowercased().replacingOccurrences(of: "-", with: " ")
            let joined = try await joinWithCode(typed, relayAddresses: [Relay.shared.addr])
            #expect(joined.verifier.wholeMatch(of: /[0-9]{3} [0-9]{3}/) != nil, "\(joined.verifier)")
            #expect(try await pairing.wait() == joined.verifier)
            #expect(joined.invite.secretBytes == secret)
            #expect(joined.invite.relayAddresses == [Relay.shared.addr])
            for printed in ["\(joined)", String(reflecting: joined)] {
                #expect(printed.contains(joined.verifier) && !printed.contains(hex(secret)), "\(printed)")
            }

            let tablet = try await clients.create(SyncConfig(invite: joined.invite, deviceName: "tablet"))
            #expect(tablet.groupId == phone.groupId)
            #expect(try await tablet.pull().blobs.map(\.text) == ["before pairing"])
            _ = try await tablet.push("from the tablet".bytes)
            #expect(try await phone.pull().blobs.map(\.text) == ["from the tablet"])

            // A code admits one device: typed again, it fails.
            await expectError(SyncError.pairingFailed) {
                try await joinWithCode(pairing.code, relayAddresses: [Relay.shared.addr])
            }
            #expect(try await pairing.wait() == joined.verifier, "the outcome stays")
        }
    }

    /// Many tasks waiting on one pairing get the one verifier; several codes of one client
    /// are shown, typed and waited for at once, each pairing its own device.
    @Test func concurrentWaitsAndPairingsGetOneOutcomeEach() async throws {
        try await withClients { clients in
            let (phone, _) = try await clients.pair()
            let pairings = try await withThrowingTaskGroup(of: Pairing.self) { group in
                for _ in 0..<3 { group.addTask { try await phone.createPairingCode() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(pairings.map(\.code)).count == 3)
            // For each pairing: 8 waiters and the device typing its code, all at once.
            let outcomes = try await withThrowingTaskGroup(of: (Int, String, Bool).self) { group in
                for (index, pairing) in pairings.enumerated() {
                    for _ in 0..<8 { group.addTask { (index, try await pairing.wait(), false) } }
                    group.addTask {
                        (index, try await joinWithCode(pairing.code, relayAddresses: [Relay.shared.addr]).verifier, true)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for index in pairings.indices {
                let mine = outcomes.filter { $0.0 == index }
                let typed = try #require(mine.first { $0.2 }).1
                #expect(mine.count == 9 && mine.allSatisfy { $0.1 == typed }, "\(mine)")
            }
            #expect(Set(outcomes.map(\.1)).count == 3, "each pairing has a verifier of its own")
        }
    }

    /// Cancelling the task that waits ends the pairing (the screen showing the code went
    /// away): every waiter and the device typing the code get `.pairingFailed`, well before
    /// the code would have expired.
    @Test func cancellingTheWaitingTaskCancelsThePairing() async throws {
        try await withClients { clients in
            let (phone, _) = try await clients.pair()
            let pairing = try await phone.createPairingCode(ttl: .seconds(30))  // else .pairingExpired in 30 s
            let waiting = Task { try await pairing.wait() }
            let other = Task { try await pairing.wait() }
            waiting.cancel()
            await expectError(SyncError.pairingFailed) { try await waiting.value }
            await expectError(SyncError.pairingFailed) { try await other.value }
            await expectError(SyncError.pairingFailed) {
                try await joinWithCode(pairing.code, relayAddresses: [Relay.shared.addr])
            }
        }
    }

    /// Releasing the last reference to a `Pairing` cancels it: its code admits nobody.
    @Test func releasingThePairingCancelsIt() async throws {
        try await withClients { clients in
            let (phone, _) = try await clients.pair()
            var pairing: Pairing? = try await phone.createPairingCode(ttl: .seconds(30))
            let code = try #require(pairing?.code)
            pairing = nil
            await expectError(SyncError.pairingFailed) { try await joinWithCode(code, relayAddresses: [Relay.shared.addr]) }
            // The client goes on: a new code pairs as usual.
            let again = try await phone.createPairingCode()
            let joined = try await joinWithCode(again.code, relayAddresses: [Relay.shared.addr])
            #expect(try await again.wait() == joined.verifier)
        }
    }
}
