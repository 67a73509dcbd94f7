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

do {
    _ = try await laptop.pull(after: 1_000_000)
} catch SyncError.unknownCursor(let message) {  // or any: catch let error as SyncError
    print("caught unknownCursor - \(message)")
}
await laptop.shutdown()
await phone.shutdown()
