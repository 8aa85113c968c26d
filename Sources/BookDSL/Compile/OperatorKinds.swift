import RLSupport

/// Finds did-you-mean hints (wraps RLSupport's `DidYouMean`).
enum DidYouMeanHint {
    static func hint(_ name: String, _ candidates: [String]) -> String {
        DidYouMean.hint(name, from: candidates.filter { !$0.hasPrefix("__") })
    }

    /// Names from other languages (and their misspellings) for Swift's members of built-in values.
    static let foreignNames: [String: String] = [
        "length": "count", "len": "count", "size": "count", "push": "append", "add": "append",
        "indexOf": "firstIndex", "index": "firstIndex", "includes": "contains", "has": "contains",
        "toUpperCase": "uppercased", "upper": "uppercased", "toLowerCase": "lowercased", "lower": "lowercased",
        "pop": "removeLast", "shift": "removeFirst", "sort_by": "sorted", "join": "joined", "reverse": "reversed",
        "strip": "trimmingCharacters", "trim": "trimmingCharacters", "startswith": "hasPrefix", "endswith": "hasSuffix",
        "clear": "removeAll", "extend": "append", "items": "enumerated", "sum": "reduce", "empty": "isEmpty",
    ]

    /// A hint for a member of a built-in value: a close member name, else the Swift name for a
    /// name (or a misspelling of one) from another language (`xs.lenght` -> `count`).
    static func memberHint(_ name: String, _ candidates: [String]) -> String {
        let h = hint(name, candidates)
        if !h.isEmpty { return h }
        let foreign = Array(foreignNames.keys)
        let key = foreignNames[name] != nil ? name : foreign.first { DidYouMean.hint(name, from: [$0]).isEmpty == false }
        guard let key, let swift = foreignNames[key], candidates.contains(swift) else { return "" }
        return "; did you mean '\(swift)'?"
    }
}

protocol ArithOp {
    static var symbol: String { get }
    /// Division and remainder: a zero divisor is an error.
    static var checksZero: Bool { get }
    static func ints(_ a: Int, _ b: Int) -> (Int, Bool)
    static func doubles(_ a: Double, _ b: Double) -> Double
}
extension ArithOp {
    static var checksZero: Bool { false }
}
enum DivOp: ArithOp {
    static var symbol: String { "/" }
    static var checksZero: Bool { true }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> (Int, Bool) { let r = a.dividedReportingOverflow(by: b); return (r.partialValue, r.overflow) }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Double { a / b }
}
enum ModOp: ArithOp {
    static var symbol: String { "%" }
    static var checksZero: Bool { true }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> (Int, Bool) { let r = a.remainderReportingOverflow(dividingBy: b); return (r.partialValue, r.overflow) }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Double { a.truncatingRemainder(dividingBy: b) }
}

/// `v op= r` with Int and Double fast paths.
@inline(__always)
func arithInPlace<O: ArithOp>(_ o: O.Type, _ v: inout Value, _ r: Value, _ loc: Loc, _ interp: Interpreter) throws {
    if case .int(let a) = v, case .int(let b) = r {
        if O.checksZero && b == 0 { throw RuntimeError("division by zero", loc) }
        let (x, ov) = O.ints(a, b)
        if ov { throw RuntimeError("arithmetic overflow: \(a) \(O.symbol) \(b) does not fit in Int", loc) }
        v = .int(x)
        return
    }
    if case .double(let a) = v {
        if case .double(let b) = r { v = .double(O.doubles(a, b)); return }
        if case .int(let b) = r { v = .double(O.doubles(a, Double(b))); return }
    }
    try Interpreter.compound(&v, O.symbol, r, loc, interp)
}

enum AddOp: ArithOp {
    static var symbol: String { "+" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> (Int, Bool) { let r = a.addingReportingOverflow(b); return (r.partialValue, r.overflow) }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Double { a + b }
}
enum SubOp: ArithOp {
    static var symbol: String { "-" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> (Int, Bool) { let r = a.subtractingReportingOverflow(b); return (r.partialValue, r.overflow) }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Double { a - b }
}
enum MulOp: ArithOp {
    static var symbol: String { "*" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> (Int, Bool) { let r = a.multipliedReportingOverflow(by: b); return (r.partialValue, r.overflow) }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Double { a * b }
}

protocol CompareOp {
    static var symbol: String { get }
    static func ints(_ a: Int, _ b: Int) -> Bool
    static func doubles(_ a: Double, _ b: Double) -> Bool
}
enum LtOp: CompareOp {
    static var symbol: String { "<" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Bool { a < b }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Bool { a < b }
}
enum LeOp: CompareOp {
    static var symbol: String { "<=" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Bool { a <= b }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Bool { a <= b }
}
enum GtOp: CompareOp {
    static var symbol: String { ">" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Bool { a > b }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Bool { a > b }
}
enum GeOp: CompareOp {
    static var symbol: String { ">=" }
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Bool { a >= b }
    @inline(__always) static func doubles(_ a: Double, _ b: Double) -> Bool { a >= b }
}
