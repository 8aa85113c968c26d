import RLSupport

/// A minimal JSON value and parser (enough for safetensors headers), no Foundation.
public enum JSONValue: Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    public subscript(_ key: String) -> JSONValue? {
        if case let .object(kv) = self { return kv.first { $0.0 == key }?.1 }
        return nil
    }

    /// Parses UTF-8 JSON text.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var p = Parser(b: bytes, i: 0)
        let v = try p.value()
        p.skip()
        if p.i != bytes.count { throw TensorError.io("invalid JSON: trailing characters at byte \(p.i)") }
        return v
    }

    /// Serialises compactly.
    public var text: String {
        switch self {
        case let .object(kv): return "{" + kv.map { JSONValue.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case let .array(a): return "[" + a.map { $0.text }.joined(separator: ",") + "]"
        case let .string(s): return JSONValue.quote(s)
        case let .number(d): return d.rounded() == d && Swift.abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    struct Parser {
        let b: [UInt8]
        var i: Int
        /// Nesting so far; documents nested deeper than `maxDepth` are refused (not a stack overflow).
        var depth = 0
        static let maxDepth = NestingLimit.maximum

        mutating func skip() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }

        func fail(_ m: String) -> TensorError { .io("invalid JSON at byte \(i): \(m)") }

        mutating func value() throws -> JSONValue {
            skip()
            guard i < b.count else { throw fail("unexpected end") }
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var kv: [(String, JSONValue)] = []
                skip()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
                while true {
                    skip()
                    guard case let .string(k) = try value() else { throw fail("expected a key") }
                    skip()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    kv.append((k, try value()))
                    skip()
                    guard i < b.count else { throw fail("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var arr: [JSONValue] = []
                skip()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(arr) }
                while true {
                    arr.append(try value())
                    skip()
                    guard i < b.count else { throw fail("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array(arr) }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                i += 1
                var bytes: [UInt8] = []
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\") {
                        i += 1
                        guard i < b.count else { throw fail("bad escape") }
                        switch b[i] {
                        case UInt8(ascii: "n"): bytes.append(0x0A)
                        case UInt8(ascii: "t"): bytes.append(0x09)
                        case UInt8(ascii: "r"): bytes.append(0x0D)
                        case UInt8(ascii: "b"): bytes.append(0x08)
                        case UInt8(ascii: "f"): bytes.append(0x0C)
                        case UInt8(ascii: "u"):
                            guard i + 4 < b.count, let v = UInt32(String(decoding: b[(i + 1)...(i + 4)], as: UTF8.self), radix: 16) else { throw fail("bad \\u escape") }
                            bytes.append(contentsOf: Array(String(Unicode.Scalar(v) ?? "?").utf8))
                            i += 4
                        default: bytes.append(b[i])
                        }
                        i += 1
                    } else {
                        bytes.append(b[i]); i += 1
                    }
                }
                guard i < b.count else { throw fail("unterminated string") }
                i += 1
                return .string(String(decoding: bytes, as: UTF8.self))
            case UInt8(ascii: "t"):
                guard i + 4 <= b.count, Array(b[i..<(i + 4)]) == Array("true".utf8) else { throw fail("bad literal") }
                i += 4; return .bool(true)
            case UInt8(ascii: "f"):
                guard i + 5 <= b.count, Array(b[i..<(i + 5)]) == Array("false".utf8) else { throw fail("bad literal") }
                i += 5; return .bool(false)
            case UInt8(ascii: "n"):
                guard i + 4 <= b.count, Array(b[i..<(i + 4)]) == Array("null".utf8) else { throw fail("bad literal") }
                i += 4; return .null
            default:
                let start = i
                while i < b.count, "+-0123456789.eE".utf8.contains(b[i]) { i += 1 }
                guard i > start, let d = Double(String(decoding: b[start..<i], as: UTF8.self)) else { throw fail("bad number") }
                return .number(d)
            }
        }
    }
}
