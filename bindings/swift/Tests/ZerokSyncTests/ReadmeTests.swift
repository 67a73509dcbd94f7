import Foundation
import Testing

/// A README section whose code is an example program: the program's file is the section's
/// first Swift block, and it prints the section's text block after "prints".
struct Example: Sendable, CustomTestStringConvertible {
    let section: String
    let product: String
    var testDescription: String { product }
}

/// The README's programs are the package's examples, which run and print what it says.
@Suite struct ReadmeTests {
    static let examples = [
        Example(section: "Quickstart", product: "Quickstart"),
        Example(section: "Offline first", product: "OfflineFirst"),
        Example(section: "Files", product: "Files"),
    ]

    let readme = try! String(contentsOf: repo.appendingPathComponent("bindings/swift/README.md"), encoding: .utf8)

    /// The text of the first fenced block after `marker` in `example`'s section.
    private func block(after marker: String, in example: Example) -> String? {
        guard let heading = readme.range(of: "\n## \(example.section)\n") else { return nil }
        let section = readme[heading.upperBound...]
        let body = section.range(of: "\n## ").map { section[..<$0.lowerBound] } ?? section
        guard let start = body.range(of: marker + "\n") else { return nil }
        let rest = body[start.upperBound...]
        return rest.range(of: "```").map { String(rest[..<$0.lowerBound]) }
    }

    @Test(arguments: examples)
    func readmeShowsTheTestedCode(_ example: Example) throws {
        let source = try String(
            contentsOf: repo.appendingPathComponent("bindings/swift/Examples/\(example.product)/main.swift"), encoding: .utf8)
        #expect(block(after: "```swift", in: example) == source)
    }

    @Test(arguments: examples)
    func programPrintsWhatTheReadmeSays(_ example: Example) throws {
        let process = Process()
        process.executableURL = try product(example.product)
        process.arguments = [Relay.shared.addr]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = try #require(block(after: "prints\n\n```text", in: example))
        #expect(sameExample(shown(String(decoding: printed, as: UTF8.self)), as: expected) == expected)
    }

    /// What a terminal shows of `output`: a line rewritten in place (`\r`, a progress line)
    /// as it was last written. By scalars: a String's "\r\n" is one Character.
    private func shown(_ output: String) -> String {
        output.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.split(separator: "\r").last.map { String(String.UnicodeScalarView($0)) } ?? "" }
            .joined(separator: "\n")
    }

    /// `output` with what differs every run (a pairing code, a verifier) replaced by the
    /// README's example of it; each must be one value throughout the run (the verifier both
    /// devices print is the same).
    private func sameExample(_ output: String, as readme: String) -> String {
        var output = output
        for pattern in [/\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b/, /\b[0-9]{3} [0-9]{3}\b/] {
            let values = Set(output.matches(of: pattern).map { String(output[$0.range]) })
            #expect(values.count <= 1, "one value per run: \(values)")
            if let example = readme.firstMatch(of: pattern) {
                output = output.replacing(pattern, with: String(readme[example.range]))
            }
        }
        return output
    }
}
