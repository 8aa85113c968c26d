import RLSupport

/// An engine object visible to cells (Tensor, Env, Space, networks, optimizers, type objects...).
///
/// Every requirement has a default, so an object implements only what it supports. Return `nil`
/// from `getMember` / `callMethod` / `binaryOp` / `callAsFunction` to mean "not supported": the
/// interpreter then reports a did-you-mean error using `memberNames`.
///
/// Static members of a host type (`Tensor.zeros([2, 3])`, `DQN.load(...)`) work by defining a global
/// whose value is a native "type object": `Tensor(...)` calls its `callAsFunction`, `Tensor.zeros`
/// its `callMethod("zeros", ...)`.
public protocol NativeObject: AnyObject {
    /// The type name used in messages (`Env`, `Tensor`).
    var typeName: String { get }
    /// What `print` shows.
    var description: String { get }
    /// Names for did-you-mean suggestions (properties and methods).
    var memberNames: [String] { get }
    /// A property (`env.actionSpace`); nil when there is no such member.
    func getMember(_ name: String) throws -> Value?
    /// Sets a property; return false when there is no such settable member.
    func setMember(_ name: String, _ value: Value) throws -> Bool
    /// A method call (`env.step(a)`); nil when there is no such method.
    func callMethod(_ name: String, _ args: Arguments) throws -> Value?
    /// `obj[i, j]`; nil when not subscriptable.
    func subscriptGet(_ args: Arguments) throws -> Value?
    /// `obj[i] = v`; false when not supported.
    func subscriptSet(_ args: Arguments, _ value: Value) throws -> Bool
    /// `self op other` (or `other op self` when `selfOnLeft` is false); nil when unsupported.
    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value?
    /// `-self`; nil when unsupported.
    func unaryMinus() throws -> Value?
    /// `obj(args)`; nil when the object is not callable.
    func callAsFunction(_ args: Arguments) throws -> Value?
    /// The elements for `for x in obj`; nil when not iterable.
    func iterate() throws -> [Value]?
    /// `==` against another value.
    func isEqual(to other: Value) -> Bool
}

extension NativeObject {
    public var description: String { typeName }
    public var memberNames: [String] { [] }
    public func getMember(_ name: String) throws -> Value? { nil }
    public func setMember(_ name: String, _ value: Value) throws -> Bool { false }
    public func callMethod(_ name: String, _ args: Arguments) throws -> Value? { nil }
    public func subscriptGet(_ args: Arguments) throws -> Value? { nil }
    public func subscriptSet(_ args: Arguments, _ value: Value) throws -> Bool { false }
    public func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? { nil }
    public func unaryMinus() throws -> Value? { nil }
    public func callAsFunction(_ args: Arguments) throws -> Value? { nil }
    public func iterate() throws -> [Value]? { nil }
    public func isEqual(to other: Value) -> Bool {
        if case .native(let o) = other { return o === self }
        return false
    }
}

/// The parameters a host function accepts, for static checks of labels and arity.
///
/// `Signature("_, dtype?, requiresGrad?")`: comma-separated labels; `_` is unlabelled, a trailing
/// `?` means the parameter has a default, a trailing `...` means variadic (zero or more values).
public struct Signature: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        /// External label; nil for `_`.
        public var label: String?
        public var hasDefault: Bool
        public var variadic: Bool
        public init(_ label: String?, hasDefault: Bool = false, variadic: Bool = false) {
            self.label = label
            self.hasDefault = hasDefault
            self.variadic = variadic
        }
    }
    public var parameters: [Parameter]
    public init(_ parameters: [Parameter]) { self.parameters = parameters }

    /// Parses `"_, dtype?, requiresGrad?"`, `"_..."`, `""` (no parameters).
    public init(_ spec: String) {
        var ps: [Parameter] = []
        for raw in spec.split(separator: ",") {
            var s = raw.filter { $0 != " " }
            var variadic = false, hasDefault = false
            if s.hasSuffix("...") { variadic = true; s.removeLast(3) }
            if s.hasSuffix("?") { hasDefault = true; s.removeLast() }
            if s.hasSuffix(":") { s.removeLast() }
            ps.append(Parameter(s == "_" || s.isEmpty ? nil : s, hasDefault: hasDefault, variadic: variadic))
        }
        parameters = ps
    }

    /// `(_:dtype:requiresGrad:)`
    public var text: String { "(" + parameters.map { ($0.label ?? "_") + ":" }.joined() + ")" }
}

/// The arguments of a host call: values with their labels, and where the call is in the tutorial.
public struct Arguments {
    public var values: [Value]
    public var labels: [String?]
    /// The call's location in the tutorial (for messages), worked out when asked for.
    public var location: SourceLocation? {
        get { explicitLocation ?? callLoc.flatMap { interpreter?.sourceLocation($0) } }
        set { explicitLocation = newValue; callLoc = nil }
    }
    private var explicitLocation: SourceLocation?
    /// The call's position in the interpreter's sources (turned into `location` on demand: most
    /// host calls never report a location, and every cell call makes an `Arguments`).
    private var callLoc: Loc?
    /// The interpreter making the call (to call back into user closures with `call`).
    public var interpreter: Interpreter? {
        get { callingInterpreter }
        set { callingInterpreter = newValue }
    }
    /// Not counted: arguments live for one host call, during which the interpreter that made it
    /// is running. (The interpreter is weakly referenced elsewhere, so each strong retain of it
    /// takes the slow side-table path: counting it cost 10-15 % of a loop calling `max(_:_:)`.)
    /// A host that keeps an `Arguments` beyond the call must not use `interpreter` after the
    /// interpreter is gone.
    private unowned(unsafe) var callingInterpreter: Interpreter?

    public init(_ values: [Value], labels: [String?]? = nil, location: SourceLocation? = nil, interpreter: Interpreter? = nil) {
        self.values = values
        self.labels = labels ?? Array(repeating: nil, count: values.count)
        self.explicitLocation = location
        self.interpreter = interpreter
    }

    init(_ values: [Value], labels: [String?], loc: Loc, interpreter: Interpreter) {
        self.values = values
        self.labels = labels
        self.callLoc = loc
        self.interpreter = interpreter
    }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }
    public subscript(_ i: Int) -> Value { values[i] }

    /// Values without a label, in order.
    public var positional: [Value] { zip(values, labels).compactMap { $0.1 == nil ? $0.0 : nil } }

    /// The value with this label, or (with `label == nil`) the `index`-th unlabelled value.
    public func value(_ label: String?, index: Int = 0) -> Value? {
        if let label {
            for (v, l) in zip(values, labels) where l == label { return v }
            return nil
        }
        let p = positional
        return index < p.count ? p[index] : nil
    }

    public func has(_ label: String) -> Bool { labels.contains(label) }

    /// A Double argument (Ints promote); throws `HostError` when present with another type or missing without default.
    public func double(_ label: String?, index: Int = 0, default def: Double? = nil) throws -> Double {
        guard let v = value(label, index: index), !v.isNil else {
            if let def { return def }
            throw HostError.missing(label ?? "#\(index + 1)")
        }
        if let d = v.asDouble { return d }
        throw HostError.type(label ?? "#\(index + 1)", expected: "Double", got: v.typeName)
    }

    public func int(_ label: String?, index: Int = 0, default def: Int? = nil) throws -> Int {
        guard let v = value(label, index: index), !v.isNil else {
            if let def { return def }
            throw HostError.missing(label ?? "#\(index + 1)")
        }
        if let i = v.asInt { return i }
        if case .double(let d) = v, d == d.rounded(), abs(d) < 9e18 { return Int(d) }
        throw HostError.type(label ?? "#\(index + 1)", expected: "Int", got: v.typeName)
    }

    public func string(_ label: String?, index: Int = 0, default def: String? = nil) throws -> String {
        guard let v = value(label, index: index), !v.isNil else {
            if let def { return def }
            throw HostError.missing(label ?? "#\(index + 1)")
        }
        if let s = v.asString { return s }
        if let s = v.symbolName { return s }
        throw HostError.type(label ?? "#\(index + 1)", expected: "String", got: v.typeName)
    }

    public func bool(_ label: String?, index: Int = 0, default def: Bool? = nil) throws -> Bool {
        guard let v = value(label, index: index), !v.isNil else {
            if let def { return def }
            throw HostError.missing(label ?? "#\(index + 1)")
        }
        if let b = v.asBool { return b }
        throw HostError.type(label ?? "#\(index + 1)", expected: "Bool", got: v.typeName)
    }

    /// An array of Doubles (nested arrays are not flattened).
    public func doubles(_ label: String?, index: Int = 0) throws -> [Double] {
        guard let v = value(label, index: index), let a = v.asArray else { throw HostError.missing(label ?? "#\(index + 1)") }
        return try a.map { x in
            guard let d = x.asDouble else { throw HostError.type(label ?? "#\(index + 1)", expected: "[Double]", got: v.typeName) }
            return d
        }
    }
}

/// Errors for host functions' argument handling.
public enum HostError: Error, CustomStringConvertible {
    case missing(String)
    case type(String, expected: String, got: String)
    case message(String)

    public var description: String {
        switch self {
        case .missing(let n): return "missing argument for parameter '\(n)' in call"
        case .type(let n, let e, let g): return "cannot convert value of type '\(g)' to expected argument type '\(e)' (argument '\(n)')"
        case .message(let m): return m
        }
    }
}
