/// A value of the cell language.
///
/// Scalars are stored inline; arrays use Swift's copy-on-write arrays, dictionaries and struct
/// instances are boxes copied on write (`isKnownUniquelyReferenced`), class instances are shared.
public enum Value {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case array([Value])
    case dict(DictBox)
    case tuple(TupleBox)
    /// A present optional (`Optional(x)`); an absent one is `.nilValue`.
    indirect case optional(Value)
    case nilValue
    case range(RangeBox)
    case function(Callable)
    case structValue(StructInstance)
    case object(ClassInstance)
    case enumCase(EnumCase)
    /// An implicit member (`.float32`, `.down`) not yet given a type.
    case symbol(String)
    /// A type used as a value (`Int`, `Double`, a struct or class name).
    case type(TypeValue)
    case void
    case native(NativeObject)

    /// Swift's name for the value's type, used in messages.
    public var typeName: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        case .array(let a):
            if let f = a.first { return "[\(f.typeName)]" }
            return "[Any]"
        case .dict(let d):
            if d.isSet { return "Set<\(d.keys.first?.typeName ?? "AnyHashable")>" }
            if let k = d.keys.first { return "[\(k.typeName): \(d.values[0].typeName)]" }
            return "[AnyHashable: Any]"
        case .tuple(let t): return "(" + t.values.map(\.typeName).joined(separator: ", ") + ")"
        case .optional(let v): return "\(v.typeName)?"
        case .nilValue: return "Optional<Any>"
        case .range: return "Range<Int>"
        case .function: return "function"
        case .structValue(let s): return s.type.name
        case .object(let o): return o.cls.name
        case .enumCase(let e): return e.type.name
        case .symbol: return "member"
        case .type(let t): return "\(t.name).Type"
        case .void: return "()"
        case .native(let n): return n.typeName
        }
    }

    /// The wrapped value of a present optional, the value itself otherwise; nil for `.nilValue`.
    @inline(__always) public var unwrapped: Value? {
        switch self {
        case .nilValue: return nil
        case .optional(let v): return v.unwrapped
        default: return self
        }
    }

    /// The value as a Double when it is a number.
    @inline(__always) public var asDouble: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .optional(let v): return v.asDouble
        default: return nil
        }
    }

    @inline(__always) public var asInt: Int? {
        switch self {
        case .int(let i): return i
        case .optional(let v): return v.asInt
        default: return nil
        }
    }

    public var asString: String? {
        if case .string(let s) = self { return s }
        if case .optional(let v) = self { return v.asString }
        return nil
    }

    public var asBool: Bool? {
        if case .bool(let b) = self { return b }
        if case .optional(let v) = self { return v.asBool }
        return nil
    }

    public var asArray: [Value]? {
        switch self {
        case .array(let a): return a
        case .range(let r): return r.elements
        case .optional(let v): return v.asArray
        default: return nil
        }
    }

    /// The name of an implicit member or enum case (`.float32` -> "float32"), or a string's text.
    public var symbolName: String? {
        switch self {
        case .symbol(let s): return s
        case .enumCase(let e): return e.name
        case .string(let s): return s
        default: return nil
        }
    }

    public var isNil: Bool { if case .nilValue = self { return true }; return false }

    /// Whether the value holds no reference (a number, a Bool, nil, void): overwriting it needs
    /// no release.
    @inline(__always) var holdsNoReference: Bool {
        switch self {
        case .int, .double, .bool, .nilValue, .void: return true
        default: return false
        }
    }

    /// Deinitializes `count` values at `p` (the fields of a freed instance, tuple or frame): a
    /// release only for values that hold a reference. (`deinitialize(count:)` calls the runtime's
    /// generic `swift_arrayDestroy`, ~40 instructions per value even for an Int.)
    @inline(__always) static func destroy(_ p: UnsafeMutablePointer<Value>, count: Int) {
        var i = 0
        while i < count {
            if !p[i].holdsNoReference { _ = (p + i).move() }
            i += 1
        }
    }
}

extension Array where Element == Value {
    /// `n` values made by `make(0)`, `make(1)`, ... in order. Up to four are gathered into an
    /// array literal, which the compiler allocates at its exact size in one step
    /// (`reserveCapacity` and `append` take Swift's general growth path, a few hundred
    /// instructions for a small array of arguments or fields).
    @inline(__always)
    static func evaluated(_ n: Int, _ make: (Int) throws -> Value) rethrows -> [Value] {
        switch n {
        case 0: return []
        case 1: return [try make(0)]
        case 2:
            let a = try make(0)
            return [a, try make(1)]
        case 3:
            let a = try make(0), b = try make(1)
            return [a, b, try make(2)]
        case 4:
            let a = try make(0), b = try make(1), c = try make(2)
            return [a, b, c, try make(3)]
        default:
            var out: [Value] = []
            out.reserveCapacity(n)
            for i in 0..<n { out.append(try make(i)) }
            return out
        }
    }
}

/// A range of numbers: `a..<b`, `a...b`, `..<b`, `a...`.
public final class RangeBox {
    public let lower: Value?
    public let upper: Value?
    public let closed: Bool
    public init(lower: Value?, upper: Value?, closed: Bool) {
        self.lower = lower
        self.upper = upper
        self.closed = closed
    }
    /// Integer bounds as a half-open range, when both exist and are Ints.
    var intBounds: (Int, Int)? {
        guard case .int(let a)? = lower, case .int(let b)? = upper else { return nil }
        if closed { return b == Int.max ? nil : (a, b + 1) }
        return (a, b)
    }
    public var elements: [Value]? {
        guard let (a, b) = intBounds else { return nil }
        if b <= a { return [] }
        return (a..<b).map { .int($0) }
    }
    func contains(_ v: Value) -> Bool {
        guard let x = v.asDouble else {
            if case .string(let s) = v, case .string(let lo)? = lower ?? .string(""), let up = upper?.asString {
                return s >= lo && (closed ? s <= up : s < up)
            }
            return false
        }
        if let lo = lower?.asDouble, x < lo { return false }
        if let hi = upper?.asDouble { return closed ? x <= hi : x < hi }
        return true
    }
}

/// A case of a user enum.
public final class EnumCase {
    let type: StructType
    public let name: String
    let ordinal: Int
    let rawValue: Value?
    /// Labels of the associated values (nil entries: unlabelled); nil when the case has none.
    var associatedLabels: [String?]?
    var associatedCoercions: [Coercion] = []
    /// The associated values of a constructed case (`.circle(radius: 2)`).
    public private(set) var payload: [Value] = []
    init(type: StructType, name: String, ordinal: Int, rawValue: Value?) {
        self.type = type
        self.name = name
        self.ordinal = ordinal
        self.rawValue = rawValue
    }

    /// A value of this (declared) case carrying `payload`.
    init(of c: EnumCase, payload: [Value]) {
        type = c.type
        name = c.name
        ordinal = c.ordinal
        rawValue = nil
        associatedLabels = c.associatedLabels
        associatedCoercions = c.associatedCoercions
        self.payload = payload
    }

    deinit { if !payload.isEmpty { ChainRelease.release(&payload) } }

    var hasAssociatedValues: Bool { associatedLabels != nil }
}

/// A type used as a value: builtin (`Int`, `Double`, `String`, `Bool`, `Array`...) or user-declared.
public final class TypeValue {
    public let name: String
    let userType: StructType?
    let typeExpr: TypeExpr?
    init(name: String, userType: StructType? = nil, typeExpr: TypeExpr? = nil) {
        self.name = name
        self.userType = userType
        self.typeExpr = typeExpr
    }
}

extension Value: Hashable {
    public static func == (a: Value, b: Value) -> Bool { valuesEqual(a, b) }

    public func hash(into h: inout Hasher) {
        switch self {
        case .int(let i): h.combine(Double(i))
        case .double(let d): h.combine(d)
        case .bool(let b): h.combine(b)
        case .string(let s): h.combine(s)
        case .array(let a): h.combine(a.count); for x in a { x.hash(into: &h) }
        case .tuple(let t): for i in 0..<t.count { t[i].hash(into: &h) }
        case .optional(let v): v.hash(into: &h)
        case .nilValue: h.combine(0)
        case .enumCase(let e): h.combine(e.name); for x in e.payload { x.hash(into: &h) }
        case .symbol(let s): h.combine(s)
        case .structValue(let s): h.combine(s.type.name); for k in 0..<s.fieldCount { s[k].hash(into: &h) }
        case .object(let o): h.combine(ObjectIdentifier(o))
        case .native(let n): h.combine(ObjectIdentifier(n))
        default: h.combine(typeName)
        }
    }
}

/// Swift `==` on values (numbers compare across Int/Double).
func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.int(let x), .double(let y)): return Double(x) == y
    case (.double(let x), .int(let y)): return x == Double(y)
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) }
    case (.dict(let x), .array(let y)) where x.isSet: return valuesEqual(a, .dict(Interpreter.makeSet(y)))
    case (.array(let x), .dict(let y)) where y.isSet: return valuesEqual(.dict(Interpreter.makeSet(x)), b)
    case (.dict(let x), .dict(let y)):
        if x.isSet != y.isSet { return false }
        return x.count == y.count && zip(x.keys, x.values).allSatisfy { k, v in y.get(k).map { valuesEqual($0, v) } ?? false }
    case (.tuple(let x), .tuple(let y)): return x.count == y.count && (0..<x.count).allSatisfy { valuesEqual(x[$0], y[$0]) }
    case (.nilValue, .nilValue): return true
    case (.nilValue, _), (_, .nilValue): return false
    case (.optional(let x), _): return valuesEqual(x, b)
    case (_, .optional(let y)): return valuesEqual(a, y)
    case (.enumCase(let x), .enumCase(let y)):
        return x === y || (x.type === y.type && x.name == y.name && x.payload.count == y.payload.count
                           && zip(x.payload, y.payload).allSatisfy { valuesEqual($0, $1) })
    case (.enumCase(let x), .symbol(let s)), (.symbol(let s), .enumCase(let x)): return x.name == s
    case (.symbol(let x), .symbol(let y)): return x == y
    case (.structValue(let x), .structValue(let y)): return x === y || x.type === y.type && (0..<min(x.fieldCount, y.fieldCount)).allSatisfy { valuesEqual(x[$0], y[$0]) }
    case (.object(let x), .object(let y)): return x === y
    case (.native(let x), _): return x.isEqual(to: b)
    case (_, .native(let y)): return y.isEqual(to: a)
    case (.void, .void): return true
    case (.range(let x), .range(let y)):
        return x.closed == y.closed && x.lower.map { v in y.lower.map { valuesEqual(v, $0) } ?? false } ?? (y.lower == nil)
            && x.upper.map { v in y.upper.map { valuesEqual(v, $0) } ?? false } ?? (y.upper == nil)
    default: return false
    }
}

extension Value {
    /// Moves an array payload out (leaving `.void`), so the caller holds the only reference and
    /// can mutate it in place. Callers must store a value back.
    @inline(__always) mutating func takeArray() -> [Value]? {
        guard case .array(let a) = self else { return nil }
        self = .void
        return a
    }

    /// Moves a dictionary box out, copying it first when it is shared.
    @inline(__always) mutating func takeDict() -> DictBox? {
        guard case .dict(var d) = self else { return nil }
        self = .void
        if !isKnownUniquelyReferenced(&d) { d = DictBox(copying: d) }
        return d
    }

    /// Moves a struct instance out, copying it first when it is shared.
    @inline(__always) mutating func takeStruct() -> StructInstance? {
        guard case .structValue(var s) = self else { return nil }
        self = .void
        if !isKnownUniquelyReferenced(&s) { s = s.copy() }
        return s
    }

    /// Moves a tuple box out, copying it first when it is shared (a tuple element changed in place:
    /// `stats.rewards.append(r)`, without copying the tuple and, with it, the array).
    @inline(__always) mutating func takeTuple() -> TupleBox? {
        guard case .tuple(var t) = self else { return nil }
        self = .void
        if !isKnownUniquelyReferenced(&t) { t = TupleBox.make(t.values, normalizedLabels: t.labels) }
        return t
    }

    /// Moves an optional's payload out.
    @inline(__always) mutating func takeOptional() -> Value? {
        guard case .optional(let w) = self else { return nil }
        self = .void
        return w
    }

    @inline(__always) var isArray: Bool { if case .array = self { return true }; return false }
    @inline(__always) var isTuple: Bool { if case .tuple = self { return true }; return false }
    @inline(__always) var isDict: Bool { if case .dict = self { return true }; return false }
    /// Whether the value is a `Set` (a dictionary box marked as one).
    var isSetValue: Bool { if case .dict(let d) = self { return d.isSet }; return false }
    @inline(__always) var isStruct: Bool { if case .structValue = self { return true }; return false }
}

extension Value {
    @inline(__always) var isString: Bool { if case .string = self { return true }; return false }
    @inline(__always) var isDouble: Bool { if case .double = self { return true }; return false }
    var isInt: Bool { if case .int = self { return true }; return false }
    var isFunction: Bool { if case .function = self { return true }; return false }
    @inline(__always) mutating func takeString() -> String? {
        guard case .string(let s) = self else { return nil }
        self = .void
        return s
    }
    /// The struct type of a struct value (without retaining the instance).
    @inline(__always) var structType: StructType? { if case .structValue(let s) = self { return s.type }; return nil }
}

extension Value {
    /// The user type of a struct or class instance (for call-site caches).
    /// The identity of `userTypeIdentity` (read without retaining the type).
    @inline(__always) var userTypeID: ObjectIdentifier? {
        switch self {
        case .object(let o): return ObjectIdentifier(o.cls)
        case .structValue(let s): return ObjectIdentifier(s.type)
        default: return nil
        }
    }

    @inline(__always) var userTypeIdentity: StructType? {
        switch self {
        case .object(let o): return o.cls
        case .structValue(let s): return s.type
        default: return nil
        }
    }
}
