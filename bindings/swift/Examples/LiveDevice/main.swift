// The Swift device of the cross-language live-sync test: tests/live-sync/README.md defines
// its arguments and modes (push, enqueue, deliver; show and type for pairing by code; file for
// files in a ring), the payloads, the checks and the JSON line it prints. Started by scripts/test-live-sync (inside scripts/swift-env) and by the
// outbox tests; it uses only the public facade.
import Foundation
import ZerokSync

/// Reading on after the last expected blob: a late one is a duplicate.
let settle = Duration.milliseconds(500)

/// A failed check; its message is the result's `error`.
struct Failed: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

func fnv1a32(_ data: some Sequence<UInt8>) -> UInt32 {
    var h: UInt32 = 0x811c_9dc5
    for byte in data { h = (h ^ UInt32(byte)) &* 0x0100_0193 }
    return h
}

/// Blob `index` of device `language`: its header, then xorshift32 bytes seeded by it.
func payload(_ language: String, _ index: Int, _ bodySizes: [Int]) -> Data {
    let header = Data("\(language):\(index):".utf8)
    let size = bodySizes[index % bodySizes.count]
    var body = [UInt8](repeating: 0, count: (size + 3) / 4 * 4)
    var x = fnv1a32(header)
    if x == 0 { x = 1 }
    for offset in stride(from: 0, to: size, by: 4) {
        x ^= x << 13
        x ^= x >> 17
        x ^= x << 5
        for k in 0..<4 { body[offset + k] = UInt8(truncatingIfNeeded: x >> (8 * k)) }
    }
    return header + body[..<size]
}

func checkVectors(_ table: [String: Any], _ bodySizes: [Int]) throws {
    for v in table["vectors"] as! [[String: Any]] {
        let (language, index) = (v["language"] as! String, v["index"] as! Int)
        let got = payload(language, index, bodySizes)
        if got.count != v["length"] as! Int || Int(fnv1a32(got)) != v["fnv1a32"] as! Int {
            throw Failed("payload rule disagrees with vector \(language):\(index): length \(got.count), fnv1a32 \(fnv1a32(got))")
        }
    }
}

/// What this device sends as blob `index`: its payload, with the last byte of index 1 flipped
/// when the test-only hook ZEROK_LIVE_SYNC_CORRUPT names this device.
func outgoing(_ me: String, _ index: Int, _ bodySizes: [Int]) -> Data {
    var blob = payload(me, index, bodySizes)
    if index == 1 && ProcessInfo.processInfo.environment["ZEROK_LIVE_SYNC_CORRUPT"] == me {
        blob[blob.count - 1] ^= 1
    }
    return blob
}

func firstDifference(_ expected: Data, _ got: Data) -> String {
    for (offset, (e, g)) in zip(expected, got).enumerated() where e != g {
        return String(format: "byte %d differs: expected 0x%02x, got 0x%02x", offset, e, g)
    }
    return "\(got.count) bytes, expected \(expected.count)"
}

/// What this device has received: the next index due from each other sender.
struct Checker {
    let me: String, n: Int, bodySizes: [Int], others: [String]
    var due: [String: Int]
    var received = 0

    init(me: String, languages: [String], n: Int, bodySizes: [Int]) {
        (self.me, self.n, self.bodySizes) = (me, n, bodySizes)
        others = languages.filter { $0 != me }
        due = Dictionary(uniqueKeysWithValues: others.map { ($0, 0) })
    }

    var complete: Bool { due.values.allSatisfy { $0 == n } }

    func progress() -> String { others.map { "\($0) \(due[$0]!)/\(n)" }.joined(separator: ", ") }

    mutating func accept(_ got: Data) throws {
        let start = String(decoding: got.prefix(24), as: UTF8.self).debugDescription
        if complete { throw Failed("a blob after all were received (\(got.count) bytes, starting \(start)): a duplicate or a stray") }
        let parts = got.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty, parts[1].allSatisfy({ (0x30...0x39).contains($0) }),
              let index = Int(String(decoding: parts[1], as: UTF8.self))
        else { throw Failed("a blob without a header (\(got.count) bytes, starting \(start))") }
        let sender = String(decoding: parts[0], as: UTF8.self)
        if sender == me { throw Failed("received its own blob \(sender):\(index)") }
        guard let next = due[sender] else { throw Failed("a blob from an unknown sender \(sender.debugDescription)") }
        if index != next { throw Failed("\(sender):\(index) arrived when \(sender):\(next) was due") }
        let expected = payload(sender, index, bodySizes)
        if got != expected { throw Failed("\(sender):\(index): \(firstDifference(expected, got))") }
        due[sender] = next + 1
        received += 1
    }
}

struct Result: Encodable {
    let language: String
    var ok = false, pushed = 0, received = 0, seconds = 0.0
    var error: String?
}

/// What the main loop waits for, from the tasks that read, push and keep time.
enum Event: Sendable {
    case blob(SyncBlob), pushed(Int), failed(any Error), deadline, settled
}

/// A line on stdout, unbuffered: the coordinator waits for it.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Says `ready`, then waits for the script's `go` on stdin.
func readyThenGo() async throws {
    say("ready")
    let line = await readStdinLine()
    guard line?.trimmingCharacters(in: .whitespaces) == "go" else {
        throw Failed("expected 'go' on stdin, got \(line.debugDescription)")
    }
}

/// A line of stdin, read on a thread of its own (never block a task's thread).
func readStdinLine() async -> String? {
    await withCheckedContinuation { done in Thread { done.resume(returning: readLine()) }.start() }
}

func run(_ args: [String], _ result: inout Result) async throws {
    let (relay, secret, me, languages) = (args[1], args[2], args[3], args[4].split(separator: ",").map(String.init))
    let (n, timeout) = (Int(args[5])!, Double(args[7])!)
    let (mode, statePath) = (args.count > 8 ? args[8] : "push", args.count > 9 ? args[9] : nil)
    guard ["push", "enqueue", "deliver"].contains(mode) else { throw Failed("unknown mode \(mode.debugDescription)") }
    let bodySizes = try vectorsChecked(args[6])
    var checker = Checker(me: me, languages: languages, n: n, bodySizes: bodySizes)
    let secretBytes = unhex(secret)
    let client = try await SyncClient.create(
        SyncConfig(relayAddresses: [relay], secretBytes: secretBytes, deviceName: me, statePath: statePath))
    if mode == "enqueue" {
        for index in 0..<n {
            _ = try await client.enqueue(outgoing(me, index, bodySizes))
            say("enqueued \(index)")
        }
        say("enqueued all")
        while true { try await Task.sleep(for: .seconds(3600)) }  // until the coordinator kills it
    }
    try await client.connect()
    let (events, sink) = AsyncStream.makeStream(of: Event.self)
    let reader = Task.detached {
        do {
            for try await blob in client.subscribe() { sink.yield(.blob(blob)) }
            sink.yield(.failed(Failed("the subscription ended")))
        } catch {
            sink.yield(.failed(error))
        }
    }
    defer { reader.cancel() }
    try await readyThenGo()

    let start = ContinuousClock.now
    let pusher = Task.detached {
        do {
            if mode == "deliver" {  // the outbox of the run in mode enqueue holds them
                try await client.flush()
                sink.yield(.pushed(n))
            } else {
                for index in 0..<n {
                    _ = try await client.push(outgoing(me, index, bodySizes))
                    sink.yield(.pushed(index + 1))
                }
            }
        } catch {
            sink.yield(.failed(error))
        }
    }
    defer { pusher.cancel() }
    let timer = Task.detached {
        try? await Task.sleep(for: .seconds(timeout))
        sink.yield(.deadline)
    }
    defer { timer.cancel() }

    var settling = false
    loop: for await event in events {
        switch event {
        case let .blob(blob):
            try checker.accept(blob.payload)
            result.received = checker.received
        case let .pushed(count):
            result.pushed = count
        case let .failed(error):
            throw error
        case .deadline where !settling:
            throw Failed("timed out after \(args[7]) s: received \(checker.progress()); pushed \(result.pushed)/\(n)")
        case .deadline:
            continue
        case .settled:
            break loop
        }
        if !settling && checker.complete && result.pushed == n {
            let elapsed = ContinuousClock.now - start
            let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            result.seconds = (secs * 1000).rounded() / 1000
            settling = true
            Task.detached {
                try? await Task.sleep(for: settle)
                sink.yield(.settled)
            }
        }
    }
    await client.shutdown()
    result.ok = true
}

/// The result of modes show and type.
struct PairResult: Encodable {
    let language: String
    var ok = false
    var verifier: String?
    var pairedWith: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case language, ok, verifier, error
        case pairedWith = "paired_with"
    }
}

/// Mode show: pushes payload 0, shows a pairing code (`code <code>` on stdout) and waits, at
/// most `timeout` seconds, until the device that types it has the invite.
func showCode(_ args: [String], _ result: inout PairResult) async throws {
    let (relay, secret, me, timeout) = (args[1], args[2], args[3], Double(args[7])!)
    let bodySizes = try vectorsChecked(args[6])
    let client = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: unhex(secret), deviceName: me))
    try await client.connect()
    _ = try await client.push(payload(me, 0, bodySizes))
    let pairing = try await client.createPairingCode()
    say("code \(pairing.code)")
    // The first of the wait and the deadline. The loser is cancelled: a wait cancelled by the
    // deadline cancels the pairing, so it ends at once.
    let verifier = try await withThrowingTaskGroup(of: String?.self) { group in
        group.addTask { try await pairing.wait() }
        group.addTask {
            try? await Task.sleep(for: .seconds(timeout))
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
    guard let verifier else { throw Failed("timed out after \(args[7]) s: nobody typed the code") }
    result.verifier = verifier
    await client.shutdown()
    result.ok = true
}

/// Mode type: joins with the code through the relay alone, makes a client of the invite and
/// pulls: exactly payload 0 of another language of the list, the one that showed the code.
func typeCode(_ args: [String], _ result: inout PairResult) async throws {
    let (relay, me, languages) = (args[1], args[3], args[4].split(separator: ",").map(String.init))
    guard args.count > 9 else { throw Failed("mode type needs the code as its 10th argument") }
    let bodySizes = try vectorsChecked(args[6])
    let joined = try await joinWithCode(args[9], relayAddresses: [relay])
    result.verifier = joined.verifier
    let client = try await SyncClient.create(SyncConfig(invite: joined.invite, deviceName: me))
    try await client.connect()
    let pulled = try await client.pull()
    await client.shutdown()
    if !pulled.tampered.isEmpty { throw Failed("the pull reported tampered blobs: \(pulled.tampered)") }
    guard pulled.blobs.count == 1 else { throw Failed("the pull held \(pulled.blobs.count) blobs, expected exactly one") }
    // The checker of the normal run with N = 1: a header naming another language of the list,
    // index 0, the payload the rule makes, byte for byte.
    var checker = Checker(me: me, languages: languages, n: 1, bodySizes: bodySizes)
    try checker.accept(pulled.blobs[0].payload)
    result.pairedWith = checker.others.first { checker.due[$0] == 1 }
    result.ok = true
}

/// The result of mode file.
struct FileResult: Encodable {
    let language: String
    var ok = false
    var pushedBLAKE3: String?, receivedFrom: String?, receivedBLAKE3: String?
    var seconds = 0.0
    var error: String?

    enum CodingKeys: String, CodingKey {
        case language, ok, seconds, error
        case pushedBLAKE3 = "pushed_blake3", receivedFrom = "received_from", receivedBLAKE3 = "received_blake3"
    }
}

/// Writes `size` bytes to `url`, byte i being (i + p) % 251, in pieces of 1 MiB: each piece a
/// window of one pattern that starts where the piece's first byte falls in it.
func writeRingFile(_ url: URL, _ size: Int, _ p: Int) throws {
    let piece = 1 << 20
    let pattern = Data((0..<piece + 251).map { UInt8($0 % 251) })
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw Failed("cannot create \(url.path)") }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    for offset in stride(from: 0, to: size, by: piece) {
        let start = (offset + p) % 251
        try handle.write(contentsOf: pattern[start..<start + min(piece, size - offset)])
    }
}

/// Reads `transfer`'s progress to its end, printing `<label> <bytes_done> <bytes_total>` for
/// each, then returns its outcome; the progress must end at `size` of `size`.
func follow(_ transfer: Transfer, _ label: String, _ size: UInt64) async throws -> TransferResult {
    var last: TransferProgress?
    for await p in transfer.progress {
        say("\(label) \(p.bytesDone) \(p.bytesTotal)")
        last = p
    }
    let (done, total) = (last?.bytesDone ?? 0, last?.bytesTotal ?? 0)
    let result: TransferResult
    do { result = try await transfer.value } catch { throw Failed("\(label) at \(done)/\(size): \(error)") }
    if done != size || total != size { throw Failed("\(label): progress ended at \(done)/\(total), expected \(size)/\(size)") }
    return result
}

/// What mode file's main loop waits for.
enum FileEvent: Sendable {
    case object(RemoteObject), pushed(TransferResult), downloaded(TransferResult), failed(any Error), deadline
}

/// Mode file (10th argument: the shared directory, 11th: SIZE): pushes its file while it waits
/// for the blob of the language before it in the ring, and downloads that file.
func fileRing(_ args: [String], _ result: inout FileResult) async throws {
    let (relay, secret, me, languages) = (args[1], args[2], args[3], args[4].split(separator: ",").map(String.init))
    guard args.count > 10, let size = Int(args[10]) else { throw Failed("mode file needs a directory and a size") }
    let (dir, timeout) = (URL(fileURLWithPath: args[9]), Double(args[7])!)
    _ = try vectorsChecked(args[6])
    guard let p = languages.firstIndex(of: me) else { throw Failed("\(me) is not in the list \(args[4])") }
    let before = languages[(p + languages.count - 1) % languages.count]
    let mine = dir.appendingPathComponent("\(me).bin")
    try writeRingFile(mine, size, p)
    let client = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: unhex(secret), deviceName: me))
    try await client.connect()
    let (events, sink) = AsyncStream.makeStream(of: FileEvent.self)
    let reader = Task.detached {
        do {
            for try await blob in client.subscribe() {
                if let object = blob.object, object.name == "\(before).bin" { sink.yield(.object(object)) }
            }
            sink.yield(.failed(Failed("the subscription ended")))
        } catch {
            sink.yield(.failed(error))
        }
    }
    defer { reader.cancel() }
    try await readyThenGo()

    let start = ContinuousClock.now
    let pusher = Task.detached {
        do { sink.yield(.pushed(try await follow(client.pushFile(at: mine), "up", UInt64(size)))) } catch { sink.yield(.failed(error)) }
    }
    defer { pusher.cancel() }
    let timer = Task.detached {
        try? await Task.sleep(for: .seconds(timeout))
        sink.yield(.deadline)
    }
    defer { timer.cancel() }
    var downloader: Task<Void, Never>?
    defer { downloader?.cancel() }
    let copy = dir.appendingPathComponent("\(me).from-\(before).bin")
    for await event in events {
        switch event {
        case let .object(object) where downloader == nil:
            downloader = Task.detached {
                do { sink.yield(.downloaded(try await follow(client.download(object, to: copy), "down", UInt64(size)))) } catch { sink.yield(.failed(error)) }
            }
        case .object:
            continue
        case let .pushed(pushed):
            result.pushedBLAKE3 = pushed.blake3
        case let .downloaded(downloaded):
            (result.receivedFrom, result.receivedBLAKE3) = (before, downloaded.blake3)
        case let .failed(error):
            throw error
        case .deadline:
            throw Failed("timed out after \(args[7]) s: \(downloader == nil ? "no blob named \(before).bin" : "download unfinished"); push \(result.pushedBLAKE3 == nil ? "unfinished" : "done")")
        }
        if result.pushedBLAKE3 != nil && result.receivedBLAKE3 != nil { break }
    }
    let elapsed = ContinuousClock.now - start
    result.seconds = ((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000).rounded() / 1000
    await client.shutdown()
    result.ok = true
}

/// The payload table of `path`, its vectors checked; its body sizes.
func vectorsChecked(_ path: String) throws -> [Int] {
    let table = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    let bodySizes = table["body_sizes"] as! [Int]
    try checkVectors(table, bodySizes)
    return bodySizes
}

func unhex(_ text: String) -> Data {
    Data(stride(from: 0, to: text.count, by: 2).map { i in UInt8(text.dropFirst(i).prefix(2), radix: 16)! })
}

/// Runs `body` on a fresh result; every failure is its error.
func outcome<R>(_ result: R, _ body: (inout R) async throws -> Void, error field: WritableKeyPath<R, String?>) async -> R {
    var result = result
    do {
        try await body(&result)
    } catch let failed as Failed {
        result[keyPath: field] = failed.message
    } catch {
        result[keyPath: field] = "\(error)"
    }
    return result
}

let args = CommandLine.arguments
var line = "", ok = false
switch args.count > 8 ? args[8] : "push" {
case "show":
    let result = await outcome(PairResult(language: args[3]), { try await showCode(args, &$0) }, error: \.error)
    line = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
    ok = result.ok
case "type":
    let result = await outcome(PairResult(language: args[3]), { try await typeCode(args, &$0) }, error: \.error)
    line = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
    ok = result.ok
case "file":
    let result = await outcome(FileResult(language: args[3]), { try await fileRing(args, &$0) }, error: \.error)
    line = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
    ok = result.ok
default:
    let result = await outcome(Result(language: args[3]), { try await run(args, &$0) }, error: \.error)
    line = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
    ok = result.ok
}
say(line)
exit(ok ? 0 : 1)
