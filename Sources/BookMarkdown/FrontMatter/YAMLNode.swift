/// A node of the YAML subset used by front matter, with its position in the file.
struct YAMLNode {
    enum Kind {
        /// A scalar as written; `quoted` scalars are always strings.
        case scalar(text: String, quoted: Bool)
        /// A mapping in file order (keys may repeat; the validator reports duplicates).
        case map([YAMLEntry])
        case list([YAMLNode])
        /// No value (`key:` with nothing after it and nothing nested).
        case empty
    }
    var kind: Kind
    /// 1-based file line and column of the node's first character.
    var line: Int
    var column: Int

    /// A short name of the node's shape, for error messages.
    var shapeName: String {
        switch kind {
        case .scalar: return "a value"
        case .map: return "a mapping"
        case .list: return "a list"
        case .empty: return "nothing"
        }
    }

    /// The scalar text, when the node is a scalar.
    var scalarText: String? {
        if case .scalar(let t, _) = kind { return t }
        return nil
    }

    /// The typed value of a scalar node: int (with `_` separators), double, bool, otherwise string.
    var scalarValue: ParameterValue? {
        guard case .scalar(let text, let quoted) = kind else { return nil }
        return quoted ? .string(text) : ParameterValue.resolvePlain(text)
    }
}

/// One `key: value` of a mapping.
struct YAMLEntry {
    var key: String
    var line: Int
    var column: Int
    var value: YAMLNode
}

/// A syntax error in front matter.
struct YAMLError: Error {
    var message: String
    var line: Int
    var column: Int
    var length: Int = 1
}

extension ParameterValue {
    /// Resolves an unquoted scalar: `true`/`false`, integers (`20_000`, `-3`), doubles (`1e-4`, `0.5`), else the text.
    static func resolvePlain(_ text: String) -> ParameterValue {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let i = parseInteger(text) { return .int(i) }
        if let d = parseDouble(text) { return .double(d) }
        return .string(text)
    }

    /// An integer with optional sign and `_` separators between digits; nil otherwise (or on overflow).
    static func parseInteger(_ text: String) -> Int? {
        guard let cleaned = removeSeparators(text) else { return nil }
        return Int(cleaned)
    }

    /// A decimal floating-point number (`1.5`, `-2e-3`, `1_000.5`); nil for anything else (no `inf`/`nan` words).
    static func parseDouble(_ text: String) -> Double? {
        guard let cleaned = removeSeparators(text), cleaned.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        guard cleaned.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(cleaned)
    }

    /// Removes `_` that sit between two digits; nil when an `_` is misplaced.
    private static func removeSeparators(_ text: String) -> String? {
        let chars = Array(text)
        guard !chars.isEmpty else { return nil }
        var out = ""
        for (i, ch) in chars.enumerated() {
            if ch == "_" {
                guard i > 0, i + 1 < chars.count, chars[i - 1].isASCII, chars[i - 1].isNumber,
                      chars[i + 1].isASCII, chars[i + 1].isNumber else { return nil }
                continue
            }
            out.append(ch)
        }
        return out
    }
}
