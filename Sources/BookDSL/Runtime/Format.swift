import RLSupport

/// `String(format:)`: printf-style formatting of values (`%d %i %f %e %g %s %@ %x %o %c %%`,
/// flags, width and precision, `*` not supported).
enum Format {
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static func format(_ fmt: String, _ args: [Value]) throws -> String {
        var out = ""
        var argIndex = 0
        let chars = Array(fmt)
        var i = 0
        func nextArg(_ spec: String) throws -> Value {
            guard argIndex < args.count else { throw FormatError(description: "String(format:) has fewer arguments than '\(fmt)' needs (no argument for '\(spec)')") }
            argIndex += 1
            return args[argIndex - 1]
        }
        while i < chars.count {
            let c = chars[i]
            if c != "%" { out.append(c); i += 1; continue }
            var j = i + 1
            var flags = ""
            while j < chars.count, "-+ #0'".contains(chars[j]) { flags.append(chars[j]); j += 1 }
            var width = ""
            while j < chars.count, chars[j].isNumber { width.append(chars[j]); j += 1 }
            var precision: String?
            if j < chars.count, chars[j] == "." {
                j += 1
                var p = ""
                while j < chars.count, chars[j].isNumber { p.append(chars[j]); j += 1 }
                precision = p
            }
            // printf itself takes any width or precision; one past 10,000 characters is a typo that
            // would take minutes (`%.999999999f`)
            if let w = Int(width), w > 10_000 { throw FormatError(description: "width \(width) in '\(fmt)' is too large (at most 10000)") }
            if width.count > 5 || (precision?.count ?? 0) > 5 || (precision.flatMap { Int($0) } ?? 0) > 10_000 {
                throw FormatError(description: "\(width.count > 5 ? "width \(width)" : "precision \(precision ?? "")") in '\(fmt)' is too large (at most 10000)")
            }
            while j < chars.count, "lhqLzjt".contains(chars[j]) { j += 1 }
            guard j < chars.count else { throw FormatError(description: "incomplete format specifier at the end of '\(fmt)'") }
            let conv = chars[j]
            let spec = "%" + flags.filter { $0 != "'" } + width + (precision.map { "." + $0 } ?? "")
            switch conv {
            case "%": out.append("%")
            case "d", "i", "u", "x", "X", "o", "c":
                let v = try nextArg(String(chars[i...j]))
                var n: Int
                if let k = v.asInt { n = k } else if let d = v.asDouble, conv != "c" {
                    guard d.isFinite, abs(d) < 9.2e18 else { throw FormatError(description: "'%\(conv)' cannot format \(d)") }
                    n = Int(d)
                } else if case .bool(let b) = v { n = b ? 1 : 0 } else {
                    throw FormatError(description: "'%\(conv)' expects an Int, got a value of type '\(v.typeName)'")
                }
                if conv == "c" { out += pad(String(Character(Unicode.Scalar(UInt32(truncatingIfNeeded: n)) ?? " ")), flags, width); break }
                let cc = conv == "i" || conv == "u" ? "d" : String(conv)
                out += cFormat(spec + "ll" + cc) { buf, size, f in withVaList([Int64(n)]) { vsnprintf(buf, size, f, $0) } }
            case "f", "F", "e", "E", "g", "G", "a", "A":
                let v = try nextArg(String(chars[i...j]))
                guard let d = v.asDouble else { throw FormatError(description: "'%\(conv)' expects a Double, got a value of type '\(v.typeName)'") }
                out += cFormat(spec + String(conv)) { buf, size, f in withVaList([d]) { vsnprintf(buf, size, f, $0) } }
            case "s", "@":
                let v = try nextArg(String(chars[i...j]))
                var s = v.description
                if let p = precision, let n = Int(p), s.count > n { s = String(s.prefix(n)) }
                out += pad(s, flags, width)
            default:
                throw FormatError(description: "unsupported format specifier '%\(conv)' in '\(fmt)'")
            }
            i = j + 1
        }
        return out
    }

    static func pad(_ s: String, _ flags: String, _ width: String) -> String {
        guard let w = Int(width), s.count < w else { return s }
        let fill = String(repeating: " ", count: w - s.count)
        return flags.contains("-") ? s + fill : fill + s
    }

    static func cFormat(_ spec: String, _ call: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32) -> String {
        var buf = [CChar](repeating: 0, count: 512)
        let n = spec.withCString { f in buf.withUnsafeMutableBufferPointer { call($0.baseAddress!, 512, f) } }
        if n >= 512 {
            buf = [CChar](repeating: 0, count: Int(n) + 1)
            _ = spec.withCString { f in buf.withUnsafeMutableBufferPointer { call($0.baseAddress!, Int(n) + 1, f) } }
        }
        return String(cString: buf)
    }
}
