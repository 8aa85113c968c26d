import RLSupport

/// Swift's `print` / `String(describing:)` formatting of values.
extension Value: CustomStringConvertible, CustomDebugStringConvertible {
    /// What `print(x)` shows.
    public var description: String { format(debug: false) }
    /// What appears for `x` inside a collection (`["a"]`).
    public var debugDescription: String { format(debug: true) }

    func format(debug: Bool) -> String { format(debug: debug, depth: 0) }

    /// Values nested deeper than `NestingLimit.maximum` (`a = [a]` in a loop) print as `...`.
    func format(debug: Bool, depth: Int) -> String {
        if depth > NestingLimit.maximum { return "..." }
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return d.description
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return debug ? quoted(s) : s
        case .array(let a): return Value.list(a) { $0.format(debug: true, depth: depth + 1) }
        case .dict(let d):
            if d.isSet {
                // inside a collection, tuple or optional Swift writes a set as `Set([1, 2])`
                let items = Value.list(d.keys) { $0.format(debug: true, depth: depth + 1) }
                return debug ? "Set(" + items + ")" : items
            }
            if d.count == 0 { return "[:]" }
            return Value.list(zip(d.keys, d.values)) { "\($0.format(debug: true, depth: depth + 1)): \($1.format(debug: true, depth: depth + 1))" }
        case .tuple(let t):
            var parts: [String] = []
            for (i, v) in t.values.enumerated() {
                if let l = t.labels?[i] { parts.append("\(l): \(v.format(debug: true, depth: depth + 1))") } else { parts.append(v.format(debug: true, depth: depth + 1)) }
            }
            return "(" + parts.joined(separator: ", ") + ")"
        case .optional(let v): return "Optional(\(v.format(debug: true, depth: depth + 1)))"
        case .nilValue: return "nil"
        case .range(let r):
            let lo = r.lower.map { $0.format(debug: true, depth: depth + 1) } ?? ""
            let hi = r.upper.map { $0.format(debug: true, depth: depth + 1) } ?? ""
            return lo + (r.closed ? "..." : "..<") + hi
        case .function(let c): return c.proto == nil ? "(Function \(c.name))" : "(Function)"
        case .structValue(let s):
            if let d = Value.customText(s.type, self, debug: debug) { return d }
            var parts: [String] = []
            for (i, n) in s.type.fieldNames.enumerated() { parts.append("\(n): \(s[i].format(debug: true, depth: depth + 1))") }
            // inside collections, tuples, optionals and other values Swift qualifies the type with its module
            return (debug ? "main." : "") + s.type.name + Value.genericArguments(s, debug: debug) + "(" + parts.joined(separator: ", ") + ")"
        case .object(let o):
            if let d = Value.customText(o.cls, self, debug: debug) { return d }
            if let i = o.cls.owner, let hb = i.hostBase(of: o.cls), let d = hb.describe?(self) { return d }
            return "main.\(o.cls.name)"
        case .enumCase(let e):
            if let d = Value.customText(e.type, self, debug: debug) { return d }
            // inside collections, tuples and optionals Swift qualifies a case with its module and type
            let name = debug ? "main.\(e.type.name).\(e.name)" : e.name
            guard let labels = e.associatedLabels else { return name }
            var parts: [String] = []
            for (i, v) in e.payload.enumerated() {
                let l = i < labels.count ? labels[i] : nil
                parts.append((l.map { "\($0): " } ?? "") + v.format(debug: true, depth: depth + 1))
            }
            return name + "(" + parts.joined(separator: ", ") + ")"
        case .symbol(let s): return s
        case .type(let t): return t.name
        case .void: return "()"
        case .native(let n): return n.description
        }
    }
}

extension Value {
    /// `[a, b, c]`, built in one string. Printing millions of elements takes seconds and as much memory
    /// as the collection: once the cell is stopped (Ctrl-C, timeout, memory budget), or the text
    /// would not fit the budget, it ends with `...` (the cell is then stopped at the call).
    static func list<S: Sequence>(_ items: S, _ format: (S.Element) -> String) -> String {
        var out = "["
        let stop = Cancellation.currentState
        var checkedAt = 1 << 20
        for (i, x) in items.enumerated() {
            if i > 0 { out += ", " }
            if i & 0xFFF == 0xFFF, let stop {
                if stop.pointee != 0 { out += "..."; break }
                let n = out.utf8.count
                if n >= checkedAt {
                    checkedAt = 2 * n
                    if MemoryBudget.growthRefusal(2 * n, what: "printing") != nil { Cancellation.requestMemoryStop(); out += "..."; break }
                }
            }
            out += format(x)
        }
        return out + "]"
    }
}

/// A string as Swift's debugDescription writes it: quoted, with escapes.
func quoted(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}

extension Value {
    /// `<Int, String>` for an instance of `struct Pair<A, B>`, each parameter found from a field
    /// declared with it (`var first: A`, `var items: [A]` holding an element); Swift writes them
    /// module-qualified inside collections (`main.Pair<Swift.Int, Swift.String>`). Empty when the
    /// type is not generic; a parameter no field shows is written `_` (Swift knows it statically).
    static func genericArguments(_ s: StructInstance, debug: Bool) -> String {
        let t = s.type
        guard !t.genericParams.isEmpty else { return "" }
        if let written = t.genericArguments {   // `Stack<Double>()`: the written arguments
            return "<" + written.map { swiftTypeName($0, debug: debug) }.joined(separator: ", ") + ">"
        }
        var found: [String: String] = [:]
        for (i, n) in t.fieldNames.enumerated() {
            guard let declared = t.fieldDeclaredTypes[n] ?? nil else { continue }
            switch declared {
            case .named(let p, let g) where g.isEmpty && t.genericParams.contains(p):
                found[p] = found[p] ?? swiftTypeName(s[i], debug: debug)
            case .array(.named(let p, let g)) where g.isEmpty && t.genericParams.contains(p):
                if case .array(let a) = s[i], let x = a.first { found[p] = found[p] ?? swiftTypeName(x, debug: debug) }
            case .optional(.named(let p, let g)) where g.isEmpty && t.genericParams.contains(p):
                if case .optional(let x) = s[i] { found[p] = found[p] ?? swiftTypeName(x, debug: debug) }
            default: break
            }
        }
        return "<" + t.genericParams.map { found[$0] ?? "_" }.joined(separator: ", ") + ">"
    }

    /// The name Swift prints for a written type inside generic arguments (`Double`,
    /// `Array<Swift.Double>` when qualified).
    static func swiftTypeName(_ t: TypeExpr, debug: Bool) -> String {
        let std = debug ? "Swift." : ""
        switch t {
        case .named(let n, let g):
            let builtin = ["Int", "Double", "Bool", "String", "Character", "Set"].contains(n)
            let args = g.isEmpty ? "" : "<" + g.map { swiftTypeName($0, debug: debug) }.joined(separator: ", ") + ">"
            return (debug ? (builtin ? std : "main.") : "") + n + args
        case .array(let e): return std + "Array<" + swiftTypeName(e, debug: debug) + ">"
        case .dict(let k, let v): return std + "Dictionary<" + swiftTypeName(k, debug: debug) + ", " + swiftTypeName(v, debug: debug) + ">"
        case .optional(let w): return std + "Optional<" + swiftTypeName(w, debug: debug) + ">"
        default: return t.description
        }
    }

    /// The name Swift prints for a value's type inside generic arguments (`Int`, `Array<Int>`,
    /// `main.Point` when qualified).
    static func swiftTypeName(_ v: Value, debug: Bool) -> String {
        let std = debug ? "Swift." : ""
        switch v {
        case .int: return std + "Int"
        case .double: return std + "Double"
        case .bool: return std + "Bool"
        case .string: return std + "String"
        case .array(let a): return std + "Array<" + (a.first.map { swiftTypeName($0, debug: debug) } ?? "_") + ">"
        case .optional(let w): return std + "Optional<" + swiftTypeName(w, debug: debug) + ">"
        case .structValue(let x): return (debug ? "main." : "") + x.type.name + genericArguments(x, debug: debug)
        case .object(let o): return (debug ? "main." : "") + o.cls.name
        case .enumCase(let e): return (debug ? "main." : "") + e.type.name
        default: return v.typeName
        }
    }
}

extension Value {
    /// A cell type's own text: `description` (CustomStringConvertible) and `debugDescription`
    /// (CustomDebugStringConvertible), as Swift picks them: `print` prefers `description`, inside
    /// collections, `debugPrint` and `String(reflecting:)` prefer `debugDescription`.
    static func customText(_ t: StructType, _ v: Value, debug: Bool) -> String? {
        guard t.usesDescription || t.usesDebugDescription, let owner = t.owner else { return nil }
        if debug && t.usesDebugDescription, let d = owner.userDescription(v, "debugDescription") { return d }
        if t.usesDescription, let d = owner.userDescription(v) { return d }
        if t.usesDebugDescription { return owner.userDescription(v, "debugDescription") }
        return nil
    }
}

extension Value {
    /// The type's name as `print(type(of: x))` shows it: Swift spells collections and optionals out
    /// (`Array<Double>`, `Dictionary<String, Int>`, `Optional<Int>`) where messages use `[Double]`.
    var metatypeName: String {
        switch self {
        case .array(let a): return "Array<\(a.first?.metatypeName ?? "Any")>"
        case .dict(let d):
            if d.isSet { return "Set<\(d.keys.first?.metatypeName ?? "AnyHashable")>" }
            guard let k = d.keys.first else { return "Dictionary<AnyHashable, Any>" }
            return "Dictionary<\(k.metatypeName), \(d.values[0].metatypeName)>"
        case .optional(let v): return "Optional<\(v.metatypeName)>"
        case .tuple(let t):
            let names = t.values.indices.map { i in (t.labels?[i]).flatMap { $0 }.map { "\($0): " } ?? "" }
            return "(" + zip(names, t.values).map { $0 + $1.metatypeName }.joined(separator: ", ") + ")"
        case .structValue(let s) where !s.type.genericParams.isEmpty: return s.type.name + Value.genericArguments(s, debug: false)
        default: return typeName
        }
    }
}
