/// Characters of ASCII strings without Unicode segmentation. Cells hold a `Character` as a
/// one-character string; splitting a string into them (`Array(s)`, `for c in s`) and reading
/// their properties (`c.isNumber`) go through grapheme breaking and Unicode property tables
/// (~500 instructions per character, ~1,000 per property read). An ASCII byte other than a
/// carriage return (`"\r\n"` is one Character) is always one Character, so those are taken from
/// tables made once, from the general paths' own results.
enum AsciiCharacters {
    /// The one-character strings of the 128 ASCII characters: made once and never freed, in
    /// storage without a reference count (interpreters on several threads share it; the strings
    /// are small, held in the value itself).
    nonisolated(unsafe) static let strings: UnsafeMutablePointer<Value> = {
        let p = UnsafeMutablePointer<Value>.allocate(capacity: 128)
        for b in 0..<128 { (p + b).initialize(to: .string(String(UnicodeScalar(UInt8(b))))) }
        return p
    }()

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
/// (once per process, for all the properties), so that the table gives what the general path gives.
struct CharacterPropertyTable {
    static let names = ["isLetter", "isNumber", "isWholeNumber", "wholeNumberValue", "isWhitespace", "isNewline",
                        "isPunctuation", "isUppercase", "isLowercase", "isASCII", "isHexDigit", "hexDigitValue",
                        "asciiValue"]

    /// Property `j`'s codes for the 128 ASCII characters: 0/1 for a Bool property; the Int, or
    /// -1 for nil, for an optional Int one; -2 where the general path has no value; then a flag,
    /// 1 for an `Int?` property. Each is made at its first use (once per process) and never freed
    /// (no reference count to share between threads).
    private static func make(_ j: Int) -> UnsafeMutablePointer<Int16> {
        let p = UnsafeMutablePointer<Int16>.allocate(capacity: 129)
        var optionalInt: Int16 = 0
        for b in 0..<128 {
            let c: Int16
            switch Interpreter.characterProperty(String(UnicodeScalar(UInt8(b))), names[j]) {
            case .bool(let x)?: c = x ? 1 : 0
            case .nilValue?: optionalInt = 1; c = -1
            case .optional(.int(let v))? where v >= 0 && v < 256: optionalInt = 1; c = Int16(v)
            default: c = -2
            }
            p[b] = c
        }
        p[128] = optionalInt
        return p
    }
    nonisolated(unsafe) private static let t0 = make(0), t1 = make(1), t2 = make(2), t3 = make(3), t4 = make(4),
                                           t5 = make(5), t6 = make(6), t7 = make(7), t8 = make(8), t9 = make(9),
                                           t10 = make(10), t11 = make(11), t12 = make(12)
    private static func codes(_ j: Int) -> UnsafeMutablePointer<Int16> {
        switch j {
        case 0: return t0
        case 1: return t1
        case 2: return t2
        case 3: return t3
        case 4: return t4
        case 5: return t5
        case 6: return t6
        case 7: return t7
        case 8: return t8
        case 9: return t9
        case 10: return t10
        case 11: return t11
        default: return t12
        }
    }

    /// This property's 128 codes.
    private let table: UnsafeMutablePointer<Int16>
    /// Whether the property is an `Int?` (`wholeNumberValue`, `hexDigitValue`, `asciiValue`).
    private let isOptionalInt: Bool

    /// The table of property `name`; nil for other names.
    init?(_ name: String) {
        guard let j = CharacterPropertyTable.names.firstIndex(of: name) else { return nil }
        table = CharacterPropertyTable.codes(j)
        isOptionalInt = table[128] == 1
    }

    /// The property of `v` when it is a one-byte ASCII string; nil otherwise.
    @inline(__always) func read(_ v: Value) -> Value? {
        guard case .string(let s) = v, s.utf8.count == 1, let b = s.utf8.first, b < 0x80 else { return nil }
        let c = table[Int(b)]
        if c == -2 { return nil }
        if isOptionalInt { return c == -1 ? .nilValue : .optional(.int(Int(c))) }
        return .bool(c == 1)
    }
}
