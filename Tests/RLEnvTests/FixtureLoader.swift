// Finds Gymnasium fixtures: ../shared/fixtures/gymnasium next to the checkout when present
// (found from #filePath), else the committed copy in Tests/RLEnvTests/Fixtures.
// Parses them with a small exact JSON reader (numbers through Swift's correctly rounded
// `Double(String)`; Foundation's JSONSerialization on Linux rounds some doubles differently).
import Foundation

enum FixtureLoader {
    static func url(_ name: String) -> URL? {
        let here = URL(fileURLWithPath: #filePath)
        let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/fixtures/gymnasium/\(name)")
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: name, withExtension: nil)
    }

    struct Missing: Error { let name: String }

    static func json(_ name: String) throws -> Any {
        guard let u = url(name) else { throw Missing(name: name) }
        let bytes = Array(try Data(contentsOf: u))
        var p = JSONReader(bytes: bytes)
        return try p.value()
    }
}

/// A minimal exact JSON reader: objects -> [String: Any], arrays -> [Any], numbers -> Int or Double.
struct JSONReader {
    let bytes: [UInt8]
    var i = 0
    struct Bad: Error { let at: Int }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skip() { while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 } }

    mutating func value() throws -> Any {
        skip()
        guard i < bytes.count else { throw Bad(at: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var out: [String: Any] = [:]
            skip()
            if bytes[i] == UInt8(ascii: "}") { i += 1; return out }
            while true {
                skip()
                guard let k = try value() as? String else { throw Bad(at: i) }
                skip(); i += 1 // ':'
                out[k] = try value()
                skip()
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                i += 1; return out
            }
        case UInt8(ascii: "["):
            i += 1
            var out: [Any] = []
            skip()
            if bytes[i] == UInt8(ascii: "]") { i += 1; return out }
            while true {
                out.append(try value())
                skip()
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                i += 1; return out
            }
        case UInt8(ascii: "\""):
            i += 1
            var s: [UInt8] = []
            while bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                s.append(bytes[i]); i += 1
            }
            i += 1
            return String(decoding: s, as: UTF8.self)
        case UInt8(ascii: "t"): i += 4; return true
        case UInt8(ascii: "f"): i += 5; return false
        case UInt8(ascii: "n"): i += 4; return NSNull()
        default:
            let start = i
            while i < bytes.count, let c = Optional(bytes[i]), (c >= 48 && c <= 57) || [43, 45, 46, 69, 101].contains(c) || c == UInt8(ascii: "I") || c == UInt8(ascii: "N") { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let n = Int(text) { return n }
            if let d = Double(text) { return d }
            throw Bad(at: start)
        }
    }
}
