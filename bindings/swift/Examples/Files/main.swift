import Foundation
import ZerokSync

let relay = CommandLine.arguments[1]
let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
let phone = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret, deviceName: "phone"))
let laptop = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret, deviceName: "laptop"))
try await phone.connect()
try await laptop.connect()

// A 3 MiB video on the phone; any size works: the library streams it in 1 MiB chunks.
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID())")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
let video = dir.appendingPathComponent("holiday.mp4")
try Data((0..<3 << 20).map { UInt8(truncatingIfNeeded: $0) }).write(to: video)

let upload = try await phone.pushFile(at: video)  // runs in the library from here on
for await p in upload.progress {  // the latest progress each time, until the upload ends
    print("uploading \(p.bytesDone * 100 / p.bytesTotal)%", terminator: "\r")
}
let pushed = try await upload.value  // cancelling this task would cancel the upload
print("\nuploaded \(pushed.size) bytes at cursor \(pushed.cursor!)")

// The laptop gets a blob whose `object` describes the file, and downloads it.
for blob in try await laptop.pull().blobs {
    guard let object = blob.object else { continue }
    let copy = dir.appendingPathComponent("copy of \(object.name ?? object.objectId)")
    let download = try await laptop.download(object, to: copy)  // appears once verified
    for await p in download.progress {
        print("downloading chunk \(p.chunksDone) of \(p.chunksTotal)", terminator: "\r")
    }
    let saved = URL(fileURLWithPath: try await download.value.path!)
    let same = try Data(contentsOf: saved) == Data(contentsOf: video)
    print("\nlaptop saved \(saved.lastPathComponent): \(same ? "the same" : "other") \(object.size) bytes")
}
try FileManager.default.removeItem(at: dir)
await laptop.shutdown()
await phone.shutdown()
