/// Characters of ASCII strings without Unicode segmentation. Cells hold a `Character` as a
/// one-character string; splitting a string into them (`Array(s)`, `for c in s`) and reading
/// their properties (`c.isNumber`) go through grapheme breaking and Unicode property tables
/// (~500 instructions per character, ~1,000 per property read). An ASCII byte other than a
/// carriage return (`"\r\n"` is one Character) is always one Character, so those are taken from
/// tables made once, from the general paths' own results.
enum AsciiCharacters {
    /// The one-character strings of the 128 ASCII characters (small strings: no reference to
    /// count, so the table can be shared by interpreters on several threads).
    nonisolated(unsafe) static let strings: [Value] = (0..<128).map { .string(String(UnicodeScalar(UInt8($0)))) }

    /// The Characters of `s` as one-character strings when `s` is ASCII without a carriage
    /// return (nil otherwise: the caller splits it by grapheme).
    static func characters(_ s: String) -> [Value]? {
        let table = strings
        let r = s.utf8.withContiguousStorageIfAvailable { bytes -> [Value]? in
            for b in bytes where b >= 0x80 || b == 0x0D { return nil }
            return [Value](unsafeUninitializedCapacity: bytes.count) { buf, count in
                for i in 0..<bytes.count { (buf.baseAddress.unsafelyUnwrapped + i).initialize(to: table[Int(bytes[i])]) }
                count = bytes.count
            }
        }
        return r ?? nil
    }

    /// All the Characters of `s` as one-character strings.
    @inline(__always) static func split(_ s: String) -> [Value] {
        characters(s) ?? s.map { .string(String($0)) }
    }
}

/// A `Character` property read at a member site (`c.isLetter`, `c.wholeNumberValue`): the
/// property's value for each ASCII character, taken from `Interpreter.characterProperty` itself
/// when the site is compiled, so that the table gives what the general path gives.
final class CharacterPropertyTable {
    static let names: Set<String> = ["isLetter", "isNumber", "isWholeNumber", "wholeNumberValue", "isWhitespace", "isNewline",
                                     "isPunctuation", "isUppercase", "isLowercase", "isASCII", "isHexDigit", "hexDigitValue",
                                     "asciiValue"]

    /// Per ASCII character: 0/1 for a Bool property; the Int, or -1 for nil, for an optional Int
    /// one; -2 where the general path has no value.
    private let codes: [Int16]
    /// Whether the property is an `Int?` (`wholeNumberValue`, `hexDigitValue`, `asciiValue`).
    private let isOptionalInt: Bool

    /// The table of property `name`; nil for other names.
    init?(_ name: String) {
        guard CharacterPropertyTable.names.contains(name) else { return nil }
        var optionalInt = false
        codes = (0..<128).map { b -> Int16 in
            switch Interpreter.characterProperty(String(UnicodeScalar(UInt8(b))), name) {
            case .bool(let x)?: return x ? 1 : 0
            case .nilValue?: optionalInt = true; return -1
            case .optional(.int(let n))? where n >= 0 && n < 256: optionalInt = true; return Int16(n)
            default: return -2
            }
        }
        isOptionalInt = optionalInt
    }

    /// The property of `v` when it is a one-byte ASCII string; nil otherwise.
    @inline(__always) func read(_ v: Value) -> Value? {
        guard case .string(let s) = v, s.utf8.count == 1, let b = s.utf8.first, b < 0x80 else { return nil }
        let c = codes[Int(b)]
        if c == -2 { return nil }
        if isOptionalInt { return c == -1 ? .nilValue : .optional(.int(Int(c))) }
        return .bool(c == 1)
    }
}
