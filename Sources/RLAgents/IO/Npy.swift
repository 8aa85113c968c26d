/// NumPy's `.npy` array files and `.npz` archives (what `numpy.save` and `numpy.savez` write).
///
/// Format: numpy/lib/_format_impl.py (NEP 1, "A Simple File Format for NumPy Arrays"): the magic
/// `\x93NUMPY`, a version, a little-endian header length, then a Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a newline,
/// and the raw data. `encode` reproduces `_write_array_header` byte for byte (including the
/// 21-digit growth space and the padding of magic + length + header to a multiple of 64 bytes).
public enum Npy {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] // \x93NUMPY

    /// A version 1.0 `.npy` file of float64 (`<f8`) values in C order.
    /// - Precondition: `values.count` is the product of `shape` (`[]` for a scalar).
    public static func encode(float64 values: [Double], shape: [Int]) -> [UInt8] {
        var out = header(descr: "<f8", shape: shape)
        out.reserveCapacity(out.count + 8 * values.count)
        for v in values { appendLE(v.bitPattern, to: &out) }
        return out
    }

    /// A version 1.0 `.npy` file of int64 (`<i8`) values in C order.
    public static func encode(int64 values: [Int], shape: [Int]) -> [UInt8] {
        var out = header(descr: "<i8", shape: shape)
        out.reserveCapacity(out.count + 8 * values.count)
        for v in values { appendLE(UInt64(bitPattern: Int64(v)), to: &out) }
        return out
    }

    /// Reads a `.npy` file (versions 1.0, 2.0, 3.0) as float64 values in C order.
    ///
    /// Accepts the dtypes `f8`, `f4`, `i8`, `i4`, `u1` and `b1`, little- or big-endian, in C or
    /// Fortran order (Fortran data is reordered to C order).
    /// - Throws: `AgentIOError.corrupt` for a bad magic, header, dtype or data length.
    public static func decode(_ bytes: [UInt8]) throws -> (shape: [Int], float64: [Double]) {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw AgentIOError.corrupt("npy: missing the \\x93NUMPY magic (not a .npy file)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw AgentIOError.corrupt("npy: truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw AgentIOError.corrupt("npy: unsupported format version \(major).\(bytes[7])")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw AgentIOError.corrupt("npy: header of \(headerLength) bytes runs past the end of the \(bytes.count)-byte file")
        }
        let text = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let header = try NpyHeader(parsing: text)
        var count = 1
        for d in header.shape {
            guard d >= 0 else { throw AgentIOError.corrupt("npy: negative dimension in shape \(header.shape)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw AgentIOError.corrupt("npy: shape \(header.shape) is too large") }
            count = product
        }
        let dataStart = headerStart + headerLength
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.itemSize)
        guard !overflow, bytes.count - dataStart == needed else {
            throw AgentIOError.corrupt("npy: shape \(header.shape) of '\(header.descr)' needs \(needed) data bytes, the file has \(bytes.count - dataStart)")
        }
        var values = [Double]()
        values.reserveCapacity(count)
        let size = header.itemSize
        for i in 0..<count {
            var raw: UInt64 = 0
            let base = dataStart + i * size
            for k in 0..<size {
                let byte = UInt64(bytes[base + (header.bigEndian ? k : size - 1 - k)])
                raw = raw << 8 | byte
            }
            switch (header.kind, size) {
            case ("f", 8): values.append(Double(bitPattern: raw))
            case ("f", 4): values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
            case ("i", 8): values.append(Double(Int64(bitPattern: raw)))
            case ("i", 4): values.append(Double(Int32(bitPattern: UInt32(truncatingIfNeeded: raw))))
            default: values.append(Double(raw)) // u1, b1
            }
        }
        if header.fortranOrder && header.shape.count > 1 { values = fortranToC(values, shape: header.shape) }
        return (shape: header.shape, float64: values)
    }

    /// An `.npz` archive as `numpy.savez` writes it: a STORED zip with one `<name>.npy` entry per array.
    /// - Parameter arrays: names (without `.npy`) and `.npy` file bytes from `encode`.
    public static func npz(_ arrays: [(String, [UInt8])]) throws -> [UInt8] {
        try ZipArchive.write(arrays.map { (name: $0.0 + ".npy", bytes: $0.1) })
    }

    /// The magic, version 1.0, header length and header dict, as `_write_array_header` + `_wrap_header`.
    static func header(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let hlen = dict.utf8.count + 1 // + the newline
        let padding = 64 - (magic.count + 2 + 2 + hlen) % 64
        var out = magic + [1, 0]
        let total = hlen + padding
        out.append(UInt8(total & 0xFF))
        out.append(UInt8((total >> 8) & 0xFF))
        out.append(contentsOf: Array(dict.utf8))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        out.append(UInt8(ascii: "\n"))
        return out
    }

    static func appendLE(_ v: UInt64, to out: inout [UInt8]) {
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }

    /// Reorders column-major (Fortran) data of `shape` to row-major (C) order.
    static func fortranToC(_ values: [Double], shape: [Int]) -> [Double] {
        var fStrides = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { fStrides[k] = fStrides[k - 1] * shape[k - 1] }
        var out = [Double]()
        out.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<values.count {
            var f = 0
            for k in 0..<shape.count { f += index[k] * fStrides[k] }
            out.append(values[f])
            var k = shape.count - 1
            while k >= 0 {
                index[k] += 1
                if index[k] < shape[k] { break }
                index[k] = 0
                k -= 1
            }
        }
        return out
    }
}

/// The parsed header dict of an `.npy` file: `{'descr': ..., 'fortran_order': ..., 'shape': (...), }`.
struct NpyHeader {
    var descr = ""
    var fortranOrder = false
    var shape: [Int] = []
    var kind: Character = "f"
    var itemSize = 8
    var bigEndian = false

    /// Parses the Python literal with a small scanner (no `eval`): string keys, and string, boolean
    /// or integer-tuple values.
    init(parsing text: String) throws {
        var s = Substring(text)
        func fail(_ why: String) -> AgentIOError { AgentIOError.corrupt("npy: header \(why): \(text.prefix(120))") }
        func skipSpace() { while let c = s.first, c == " " || c == "\n" || c == "\t" { s.removeFirst() } }
        func expect(_ c: Character) throws {
            skipSpace()
            guard s.first == c else { throw fail("expected '\(c)'") }
            s.removeFirst()
        }
        func quoted() throws -> String {
            skipSpace()
            guard let q = s.first, q == "'" || q == "\"" else { throw fail("expected a quoted string") }
            s.removeFirst()
            guard let end = s.firstIndex(of: q) else { throw fail("has an unterminated string") }
            let value = String(s[..<end])
            s = s[s.index(after: end)...]
            return value
        }
        var seen = Set<String>()
        try expect("{")
        while true {
            skipSpace()
            if s.first == "}" { break }
            let key = try quoted()
            try expect(":")
            skipSpace()
            switch key {
            case "descr":
                descr = try quoted()
            case "fortran_order":
                if s.hasPrefix("True") { fortranOrder = true; s.removeFirst(4) }
                else if s.hasPrefix("False") { fortranOrder = false; s.removeFirst(5) }
                else { throw fail("has a fortran_order that is neither True nor False") }
            case "shape":
                try expect("(")
                shape = []
                while true {
                    skipSpace()
                    if s.first == ")" { s.removeFirst(); break }
                    let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
                    guard let d = Int(digits) else { throw fail("has a non-integer dimension") }
                    shape.append(d)
                    s.removeFirst(digits.count)
                    if s.first == "L" { s.removeFirst() } // Python 2 longs
                    skipSpace()
                    if s.first == "," { s.removeFirst() } else if s.first != ")" { throw fail("has a malformed shape") }
                }
            default:
                throw fail("has an unknown key '\(key)'")
            }
            seen.insert(key)
            skipSpace()
            if s.first == "," { s.removeFirst() } else if s.first != "}" { throw fail("expected ',' or '}'") }
        }
        guard seen == ["descr", "fortran_order", "shape"] else { throw fail("lacks descr, fortran_order or shape") }
        let chars = Array(descr)
        guard chars.count >= 3, let size = Int(String(chars[2...])), "<>|=".contains(chars[0]) else {
            throw AgentIOError.corrupt("npy: unsupported dtype '\(descr)'")
        }
        kind = chars[1]
        itemSize = size
        bigEndian = chars[0] == ">"
        switch (kind, size) {
        case ("f", 8), ("f", 4), ("i", 8), ("i", 4), ("u", 1), ("b", 1): break
        default: throw AgentIOError.corrupt("npy: unsupported dtype '\(descr)' (supported: f8, f4, i8, i4, u1, b1)")
        }
    }
}
