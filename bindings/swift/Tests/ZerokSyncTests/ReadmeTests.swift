import Foundation
import Testing

/// The README's quickstart is Examples/Quickstart/main.swift, which runs and prints what the
/// README says.
@Suite struct ReadmeTests {
    let readme = try! String(contentsOf: repo.appendingPathComponent("bindings/swift/README.md"), encoding: .utf8)

    /// The text of the README's first fenced block after `marker`.
    private func block(after marker: String) -> String? {
        guard let start = readme.range(of: marker + "\n") else { return nil }
        let rest = readme[start.upperBound...]
        return rest.range(of: "```").map { String(rest[..<$0.lowerBound]) }
    }

    @Test func readmeShowsTheTestedCode() throws {
        let source = try String(
            contentsOf: repo.appendingPathComponent("bindings/swift/Examples/Quickstart/main.swift"), encoding: .utf8)
        #expect(block(after: "```swift") == source)
    }

    @Test func quickstartPrintsWhatTheReadmeSays() throws {
        // Built beside this test bundle by `swift build` (scripts/test-swift).
        let dir = try #require(Bundle.main.executableURL).deletingLastPathComponent()
        let process = Process()
        process.executableURL = dir.appendingPathComponent("Quickstart")
        process.arguments = [Relay.shared.addr]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: printed, as: UTF8.self) == block(after: "prints\n\n```text"))
    }
}
