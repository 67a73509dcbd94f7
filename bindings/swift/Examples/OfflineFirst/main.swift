import Foundation
import ZerokSync

let relay = CommandLine.arguments[1]
let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })

// The outbox lives beside the state file (an app keeps it in Application Support).
let state = FileManager.default.temporaryDirectory.appendingPathComponent("phone-\(UUID()).json").path
// A phone's liveness, the longest allowed: a keep-alive every 4.5 s, a silent relay given up
// after 15 s (the defaults, 3 s and 10 s, suit desktops).
let phone = try await SyncClient.create(
    SyncConfig(
        relayAddresses: [relay], secretBytes: secret, deviceName: "phone", statePath: state,
        keepAlive: .milliseconds(4500), idleTimeout: .seconds(15)))
let events = phone.events()  // what happens in the background, from now on

// Offline: enqueue seals the note and stores it durably, no network needed.
let note = try await phone.enqueue(Data("written on the train".utf8))
print("\(phone.pending.count) pending")

// Online: the client sends its outbox by itself, in order, each blob once.
try await phone.connect()
try await phone.flush(timeout: .seconds(30))
print("\(phone.pending.count) pending after flush")

for await event in events {
    switch event {
    case .connected: print("event: connected")
    case let .outboxSent(blobId, _, pending): print("event: \(blobId == note ? "the note" : blobId) sent, \(pending) pending")
    default: print("event: \(event)")
    }
    if case .outboxSent = event { break }  // ends the loop and closes the stream
}

let laptop = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret, deviceName: "laptop"))
try await laptop.connect()
for blob in try await laptop.pull().blobs {
    print("laptop got \(String(decoding: blob.payload, as: UTF8.self))")
}
await laptop.shutdown()
await phone.shutdown()
