// Per-call overhead from Swift, as scripts/bench-overhead defines it (the same two
// measurements in every language): a trivial async call (disconnect() on a client never
// connected) and a 64 KiB push to a relay. Run by scripts/bench-overhead-swift:
//   Overhead <relay address> <output json> <runtime description>
import Foundation
import ZerokSync

let arguments = CommandLine.arguments
let (relay, output, runtime) = (arguments[1], arguments[2], arguments[3])

/// Per-call nanoseconds of 7 batches, and the calls per batch: after a warm-up of `warmup`
/// calls and at least 1 s, each batch is the larger of `minimum` calls and 0.2 s's worth at
/// the warm-up's pace.
func batches(warmup: Int, minimum: Int, _ call: () async throws -> Void) async throws -> ([Double], Int) {
    let clock = ContinuousClock()
    var warmed = 0
    let warmupStart = clock.now
    while warmed < warmup || clock.now - warmupStart < .seconds(1) {
        try await call()
        warmed += 1
    }
    let pace = seconds(clock.now - warmupStart) / Double(warmed)
    let size = max(minimum, Int(0.2 / pace))
    var perCall: [Double] = []
    for _ in 0..<7 {
        let start = clock.now
        for _ in 0..<size { try await call() }
        perCall.append(seconds(clock.now - start) * 1e9 / Double(size))
    }
    return (perCall, size)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
let idle = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret))
let (trivial, trivialCalls) = try await batches(warmup: 2000, minimum: 10_000) { await idle.disconnect() }

let pusher = try await SyncClient.create(SyncConfig(relayAddresses: [relay], secretBytes: secret))
try await pusher.connect()
let payload = Data((0..<(64 << 10)).map { _ in UInt8.random(in: .min ... .max) })
let (push, pushCalls) = try await batches(warmup: 50, minimum: 100) { _ = try await pusher.push(payload) }
await pusher.shutdown()
await idle.shutdown()

let figures: [String: Any] = [
    "language": "swift", "runtime": runtime,
    "trivial_async_ns": median(trivial), "push_64k_ns": median(push),
    "batches": ["trivial_async_ns": trivial, "push_64k_ns": push],
    "calls_per_batch": ["trivial_async": trivialCalls, "push_64k": pushCalls],
]
try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]).write(to: URL(fileURLWithPath: output))
print(String(format: "swift: trivial async call %.2f µs, 64 KiB push %.0f µs (medians of 7 batches)", median(trivial) / 1e3, median(push) / 1e3))
