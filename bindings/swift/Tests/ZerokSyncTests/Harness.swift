import Foundation
import Testing
import ZerokSync

/// The repository (tests/vectors, tests/tools, target/release), from this file's place in it.
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A real `zerok relay` process on 127.0.0.1 with its SQLite file in a temp dir. Relays still
/// running when the test process ends die with it (scripts/test-swift runs it as the init of
/// a pid namespace).
final class Relay: @unchecked Sendable {
    /// One relay with default limits for the whole test run.
    static let shared = try! Relay()

    let dir: URL
    let db: String
    let addr: String
    private let log: URL
    private var process: Process

    convenience init(_ flags: String...) throws {
        try self.init(flags: flags)
    }

    init(flags: [String]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("zerok-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("relay.db").path
        log = dir.appendingPathComponent("relay.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        (process, addr) = try Relay.start(db: db, log: log, listen: "127.0.0.1:0", flags: flags)
    }

    /// A relay process on `db` (its key beside it) and `listen`, and the address it printed.
    private static func start(db: String, log: URL, listen: String, flags: [String]) throws -> (Process, String) {
        let process = Process()
        let bin = ProcessInfo.processInfo.environment["ZEROK_BIN"] ?? repo.appendingPathComponent("target/release/zerok").path
        process.executableURL = URL(fileURLWithPath: bin)
        process.arguments = ["relay", "--db", db, "--listen", listen] + flags
        let out = Pipe()
        process.standardOutput = out
        let logFile = try FileHandle(forWritingTo: log)
        try logFile.seekToEnd()
        process.standardError = logFile
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let addr = try line(of: out.fileHandleForReading) ?? ""
        guard addr.contains("@") else {
            throw RelayFailed(output: addr, log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        return (process, addr)
    }

    struct RelayFailed: Error {
        let output: String
        let log: String
    }

    /// SIGKILL and wait: the relay is dead when this returns.
    func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Starts the relay again (killed first if it still runs) on the same database, key and
    /// address, with `flags`.
    func restart(flags: [String]) throws {
        kill()
        let (again, printed) = try Relay.start(db: db, log: log, listen: String(addr.split(separator: "@")[1]), flags: flags)
        process = again
        #expect(printed == addr, "the relay's identity and address survive a restart")
    }

    /// Whether the relay process ended by itself within `timeout`.
    func exited(within timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return !process.isRunning
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: dir)
    }
}

/// The next line `handle` gives (without its newline); nil at its end.
func line(of handle: FileHandle) throws -> String? {
    var line = Data()
    while let byte = try handle.read(upToCount: 1), !byte.isEmpty {
        if byte == Data("\n".utf8) { return String(decoding: line, as: UTF8.self) }
        line += byte
    }
    return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
}

/// An executable product of the package, built beside this test bundle by `swift build`
/// (scripts/test-swift).
func product(_ name: String) throws -> URL {
    try #require(Bundle.main.executableURL).deletingLastPathComponent().appendingPathComponent(name)
}

/// A directory of its own in the temp dir, removed when `body` returns.
func withTempDir<T>(_ body: (URL) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zerok-swift-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try await body(dir)
}

/// Whether `condition` holds within `timeout` (checked every 5 ms).
func eventually(_ timeout: Duration, _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() && ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// A fresh group: tests never see each other's blobs.
func newSecret() -> Data {
    Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
}

/// Flips a bit of a stored envelope (tests/tools/tamper_blob.py, shared by every language).
func tamper(_ relay: Relay, groupId: String, cursor: UInt64) throws {
    try runTool("tamper_blob.py", [relay.db, groupId, "\(cursor)"])
}

/// Runs a Python script of tests/tools (shared by every language); its output.
@discardableResult
func runTool(_ script: String, _ args: [String]) throws -> String {
    try python([repo.appendingPathComponent("tests/tools/\(script)").path] + args, name: script)
}

/// The SHA-256 (hex) of the file at `path` (Foundation on Linux has no SHA-256).
func sha256(_ path: String) throws -> String {
    let code = "import hashlib, sys; print(hashlib.file_digest(open(sys.argv[1], 'rb'), 'sha256').hexdigest())"
    return try python(["-c", code, path], name: "sha256").trimmingCharacters(in: .whitespacesAndNewlines)
}

private func python(_ args: [String], name: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = args
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let printed = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ToolFailed(name: name, status: process.terminationStatus) }
    return String(decoding: printed, as: UTF8.self)
}

struct ToolFailed: Error {
    let name: String
    let status: Int32
}

/// Runs blocking work (a child process, a large file, a relay's start) on a thread of its own.
/// Swift's cooperative pool has a thread per core: blocking them stalls every test's calls,
/// long enough for a transfer a scenario is about to cancel to end first.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in
        DispatchQueue.global().async { done.resume(with: Result(catching: work)) }
    }
}

/// Clients made by a test, shut down at its end (`withClients`).
final class Clients: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [SyncClient] = []

    func create(_ config: SyncConfig, connect: Bool = true) async throws -> SyncClient {
        let client = try await SyncClient.create(config)
        lock.withLock { made.append(client) }
        if connect { try await client.connect() }
        return client
    }

    /// Two connected clients of one new group.
    func pair(_ relay: Relay = .shared) async throws -> (SyncClient, SyncClient) {
        let config = SyncConfig(relayAddresses: [relay.addr], secretBytes: newSecret())
        return (try await create(config), try await create(config))
    }

    fileprivate func shutdownAll() async {
        for client in lock.withLock({ made }) { await client.shutdown() }
    }
}

func withClients<T>(_ body: (Clients) async throws -> T) async throws -> T {
    let clients = Clients()
    do {
        let result = try await body(clients)
        await clients.shutdownAll()
        return result
    } catch {
        await clients.shutdownAll()
        throw error
    }
}

/// Fails unless `body` throws the case `expected` makes (whatever its message); returns the error.
@discardableResult
func expectError<T>(
    _ expected: (String) -> SyncError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> SyncError? {
    do {
        let value = try await body()
        Issue.record("expected \(expected("")), got \(value)", sourceLocation: sourceLocation)
    } catch let error as SyncError {
        #expect(error == expected(error.message), sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected \(expected("")), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// `body`'s result, or nil when `limit` passed first (`body`'s task is then cancelled).
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}

/// Values collected from several tasks.
final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []

    func append(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}

extension SyncBlob {
    var text: String { String(decoding: payload, as: UTF8.self) }
}

extension String {
    var bytes: Data { Data(utf8) }
}

/// Lowercase hex, as tests/vectors and tests/conformance write bytes.
func hex(_ data: Data) -> String {
    data.map { String(format: "%02x", $0) }.joined()
}

func unhex(_ text: String) -> Data {
    let digits = Array(text)
    return Data(stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! })
}
