import Foundation
import ZerokSync

// The relay's address, as `zerok relay` printed it.
let relay = CommandLine.arguments[1]

// A new group. Its secret leaves this device only inside an invite.
let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
let phone = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret, deviceName: "phone"))
try await phone.connect()
let qr = try phone.createInvite(ttl: .seconds(600)).qr()  // show it as a QR code

let laptop = try await SyncClient.create(SyncConfig(invite: try Invite(qr: qr), deviceName: "laptop"))
try await laptop.connect()
let ack = try await phone.push(Data("hello from the phone".utf8))
print("pushed at cursor \(ack.cursor)")

for try await blob in laptop.subscribe() {  // the backlog first, then live blobs
    print("laptop got \(String(decoding: blob.payload, as: UTF8.self))")
    break
}

// Or by a short code, where no camera can read a QR code: the phone shows it (keep `pairing`
// while it does: releasing it cancels the code), the tablet's user types it.
let pairing = try await phone.createPairingCode()  // valid 10 minutes
print("phone shows the code \(pairing.code)")
let joined = try await joinWithCode(pairing.code, relayAddresses: [relay])  // on the tablet
// Both devices show the same digits; people who want to be sure compare them.
print("tablet shows \(joined.verifier)")
print("phone shows \(try await pairing.wait())")
let tablet = try await SyncClient.create(SyncConfig(invite: joined.invite, deviceName: "tablet"))
try await tablet.connect()
for blob in try await tablet.pull().blobs {
    print("tablet got \(String(decoding: blob.payload, as: UTF8.self))")
}

do {
    _ = try await laptop.pull(after: 1_000_000)
} catch SyncError.unknownCursor(let message) {  // or any: catch let error as SyncError
    print("caught unknownCursor - \(message)")
}
await tablet.shutdown()
await laptop.shutdown()
await phone.shutdown()
