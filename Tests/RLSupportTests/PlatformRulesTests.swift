import Testing
import RLSupport

/// The repository's platform rules (issue 9): the C library is imported in one shim file,
/// `RLSupport/Platform.swift`, and `NSLockLite` is the one mutex. Scans Sources/ and Tests/.
@Suite struct PlatformRulesTests {
    static let root = FileIO.parentDirectory(of: FileIO.parentDirectory(of: FileIO.parentDirectory(of: #filePath)))

    /// Every .swift file under `dir` (relative to the package root).
    static func swiftFiles(_ dir: String) -> [String] {
        var out: [String] = []
        var stack = [dir]
        while let d = stack.popLast() {
            for name in FileIO.listDirectory(root + "/" + d) {
                let rel = d + "/" + name
                if FileIO.isDirectory(root + "/" + rel) { stack.append(rel) } else if name.hasSuffix(".swift") { out.append(rel) }
            }
        }
        return out.sorted()
    }

    /// Files (other than the allowed ones) whose text contains `needle`.
    static func offenders(_ needle: String, allowed: Set<String>) throws -> [String] {
        try (swiftFiles("Sources") + swiftFiles("Tests")).filter { path in
            guard !allowed.contains(path) else { return false }
            return String(decoding: try FileIO.read(root + "/" + path), as: UTF8.self).contains(needle)
        }
    }

    @Test func sourcesAreFound() {
        #expect(Self.swiftFiles("Sources").count > 300, "scanned from \(Self.root)")
    }

    @Test func theCLibraryIsImportedOnlyInThePlatformShim() throws {
        let shim: Set = ["Sources/RLSupport/Platform.swift", "Tests/RLSupportTests/PlatformRulesTests.swift"]
        #expect(try Self.offenders("canImport(" + "Glibc)", allowed: shim) == [])
        #expect(try Self.offenders("import " + "Glibc", allowed: shim) == [])
        #expect(try Self.offenders("Glibc" + ".", allowed: shim) == [])
    }

    @Test func nsLockLiteIsTheOneMutex() throws {
        let allowed: Set = ["Sources/RLSupport/Mutex.swift", "Tests/RLSupportTests/PlatformRulesTests.swift"]
        #expect(try Self.offenders("pthread_" + "mutex_t", allowed: allowed) == [])
    }
}
