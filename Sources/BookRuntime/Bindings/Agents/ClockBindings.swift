import BookDSL
import RLSupport

/// Time for cells, as Swift spells it: `Date()` with `timeIntervalSince(_:)` / `timeIntervalSinceNow`,
/// and `ContinuousClock().now` with `Duration` arithmetic (`clock.now - start`, `clock.measure { }`).
enum ClockBindings {
    static let names = ["Date", "ContinuousClock", "Duration"]

    static func install(into interpreter: Interpreter) {
        interpreter.defineGlobal("Date", .native(DateType()))
        interpreter.defineFunction("ContinuousClock", signature: Signature("")) { _ in .native(ClockObject()) }
        interpreter.defineGlobal("Duration", .native(DurationType()))
    }
}

/// `Date` as a value: `Date()` is now; `Date(timeIntervalSince1970:)`.
final class DateType: NativeObject {
    var typeName: String { "Date.Type" }
    var description: String { "Date" }
    func callAsFunction(_ args: Arguments) throws -> Value? {
        if let t = args.value("timeIntervalSince1970")?.asDouble { return .native(DateObject(t)) }
        guard args.isEmpty else { throw BindingError("Date() takes no arguments (or timeIntervalSince1970:)") }
        return .native(DateObject(Clock.wallSeconds()))
    }
}

/// A point in wall-clock time (seconds since 1970).
final class DateObject: NativeObject, CacheValueObject {
    let seconds: Double
    init(_ seconds: Double) { self.seconds = seconds }
    var cacheKind: String { "Date" }
    var cacheNumber: Double { seconds }
    var typeName: String { "Date" }
    var description: String { Clock.utcTimestamp(seconds) }
    var memberNames: [String] { ["timeIntervalSince", "timeIntervalSinceNow", "timeIntervalSince1970"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "timeIntervalSinceNow": return .double(seconds - Clock.wallSeconds())
        case "timeIntervalSince1970": return .double(seconds)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard name == "timeIntervalSince" else { return nil }
        guard case .native(let o)? = args.value(nil), let other = o as? DateObject else {
            throw BindingError("timeIntervalSince needs another Date: end.timeIntervalSince(start)")
        }
        return .double(seconds - other.seconds)
    }

    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        guard case .native(let o) = other, let d = o as? DateObject else { return nil }
        let (a, b) = selfOnLeft ? (seconds, d.seconds) : (d.seconds, seconds)
        switch op {
        case "<": return .bool(a < b)
        case ">": return .bool(a > b)
        case "<=": return .bool(a <= b)
        case ">=": return .bool(a >= b)
        default: return nil
        }
    }
}

/// `ContinuousClock()`: `now`, `measure { ... }`.
final class ClockObject: NativeObject {
    var typeName: String { "ContinuousClock" }
    var description: String { "ContinuousClock()" }
    var memberNames: [String] { ["now", "measure"] }
    func getMember(_ name: String) throws -> Value? {
        name == "now" ? .native(InstantObject(Clock.monotonic())) : nil
    }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard name == "measure" else { return nil }
        guard let f = args.value(nil), case .function = f, let interp = args.interpreter else {
            throw BindingError("measure needs a closure: clock.measure { ... }")
        }
        let start = Clock.monotonic()
        _ = try interp.call(f, [])
        return .native(DurationObject(Clock.monotonic() - start))
    }
}

/// `ContinuousClock.Instant`: subtract two to get a `Duration`.
final class InstantObject: NativeObject, CacheValueObject {
    let t: Double
    init(_ t: Double) { self.t = t }
    var cacheKind: String { "Instant" }
    var cacheNumber: Double { t }
    var typeName: String { "ContinuousClock.Instant" }
    var description: String { "Instant(\(t))" }
    var memberNames: [String] { ["duration"] }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard name == "duration", case .native(let o)? = args.value("to"), let other = o as? InstantObject else { return nil }
        return .native(DurationObject(other.t - t))
    }
    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        if case .native(let o) = other, let i = o as? InstantObject {
            let (a, b) = selfOnLeft ? (t, i.t) : (i.t, t)
            switch op {
            case "-": return .native(DurationObject(a - b))
            case "<": return .bool(a < b)
            case ">": return .bool(a > b)
            default: return nil
            }
        }
        if let d = DurationObject.implicit(other), selfOnLeft { return try binaryOp(op, .native(d), selfOnLeft: true) }
        if case .native(let o) = other, let d = o as? DurationObject, selfOnLeft {
            if op == "+" { return .native(InstantObject(t + d.seconds)) }
            if op == "-" { return .native(InstantObject(t - d.seconds)) }
        }
        return nil
    }
}

/// `Duration`: prints as Swift does (`1.5 seconds`); `components`, and `.seconds(n)` / `.milliseconds(n)` to build one.
final class DurationObject: NativeObject, CacheValueObject {
    let seconds: Double
    init(_ seconds: Double) { self.seconds = seconds }
    var cacheKind: String { "Duration" }
    var cacheNumber: Double { seconds }
    var typeName: String { "Duration" }
    var description: String {
        let s = (seconds * 1e9).rounded() / 1e9
        return "\(s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s)) seconds"
    }
    var memberNames: [String] { ["components"] }
    func getMember(_ name: String) throws -> Value? {
        guard name == "components" else { return nil }
        let whole = seconds.rounded(.down)
        return .tuple(TupleBox.make([.int(Int(whole)), .int(Int((seconds - whole) * 1e18))], labels: ["seconds", "attoseconds"]))
    }
    /// `.seconds(5)`, `.milliseconds(250)`... written where a Duration is expected (`elapsed < .seconds(5)`): the
    /// implicit member call arrives as the tuple `(symbol, number)`.
    static func implicit(_ v: Value) -> DurationObject? {
        guard case .tuple(let t) = v, t.count == 2, case .symbol(let unit) = t[0], let n = t[1].asDouble else { return nil }
        switch unit {
        case "seconds": return DurationObject(n)
        case "milliseconds": return DurationObject(n * 1e-3)
        case "microseconds": return DurationObject(n * 1e-6)
        case "nanoseconds": return DurationObject(n * 1e-9)
        default: return nil
        }
    }

    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        if let d = DurationObject.implicit(other) { return try binaryOp(op, .native(d), selfOnLeft: selfOnLeft) }
        if case .native(let o) = other, let d = o as? DurationObject {
            let (a, b) = selfOnLeft ? (seconds, d.seconds) : (d.seconds, seconds)
            switch op {
            case "+": return .native(DurationObject(a + b))
            case "-": return .native(DurationObject(a - b))
            case "/": return b == 0 ? nil : .double(a / b)
            case "<": return .bool(a < b)
            case ">": return .bool(a > b)
            case "<=": return .bool(a <= b)
            case ">=": return .bool(a >= b)
            case "==": return .bool(a == b)
            case "!=": return .bool(a != b)
            default: return nil
            }
        }
        if let k = other.asDouble {
            switch op {
            case "*": return .native(DurationObject(seconds * k))
            case "/" where selfOnLeft && k != 0: return .native(DurationObject(seconds / k))
            default: return nil
            }
        }
        return nil
    }
}

/// `Duration.seconds(2)`, `.milliseconds(500)`.
final class DurationType: NativeObject {
    var typeName: String { "Duration.Type" }
    var memberNames: [String] { ["seconds", "milliseconds", "microseconds", "nanoseconds"] }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        let scale: Double
        switch name {
        case "seconds": scale = 1
        case "milliseconds": scale = 1e-3
        case "microseconds": scale = 1e-6
        case "nanoseconds": scale = 1e-9
        default: return nil
        }
        return .native(DurationObject(try args.double(nil) * scale))
    }
}
