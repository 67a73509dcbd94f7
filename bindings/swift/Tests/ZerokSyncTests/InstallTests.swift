import Foundation
import Testing
import ZerokSync

#if canImport(Darwin)
import Darwin
#endif

/// Which libzerok_sync_ffi the tests run against: scripts/test-swift builds them against the
/// release archive it unpacked and sets ZEROK_LIBRARY_DIR to the archive's lib/, so a test run
/// that picked up another copy (a workspace build, one in a system directory) fails here
/// instead of passing against code that does not ship.
@Suite struct InstallTests {
    /// The directory the library must come from: ZEROK_LIBRARY_DIR, else the workspace build.
    static let expected = URL(
        fileURLWithPath: ProcessInfo.processInfo.environment["ZEROK_LIBRARY_DIR"]
            ?? repo.appendingPathComponent("target/release").path
    ).resolvingSymlinksInPath().path

    @Test func theLibraryIsLoadedFromTheExpectedDirectory() throws {
        #expect(!version().ffi.isEmpty)  // a call into the library: it is loaded
        let loaded = loadedLibraries().filter { $0.hasSuffix("/libzerok_sync_ffi.so") || $0.hasSuffix("/libzerok_sync_ffi.dylib") }
        #expect(loaded.count == 1, "one copy of the library in the process: \(loaded)")
        let directory = try #require(loaded.first).split(separator: "/").dropLast().joined(separator: "/")
        #expect("/" + directory == Self.expected, "loaded \(loaded), expected it in \(Self.expected)")
    }

    /// The paths of the shared objects mapped into this process.
    private func loadedLibraries() -> Set<String> {
        #if os(Linux)
        // Each mapped file's line ends with its path (the kernel's, symlinks resolved). Read
        // until the end: the file's size says 0, so a whole-file read would return nothing.
        var data = Data()
        if let file = FileHandle(forReadingAtPath: "/proc/self/maps") {
            while let chunk = try? file.read(upToCount: 65536), !chunk.isEmpty { data += chunk }
            try? file.close()
        }
        let maps = String(decoding: data, as: UTF8.self)
        return Set(maps.split(separator: "\n").compactMap { line in
            line.firstIndex(of: "/").map { String(line[$0...]) }
        })
        #else
        return Set((0..<_dyld_image_count()).compactMap { index in
            _dyld_get_image_name(index).map { URL(fileURLWithPath: String(cString: $0)).resolvingSymlinksInPath().path }
        })
        #endif
    }
}
