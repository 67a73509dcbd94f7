import Foundation
import Testing
import ZerokSync

/// The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
/// the Swift facade against real relays: one test per scenario, one facade call per op.
///
/// An op missing from `Run.call` fails its scenario, naming the op: a new scenario needs no
/// change here unless it needs an API this facade lacks.
@Suite struct ConformanceTests {
    static let scenarios: [Scenario] = {
        let data = try! Data(contentsOf: repo.appendingPathComponent("tests/conformance/scenarios.json"))
        return try! JSONDecoder().decode(ScenarioFile.self, from: data).scenarios
    }()

    @Test(arguments: scenarios)
    func scenario(_ scenario: Scenario) async throws {
        let own = try await blocking { try scenario.relayFlags.map { try Relay(flags: $0) } }
        let run = Run(relay: own ?? Relay.shared, ownFlags: scenario.relayFlags)
        do {
            for (name, config) in scenario.devices?.sorted(by: { $0.key < $1.key }) ?? [] {
                let client = try await run.createClient(config)
                try await client.connect()
                run.saved[name] = client
            }
            for (index, step) in scenario.steps.enumerated() {
                try await run.step(step, index: index)
            }
        } catch {
            await run.close()
            throw error
        }
        await run.close()
    }
}

/// A JSON value, as the scenarios write values and as results are compared.
indirect enum JSON: Decodable, Equatable, Sendable {
    case null, bool(Bool), int(Int64), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try single.decode([String: JSON].self))
        }
    }

    subscript(key: String) -> JSON? {
        if case let .object(fields) = self { return fields[key] }
        return nil
    }

    var string: String? { if case let .string(s) = self { s } else { nil } }
    var int: Int64? { if case let .int(i) = self { i } else { nil } }
    var array: [JSON]? { if case let .array(items) = self { items } else { nil } }

    /// A field, or an array's item when `key` is an index (a reference's dotted path).
    func at(_ key: String) -> JSON? {
        guard let index = Int(key), let items = array else { return self[key] }
        return items.indices.contains(index) ? items[index] : nil
    }

    /// This template for the `i`-th call of a repeated step (or item of an `each`): `{i}` in
    /// its strings replaced by `i`.
    func numbered(_ i: Int) -> JSON {
        switch self {
        case let .string(s): return .string(s.replacingOccurrences(of: "{i}", with: "\(i)"))
        case let .array(items): return .array(items.map { $0.numbered(i) })
        case let .object(fields): return .object(fields.mapValues { $0.numbered(i) })
        default: return self
        }
    }
}

struct ScenarioFile: Decodable {
    let scenarios: [Scenario]
}

struct Scenario: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let relayFlags: [String]?
    let devices: [String: JSON]?
    let steps: [JSON]

    enum CodingKeys: String, CodingKey {
        case name, devices, steps
        case relayFlags = "relay_flags"
    }

    var testDescription: String { name }
}

/// A result as the scenarios write it: records as objects of the contract's field names,
/// payloads as text, other bytes as hex.
private func canonical(_ value: Any?) -> JSON {
    switch value {
    case nil, is Void, is Background, is SyncClient, is Transfer, is Upload: return .null
    case let blob as SyncBlob:
        return .object([
            "blob_id": .string(blob.blobId), "payload": .string(blob.text),
            "cursor": .int(Int64(blob.cursor)), "timestamp_ms": .int(Int64(blob.timestampMs)),
            "object": canonical(blob.object),
        ])
    case let object as RemoteObject:
        return .object([
            "object_id": .string(object.objectId), "size": .int(Int64(object.size)), "blake3": .string(object.blake3),
            "chunk_size": .int(Int64(object.chunkSize)), "chunk_count": .int(Int64(object.chunkCount)),
            "name": object.name.map(JSON.string) ?? .null, "inline_bytes": .string(hex(object.inlineBytes)),
        ])
    case let progress as TransferProgress:
        return .object([
            "bytes_done": .int(Int64(progress.bytesDone)), "bytes_total": .int(Int64(progress.bytesTotal)),
            "bytes_sent": .int(Int64(progress.bytesSent)), "chunks_done": .int(Int64(progress.chunksDone)),
            "chunks_total": .int(Int64(progress.chunksTotal)),
        ])
    case let result as TransferResult:
        return .object([
            "object_id": .string(result.objectId), "size": .int(Int64(result.size)), "blake3": .string(result.blake3),
            "cursor": result.cursor.map { .int(Int64($0)) } ?? .null, "path": result.path.map(JSON.string) ?? .null,
        ])
    case let ack as PushResult: return .object(["blob_id": .string(ack.blobId), "cursor": .int(Int64(ack.cursor))])
    case let pulled as PullResult: return .object(["blobs": canonical(pulled.blobs), "tampered": canonical(pulled.tampered)])
    case let tampered as TamperedBlob:
        return .object(["blob_id": .string(tampered.blobId), "cursor": .int(Int64(tampered.cursor))])
    case let pending as Pending:
        return .object([
            "count": .int(Int64(pending.count)), "bytes": .int(Int64(pending.bytes)),
            "blob_ids": .array(pending.blobIds.map(JSON.string)),
        ])
    case let event as SyncEvent: return canonical(event)
    case let invite as Invite:
        return .object([
            "relay_addresses": .array(invite.relayAddresses.map(JSON.string)),
            "secret_bytes": .string(hex(invite.secretBytes)), "salt": invite.salt.map { .string(hex($0)) } ?? .null,
            "kdf": canonical(invite.kdf), "expires_at": .int(Int64(invite.expiresAt)),
        ])
    case let kdf as KdfParams:
        return .object([
            "memory_kib": .int(Int64(kdf.memoryKib)), "iterations": .int(Int64(kdf.iterations)),
            "parallelism": .int(Int64(kdf.parallelism)),
        ])
    case let derived as DerivedSecret:
        return .object(["secret": .string(hex(derived.secret)), "salt": .string(hex(derived.salt)), "kdf": canonical(derived.kdf)])
    case let version as VersionInfo:
        return .object(["core": .string(version.core), "wire": .int(Int64(version.wire)), "ffi": .string(version.ffi)])
    case let pairing as Pairing:
        return .object(["code": .string(pairing.code), "expires_at_ms": .int(Int64(pairing.expiresAtMs))])
    case let paired as PairedInvite: return .object(["invite": canonical(paired.invite), "verifier": .string(paired.verifier)])
    case let json as JSON: return json
    case let number as UInt64: return .int(Int64(number))
    case let flag as Bool: return .bool(flag)
    case let text as String: return .string(text)
    case let list as [Any]: return .array(list.map(canonical))
    case let other?:
        Issue.record("no canonical form for \(type(of: other))")
        return .null
    }
}

private func canonical(_ event: SyncEvent) -> JSON {
    func kind(_ name: String, _ fields: [String: JSON]) -> JSON { .object(fields.merging(["kind": .string(name)]) { $1 }) }
    switch event {
    case let .connected(relay): return kind("connected", ["relay": .string(relay)])
    case let .disconnected(relay, reason): return kind("disconnected", ["relay": .string(relay), "reason": .string(reason)])
    case let .failover(from, to): return kind("failover", ["from_relay": .string(from), "to_relay": .string(to)])
    case let .outboxSent(blobId, cursor, pending):
        return kind(
            "outbox_sent", ["blob_id": .string(blobId), "cursor": .int(Int64(cursor)), "pending": .int(Int64(pending))])
    case let .outboxRejected(blobId, reason):
        return kind("outbox_rejected", ["blob_id": .string(blobId), "reason": .string(reason)])
    case let .lagged(missed): return kind("lagged", ["missed": .int(Int64(missed))])
    }
}

private func kdf(_ json: JSON) -> KdfParams {
    KdfParams(
        memoryKib: UInt32(json["memory_kib"]!.int!), iterations: UInt32(json["iterations"]!.int!),
        parallelism: UInt32(json["parallelism"]!.int!))
}

/// The record `download` takes back, from its canonical JSON (a reference's or written out).
private func remoteObject(_ json: JSON) -> RemoteObject {
    RemoteObject(
        objectId: json["object_id"]!.string!, size: UInt64(json["size"]!.int!), blake3: json["blake3"]!.string!,
        chunkSize: UInt32(json["chunk_size"]!.int!), chunkCount: UInt64(json["chunk_count"]!.int!),
        name: json["name"]?.string, inlineBytes: unhex(json["inline_bytes"]!.string!))
}

/// `size` bytes where byte `i` is `i % 251` (`write_file`: the same file in every language).
private func pattern(size: Int) -> Data {
    let period = Data((0..<251).map { UInt8($0) })
    var data = Data(capacity: size)
    while data.count < size { data.append(period.prefix(size - data.count)) }
    return data
}

private func payload(_ json: JSON?) -> Data {
    if let text = json?.string { return Data(text.utf8) }
    return Data(count: Int(json!["size"]!.int!))
}

struct UnknownOp: Error, CustomStringConvertible {
    let op: String
    var description: String { "op '\(op)' is not supported by the Swift runner" }
}

/// A stream read in the background from the moment it is made (a subscription, so that what
/// is pushed after it arrives live; an event stream), its items collected for `next` steps:
/// canonical values, null once ended, or the error that ended it.
final class Background: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<JSON, SyncError>] = []
    private var reader: Task<Void, Never>?

    private init() {}

    /// A subscription's blobs, and {"error": "Tampered"} for a tampered one (subscribing again
    /// goes on after it).
    static func subscription(_ client: SyncClient) -> Background {
        read { live in
            while true {
                do {
                    for try await blob in client.subscribe() { live.add(.success(canonical(blob))) }
                    return live.add(.success(.null))
                } catch SyncError.tampered {
                    live.add(.success(.object(["error": .string("Tampered")])))
                } catch {
                    return live.add(.failure(error as? SyncError ?? .internal(message: "\(error)")))
                }
            }
        }
    }

    static func events(_ events: Events) -> Background {
        read { live in
            for await event in events { live.add(.success(canonical(event))) }
            live.add(.success(.null))
        }
    }

    private static func read(_ body: @escaping @Sendable (Background) async -> Void) -> Background {
        let live = Background()
        live.reader = Task { await body(live) }
        return live
    }

    private func add(_ item: Result<JSON, SyncError>) {
        lock.withLock { items.append(item) }
    }

    /// `close` and `close_events` in Swift: the loop's task is cancelled.
    func close() {
        reader?.cancel()
    }

    func next(count: Int, timeout: Duration) async throws -> [JSON] {
        var got: [JSON] = []
        let deadline = ContinuousClock.now + timeout
        while got.count < count && ContinuousClock.now < deadline {
            let item: Result<JSON, SyncError>? = lock.withLock { items.isEmpty ? nil : items.removeFirst() }
            guard let item else {
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            got.append(try item.get())
            if got.last == .null { break }
        }
        return got
    }
}

/// One scenario's relay, references and saved results.
final class Run: @unchecked Sendable {
    let relay: Relay
    /// The flags of the scenario's own relay; nil when it uses the shared one.
    let ownFlags: [String]?
    var saved: [String: Any?] = [:]
    private var secrets: [String: String] = [:]
    private var clients: [SyncClient] = []
    private var lives: [Background] = []
    private let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zerok-swift-conformance-\(UUID().uuidString)")

    init(relay: Relay, ownFlags: [String]?) {
        self.relay = relay
        self.ownFlags = ownFlags
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func step(_ step: JSON, index: Int) async throws {
        var result: Any? = nil
        var error: String? = nil
        for i in 0..<Int(step["repeat"]?.int ?? 1) where error == nil {
            do {
                let on: Any? = step["on"]?.string.flatMap { saved[$0] ?? nil }
                result = try await call(step["op"]!.string!, on: on, (step["args"] ?? .object([:])).numbered(i))
            } catch let failure as SyncError {
                error = failure.code
            }
        }
        let context = Comment(rawValue: "step \(index) \(step)")
        #expect(error == step["error"]?.string, context)
        if let expected = step["expect"] {
            #expect(matches(canonical(result), expected), "\(context): got \(canonical(result))")
        }
        if let name = step["save"]?.string { saved[name] = result }
    }

    private func call(_ op: String, on: Any?, _ a: JSON) async throws -> Any? {
        let c = on as? SyncClient
        switch op {
        case "create_client": return try await createClient(a["config"]!)
        case "connect": return try await c!.connect()
        case "disconnect": return await c!.disconnect()
        case "push": return try await c!.push(payload(a["payload"]))
        case "enqueue": return try await c!.enqueue(payload(a["payload"]))
        case "pending": return c!.pending
        case "flush": return try await c!.flush(timeout: a["timeout_ms"].map { .milliseconds($0.int!) })
        case "events": return background(.events(c!.events()))
        case "pull": return try await c!.pull()
        case "pull_after": return try await c!.pull(after: UInt64(value(a["cursor"]!).int!))
        case "subscribe": return background(.subscription(c!))
        case "next", "next_event":
            return try await (on as! Background).next(count: Int(a["count"]!.int!), timeout: .milliseconds(a["timeout_ms"]!.int!))
        case "close", "close_events": return (on as! Background).close()
        case "is_connected": return c!.isConnected
        case "current_cursor": return c!.currentCursor
        case "active_relay": return c!.activeRelay
        case "group_id": return c!.groupId
        case "create_invite": return try c!.createInvite(ttl: .seconds(a["ttl_secs"]!.int!))
        case "shutdown": return await c!.shutdown()
        case "invite_to_qr": return try (native(a["invite"]!) as! Invite).qr()
        case "invite_from_qr": return try Invite(qr: value(a["qr"]!).string!)
        case "derive_secret":
            return try await deriveSecret(
                passphrase: a["passphrase"]!.string!, salt: a["salt"].map { unhex(value($0).string!) },
                kdf: a["kdf"].map { kdf(value($0)) })
        case "version": return version()
        case "create_pairing_code":
            return try await c!.createPairingCode(ttl: a["ttl_secs"]?.int.map { .seconds($0) })
        case "code": return (on as! Pairing).code
        case "expires_at_ms": return (on as! Pairing).expiresAtMs
        case "wait": return try await (on as! Pairing).wait()
        case "cancel": return (on as! Pairing).cancel()
        case "push_file": return try await c!.pushFile(at: file(a["path"]!))
        case "enqueue_file": return try await c!.enqueueFile(at: file(a["path"]!))
        case "push_stream": return try await c!.pushStream(size: UInt64(a["size"]!.int!), name: a["name"]?.string)
        case "write": return try await (on as! Upload).write(payload(a["data"]))
        case "finish": return try await (on as! Upload).finish()
        case "transfer": return (on as! Upload).transfer
        case "download": return try await c!.download(remoteObject(value(a["object"]!)), to: file(a["path"]!))
        case "object_id": return (on as! Transfer).objectId
        case "progress": return (on as! Transfer).currentProgress
        case "next_progress":
            var last: TransferProgress?
            for await progress in (on as! Transfer).progress { last = progress }
            return last
        case "outcome": return try await (on as! Transfer).value
        case "cancel_transfer": return (on as! Transfer).cancel()
        case "join_with_code":
            return try await joinWithCode(
                value(a["code"]!).string!, relayAddresses: value(a["relay_addresses"]!).array!.map { $0.string! })
        // Harness ops (no contract name).
        case "sleep": return try await Task.sleep(for: .milliseconds(a["ms"]!.int!))
        case "kill_relay":
            #expect(ownFlags != nil, "kill_relay needs a relay of the scenario's own (relay_flags)")
            return relay.kill()
        case "relay_exited":
            let exited = try await relay.exited(within: .milliseconds(a["timeout_ms"]!.int!))
            #expect(exited, "the relay still runs after \(a["timeout_ms"]!.int!) ms")
            return nil
        case "start_relay":
            guard let flags = ownFlags else {
                Issue.record("start_relay needs a relay of the scenario's own (relay_flags)")
                return nil
            }
            return try relay.restart(flags: a["flags"].map { f in f.array!.map { $0.string! } } ?? flags)
        case "tamper":
            let (relay, group, cursor) = (relay, value(a["group_id"]!).string!, UInt64(value(a["cursor"]!).int!))
            return try await blocking { try tamper(relay, groupId: group, cursor: cursor) }
        case "tamper_chunk":
            let args = [relay.db, value(a["group_id"]!).string!, value(a["object_id"]!).string!, "flip", "\(a["index"]!.int!)"]
            return try await blocking { try runTool("tamper_chunk.py", args) }
        case "write_file":
            let (text, size, url) = (a["text"]?.string, a["size"]?.int, file(a["path"]!))
            return try await blocking { try (text.map { Data($0.utf8) } ?? pattern(size: Int(size!))).write(to: url) }
        case "file_sha256":
            let path = file(a["path"]!).path
            return try await blocking { try FileManager.default.fileExists(atPath: path) ? sha256(path) : nil }
        default: throw UnknownOp(op: op)
        }
    }

    private func file(_ path: JSON) -> URL {
        URL(fileURLWithPath: value(path).string!)
    }

    private func background(_ live: Background) -> Background {
        lives.append(live)
        return live
    }

    func createClient(_ fields: JSON) async throws -> SyncClient {
        let client = try await SyncClient.create(config(fields))
        clients.append(client)
        return client
    }

    private func config(_ fields: JSON) -> SyncConfig {
        var config = fields["from_invite"].map { SyncConfig(invite: native($0) as! Invite) } ?? SyncConfig(relayAddresses: [])
        guard case let .object(entries) = fields else { return config }
        for (key, raw) in entries where key != "from_invite" {
            let v = value(raw)
            switch key {
            case "relay_addresses": if case let .array(items) = v { config.relayAddresses = items.map { $0.string! } }
            case "passphrase": config.passphrase = v.string
            case "secret_bytes": config.secretBytes = v.string.map(unhex)
            case "salt": config.salt = v.string.map(unhex)
            case "kdf": config.kdf = kdf(v)
            case "device_name": config.deviceName = v.string
            case "ttl_secs": config.ttl = .seconds(v.int!)
            case "state_path": config.statePath = v.string
            case "keep_alive_ms": config.keepAlive = .milliseconds(v.int!)
            case "idle_timeout_ms": config.idleTimeout = .milliseconds(v.int!)
            case "connect_timeout_ms": config.connectTimeout = .milliseconds(v.int!)
            case "request_timeout_ms": config.requestTimeout = .milliseconds(v.int!)
            case "outbox_max_bytes": config.outboxMaxBytes = UInt64(v.int!)
            default: Issue.record("unknown config field \(key)")
            }
        }
        return config
    }

    private func resolve(_ ref: String) -> JSON {
        let parts = ref.dropFirst().split(separator: ":", maxSplits: 1).map(String.init)
        let (kind, name) = (parts[0], parts.count > 1 ? parts[1] : "")
        switch kind {
        case "relay": return .string(relay.addr)
        case "wrong_id": return .string(String(repeating: name, count: 64) + "@" + relay.addr.split(separator: "@")[1])
        case "secret":
            if secrets[name] == nil { secrets[name] = hex(newSecret()) }
            return .string(secrets[name]!)
        case "file": return .string(dir.appendingPathComponent(name).path)
        default:
            let path = ref.dropFirst().split(separator: ".").map(String.init)
            return path.dropFirst().reduce(canonical(native(.string("$" + path[0])))) { $0.at($1) ?? .null }
        }
    }

    /// `x` with every reference resolved to its canonical value.
    private func value(_ x: JSON) -> JSON {
        switch x {
        case let .string(s) where s.hasPrefix("$"): return resolve(s)
        case let .array(items): return .array(items.map(value))
        case let .object(fields): return .object(fields.mapValues(value))
        default: return x
        }
    }

    /// The saved result itself (a record the facade takes back), or a record field of it
    /// (`$joined.invite`).
    private func native(_ ref: JSON) -> Any? {
        let path = ref.string!.dropFirst().split(separator: ".", maxSplits: 1).map(String.init)
        #expect(saved[path[0]] != nil, "nothing saved as \(path[0])")
        let whole = saved[path[0]] ?? nil
        guard path.count > 1 else { return whole }
        switch (whole, path[1]) {
        case let (paired as PairedInvite, "invite"): return paired.invite
        default:
            Issue.record("no record field \(path[1]) in \(String(describing: whole))")
            return nil
        }
    }

    private func matches(_ actual: JSON, _ template: JSON) -> Bool {
        switch template {
        case let .string(s) where s.hasPrefix("$"): return actual == resolve(s)
        case let .array(items):
            guard case let .array(got) = actual, got.count == items.count else { return false }
            return zip(got, items).allSatisfy(matches)
        case let .object(fields) where Array(fields.keys) == ["matches"]:
            return actual.string.map { (try? Regex(fields["matches"]!.string!)).map($0.contains) ?? false } ?? false
        case let .object(fields) where Set(fields.keys) == ["each", "count"]:
            guard case let .array(got) = actual, got.count == fields["count"]!.int! else { return false }
            return got.enumerated().allSatisfy { i, item in matches(item, fields["each"]!.numbered(i)) }
        case let .object(fields):
            return fields.allSatisfy { key, t in actual[key].map { matches($0, t) } ?? false }
        default: return actual == template
        }
    }

    func close() async {
        for live in lives { live.close() }
        for client in clients { await client.shutdown() }
        try? FileManager.default.removeItem(at: dir)
    }
}
