import Foundation
import Testing
import ZerokSync

/// Files and streams as objects through the facade: progress as an `AsyncSequence`, results
/// as `value`, and Swift cancellation reaching the transfer in the library.
@Suite struct TransferTests {
    /// Bytes that differ from chunk to chunk, so a misplaced chunk shows.
    static let bytes = Data((0..<(2 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 20) })

    @Test func aFileAndAStreamOfPiecesArriveWhole() async throws {
        try await withClients { clients in
            try await withTempDir { dir in
                let (a, b) = try await clients.pair()
                let source = dir.appendingPathComponent("big.bin")
                try Self.bytes.write(to: source)
                let upload = try await a.pushFile(at: source)
                var seen: [TransferProgress] = []
                for await progress in upload.progress { seen.append(progress) }
                let pushed = try await upload.value
                #expect(seen.last?.bytesDone == UInt64(Self.bytes.count) && seen.last?.chunksDone == 3, "\(seen)")
                #expect(upload.currentProgress == seen.last)
                #expect(pushed.objectId == upload.objectId && pushed.cursor != nil && pushed.path == nil)

                let pieces = AsyncStream<Data> { pieces in
                    for start in stride(from: 0, to: Self.bytes.count, by: 100_000) {
                        pieces.yield(Self.bytes.subdata(in: start..<min(start + 100_000, Self.bytes.count)))
                    }
                    pieces.finish()
                }
                let streamed = try await a.push(contentsOf: pieces, size: UInt64(Self.bytes.count), name: "stream.bin")
                #expect(streamed.blake3 == pushed.blake3 && streamed.objectId != pushed.objectId)

                let blobs = try await b.pull().blobs
                #expect(blobs.map { $0.object?.name } == ["big.bin", "stream.bin"])
                #expect(blobs.map(\.payload) == [Data(), Data()])
                for blob in blobs {
                    let copy = dir.appendingPathComponent("copy-\(blob.cursor)")
                    let result = try await b.download(try #require(blob.object), to: copy).value
                    #expect(result.path == copy.path && result.cursor == nil)
                    #expect(try Data(contentsOf: copy) == Self.bytes)
                }
            }
        }
    }

    /// Cancelling the task awaiting an upload or a download cancels it mid-transfer:
    /// `.cancelled`, no object on the relay, no file written. The relay paces requests (2 a
    /// second after a burst of 4), so a 12-chunk transfer is still running when it is cancelled.
    @Test func cancellingTheAwaitingTaskCancelsTheTransfer() async throws {
        let paced = try Relay("--rate-per-sec", "2")
        try await withClients { clients in
            try await withTempDir { dir in
                let (a, b) = try await clients.pair(paced)
                let file = dir.appendingPathComponent("file.bin")
                try Data(count: 12 << 20).write(to: file)
                let upload = try await a.pushFile(at: file)
                let uploading = Task { try await upload.value }
                for await progress in upload.progress where progress.chunksDone > 0 { break }
                uploading.cancel()
                await expectError(SyncError.cancelled) { try await uploading.value }
                #expect(upload.currentProgress.chunksDone < 12)
                #expect(try await b.pull().blobs.isEmpty, "no object on the relay")

                _ = try await a.pushFile(at: file).value
                let object = try #require(try await b.pull().blobs.first?.object)
                let copy = dir.appendingPathComponent("copy.bin")
                let (started, running) = AsyncStream.makeStream(of: Transfer.self)
                let downloading = Task {
                    let download = try await b.download(object, to: copy)
                    running.yield(download)
                    return try await download.value
                }
                for await download in started {
                    for await progress in download.progress where progress.chunksDone > 0 { break }
                    break
                }
                downloading.cancel()
                await expectError(SyncError.cancelled) { try await downloading.value }
                #expect(!FileManager.default.fileExists(atPath: copy.path), "no file")
            }
        }
    }

    /// An upload written from a sequence that never ends stops when its task is cancelled.
    @Test func cancellingAStreamedUploadCancelsIt() async throws {
        try await withClients { clients in
            let (a, b) = try await clients.pair()
            let pushing = Task { try await a.push(contentsOf: Zeros(), size: 256 << 20) }
            try await Task.sleep(for: .milliseconds(200))
            pushing.cancel()
            await expectError(SyncError.cancelled) { try await pushing.value }
            #expect(try await b.pull().blobs.isEmpty)
        }
    }

    /// A loop over `progress` whose task is cancelled ends; the transfer goes on.
    @Test func cancellingAProgressLoopEndsOnlyTheLoop() async throws {
        try await withClients { clients in
            try await withTempDir { dir in
                let (a, _) = try await clients.pair()
                let source = dir.appendingPathComponent("file.bin")
                try Self.bytes.write(to: source)
                let upload = try await a.pushFile(at: source)
                let watching = Task { for await _ in upload.progress {} }
                watching.cancel()
                await watching.value
                #expect(try await upload.value.size == UInt64(Self.bytes.count))
            }
        }
    }
}

/// 64 KiB pieces of zeros, forever (and deaf to cancellation, as many sources are).
struct Zeros: AsyncSequence, AsyncIteratorProtocol {
    func makeAsyncIterator() -> Zeros { self }
    mutating func next() async -> Data? { Data(count: 64 << 10) }
}
