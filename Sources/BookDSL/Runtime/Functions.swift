import RLSupport
/// A compiled user function, method, initializer or closure.
final class FunctionProto {
    let name: String
    var labels: [String?]
    var paramNames: [String]
    /// Default value evaluators, run in the callee's new frame.
    var defaults: [Eval?]
    var variadicIndex: Int?
    var coercions: [Coercion] { didSet { coercionKinds = coercions.map(CoercionKind.init) } }
    /// What each of `coercions` keeps unchanged, checked without looking into the coercion.
    private(set) var coercionKinds: [CoercionKind]
    var returnCoercion: Coercion = .identity { didSet { returnKind = CoercionKind(returnCoercion) } }
    private(set) var returnKind = CoercionKind.identity
    var slotCount = 0
    /// Parameters start at slot 1 when the function has `self` in slot 0.
    var hasSelf = false
    var isMutating = false
    var isInit = false
    /// `init?`: a `return nil` makes the construction nil; otherwise its value is optional.
    var isFailable = false
    /// `convenience init` (see `StructType.initializers`).
    var isConvenience = false
    /// The written return type (what `Compiler.inferredType` knows of a call's value).
    var returnType: TypeExpr?
    /// Declared `throws`: calls need `try`.
    var isThrowing = false
    /// Declared `rethrows` (`Compiler.checkTryMarked`).
    var isRethrows = false
    /// The compiled body (set once compiled; recursion means calls are compiled before it).
    var body: Exec {
        get { bodyBox.f }
        set { bodyBox = ExecBox(newValue) }
    }
    var bodyBox = ExecBox { _ in .normal }
    /// The body compiled as an expression giving the returned value, when its shape allows
    /// (`{ x * 2 }`, `if c { return a }; ...; return b`): the call then skips the statement
    /// layer (no `Flow`, no returned value parked in the frame). When set, `body` is unused.
    var valueBody: EvalBox?
    var loc: Loc
    /// Closures given `$0`-style arguments accept any count.
    var anonymous = false
    /// For a closure: its place among the closures compiled in its cell (how the cache names it); -1 otherwise.
    var closureOrdinal = -1
    /// Frames of finished calls, ready for reuse (owned references).
    let freeFrames = UnsafeMutablePointer<Unmanaged<Frame>>.allocate(capacity: FunctionProto.poolSize)
    var freeCount = 0
    static let poolSize = 32
    /// Whether a call's frame may outlive the call: the body makes closures or nested functions
    /// (which keep the frame as their environment). When false, frames are recycled without a
    /// look at their reference count. True unless the compiler found otherwise.
    var framesMayEscape = true
    /// For a closure `{ K($0) op K($1) }`: the key it compares (see `SortKey`).
    var sortKey: SortKey?

    deinit {
        for i in 0..<freeCount { freeFrames[i].release() }
        freeFrames.deallocate()
    }

    init(name: String, labels: [String?], paramNames: [String], loc: Loc) {
        self.name = name
        self.labels = labels
        self.paramNames = paramNames
        self.defaults = Array(repeating: nil, count: labels.count)
        self.coercions = Array(repeating: .identity, count: labels.count)
        self.coercionKinds = Array(repeating: .identity, count: labels.count)
        self.loc = loc
    }

    var paramCount: Int { labels.count }

    /// `name(a:_:)`
    var signatureText: String { "\(name)(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")" }
}

/// A callable value: a user function with its captured environment (and bound `self`), or a host function.
public final class Callable {
    let proto: FunctionProto?
    let env: Frame?
    let boundSelf: Value?
    let host: ((Arguments) throws -> Value)?
    public let name: String
    let signature: Signature?
    /// A builtin that call sites may run directly on numbers (see `FastBuiltin`).
    var fast: FastBuiltin?
    /// The struct type when this callable is a mutating method bound to a copy of `self`.
    init(proto: FunctionProto, env: Frame?, boundSelf: Value? = nil) {
        self.proto = proto
        self.env = env
        self.boundSelf = boundSelf
        self.host = nil
        self.name = proto.name
        self.signature = nil
    }

    init(name: String, signature: Signature?, host: @escaping (Arguments) throws -> Value) {
        self.proto = nil
        self.env = nil
        self.boundSelf = nil
        self.host = host
        self.name = name
        self.signature = signature
    }
}

/// A user-declared struct, class or enum.
public final class StructType {
    public let name: String
    let kind: TypeDecl.Kind
    var superType: StructType?
    var fieldNames: [String] = [] { didSet { instanceTemplate = nil } }
    var fieldIndex: [String: Int] = [:]
    var fieldIsLet: [Bool] = []
    /// What the compiler knows of each field's type (value type or not), for `let` checks.
    var fieldKinds: [StaticKind] = []
    var fieldCoercions: [Coercion] = [] { didSet { instanceTemplate = nil } }
    var fieldDefaults: [Eval?] = [] { didSet { instanceTemplate = nil } }
    /// Defaults that are constants (literals), stored without evaluating anything.
    var fieldConstDefaults: [Value?] = [] { didSet { instanceTemplate = nil } }
    var fieldDeclaredTypes: [String: TypeExpr?] = [:]
    /// Each stored property's written or inferred type, when known (`Compiler.inferredType`).
    var fieldStaticTypes: [String: TypeExpr] = [:]
    /// Fields declared with an initial value.
    var fieldsWithDefaults: Set<String> = []
    /// Field index -> property name, for the memberwise initializer (structs only).
    var methods: [String: [FunctionProto]] = [:]
    var staticMethods: [String: [FunctionProto]] = [:]
    var staticFields: [String: Int] = [:]       // global slots holding static stored properties
    /// Static stored properties declared with `let`, and the conversions of typed ones.
    var staticLets: Set<String> = []
    var staticCoercions: [String: Coercion] = [:]
    /// The written or inferred types of static stored properties (`static let white = Color(...)`).
    var staticFieldTypes: [String: TypeExpr] = [:]
    var computed: [String: (get: FunctionProto, set: FunctionProto?)] = [:]
    var inits: [FunctionProto] = []
    var hasExplicitInit = false
    var cases: [EnumCase] = []
    var caseByName: [String: EnumCase] = [:]
    var usesDescription = false
    /// Adopts CustomDebugStringConvertible with a `debugDescription` (collections and debugPrint use it).
    var usesDebugDescription = false
    /// `willSet` / `didSet` of stored properties, by field index.
    var observers: [Int: FieldObservers] = [:]
    /// Protocols named in the declaration (and added by extensions).
    var conformances: Set<String> = []
    /// The cell protocols among them (their extensions provide default implementations).
    var protocolTypes: [StructType] = []
    /// For a protocol: its requirements.
    var requiredProperties: Set<String> = []
    var requiredMethods: Set<String> = []
    var requiredStatics: Set<String> = []
    /// `struct Pair<A, B>`: the generic parameters' names, for printing `Pair<Int, String>(...)`.
    var genericParams: [String] = []
    /// `Stack<Double>`: the written arguments of a specialized generic type (`Compiler+Generics`),
    /// its source declaration and extensions (to specialize from), and the specializations made.
    var genericArguments: [TypeExpr]?
    var sourceDecl: TypeDecl?
    var extensionDecls: [TypeDecl] = []
    var specializations: [String: StructType] = [:]
    /// Members added to a built-in type (`extension Array { ... }`): `self` is a built-in value.
    var isBuiltinExtension = false
    /// The engine type this class subclasses directly (`Module`, `gym.Wrapper`).
    var hostBaseName: String?
    /// Declares (or inherits) operators such as `static func +`.
    var hasOperators = false
    /// Initializers declared in extensions (a struct keeps its memberwise initializer).
    var hasExtensionInits = false
    /// The initial fields of a new instance (see `Interpreter.newStruct`), made on first use.
    var instanceTemplate: InstanceTemplate?
    /// The interpreter that declared the type (runs a user `description` when printing).
    weak var owner: Interpreter?

    init(name: String, kind: TypeDecl.Kind) {
        self.name = name
        self.kind = kind
    }

    var isClass: Bool { kind == .classType }

    /// Methods named `name`, looked up through the superclass chain (most derived first).
    func findMethods(_ name: String) -> [FunctionProto] {
        var t: StructType? = self
        while let c = t {
            if let m = c.methods[name] { return m }
            t = c.superType
        }
        // default implementations from protocol extensions
        t = self
        while let c = t {
            for p in c.protocolTypes {
                let m = p.findMethods(name)
                if !m.isEmpty { return m }
            }
            t = c.superType
        }
        return []
    }

    func findComputed(_ name: String) -> (get: FunctionProto, set: FunctionProto?)? {
        var t: StructType? = self
        while let c = t {
            if let m = c.computed[name] { return m }
            t = c.superType
        }
        t = self
        while let c = t {
            for p in c.protocolTypes { if let m = p.findComputed(name) { return m } }
            t = c.superType
        }
        return nil
    }

    /// Whether `other` is among the protocols this type adopts, directly or through others.
    func refines(_ other: StructType) -> Bool {
        var seen = Set<ObjectIdentifier>()
        var todo = protocolTypes
        while let p = todo.popLast() {
            if p === other { return true }
            if seen.insert(ObjectIdentifier(p)).inserted { todo += p.protocolTypes }
        }
        return false
    }

    /// A protocol's requirements, with those of the protocols it refines.
    var allRequirements: (properties: Set<String>, methods: Set<String>) {
        var props = requiredProperties, meths = requiredMethods
        for p in protocolTypes {
            let r = p.allRequirements
            props.formUnion(r.properties)
            meths.formUnion(r.methods)
        }
        return (props, meths)
    }

    /// Binary operators found so far (`static func +`), by symbol: operators are looked up on
    /// every use of `+` with an instance, so the superclass walk is done once per symbol.
    /// A short list compared by `==` (operator symbols are small strings, compared without
    /// hashing), searched on every use.
    var binaryOperators: [(op: String, proto: FunctionProto?)] = []

    func binaryOperator(_ op: String) -> FunctionProto? {
        for e in binaryOperators where e.op == op { return e.proto }
        let p = findStatic(op).first { $0.paramCount == 2 }
        binaryOperators.append((op, p))
        return p
    }

    func findStatic(_ name: String) -> [FunctionProto] {
        var t: StructType? = self
        while let c = t {
            if let m = c.staticMethods[name] { return m }
            t = c.superType
        }
        return []
    }

    /// `self is name`: the type itself, a superclass, or a protocol it (or a superclass) adopts.
    func conforms(to name: String) -> Bool {
        var t: StructType? = self
        while let c = t {
            if c.name == name || c.conformances.contains(name) { return true }
            if c.protocolTypes.contains(where: { $0.conforms(to: name) }) { return true }
            t = c.superType
        }
        return false
    }

    func isSubtype(of other: StructType) -> Bool {
        var t: StructType? = self
        while let c = t { if c === other { return true }; t = c.superType }
        return false
    }

    /// All member names (for did-you-mean).
    var memberNames: [String] {
        var names = fieldNames.filter { !$0.hasPrefix("lazy.") } + Array(computed.keys) + Array(methods.keys)
        if let s = superType { names += s.memberNames }
        for p in protocolTypes { names += p.memberNames + Array(p.requiredProperties) + Array(p.requiredMethods) }
        return names
    }
}

/// How a value is converted when stored into a typed place (Swift's implicit conversions, plus
/// the documented Int -> Double promotion).
indirect enum Coercion {
    case identity
    case toDouble
    case checkInt
    case checkString
    case checkBool
    case optional(Coercion)
    case array(Coercion)
    case dict(Coercion, Coercion)
    case tuple([String?], [Coercion])
    /// A user enum: implicit members (`.train`) become the enum's case.
    case enumType(StructType)
    /// `Set<T>`: an array literal becomes a set.
    case set(Coercion)

    var isNone: Bool { if case .identity = self { return true }; return false }

    /// Double's static constants named as implicit members (`.infinity`, `.pi`).
    static func doubleConstant(_ name: String) -> Double? {
        switch name {
        case "pi": return .pi
        case "infinity": return .infinity
        case "nan": return .nan
        case "greatestFiniteMagnitude": return .greatestFiniteMagnitude
        case "leastNormalMagnitude": return .leastNormalMagnitude
        case "leastNonzeroMagnitude": return .leastNonzeroMagnitude
        case "ulpOfOne": return .ulpOfOne
        case "zero": return 0
        default: return nil
        }
    }

    /// Whether `apply` would return `v` unchanged (checked cheaply, for scalars).
    @inline(__always) func keeps(_ v: Value) -> Bool {
        switch (self, v) {
        case (.identity, _), (.toDouble, .double), (.checkInt, .int), (.checkString, .string), (.checkBool, .bool): return true
        default: return false
        }
    }

    static func from(_ t: TypeExpr?) -> Coercion {
        guard let t else { return .identity }
        switch t {
        case .named("Set", let g): return .set(g.first.map { from($0) } ?? .identity)
        case .named(let n, _):
            switch n {
            case "Double", "Float", "CGFloat", "Float32", "Float64": return .toDouble
            case "Int", "Int64", "Int32", "UInt8", "UInt", "Int8", "Int16": return .checkInt
            case "String": return .checkString
            case "Bool": return .checkBool
            default: return .identity
            }
        case .optional(let w): return .optional(from(w))
        case .array(let e):
            let c = from(e)
            return .array(c)
        case .dict(let k, let v): return .dict(from(k), from(v))
        case .tuple(let es): return .tuple(es.map(\.0), es.map { from($0.1) })
        case .function: return .identity
        }
    }
}

/// The values a `Coercion` returns unchanged, as a plain tag: call paths test it before
/// running the coercion (an indirect enum, switched over many cases) on every argument and
/// returned value.
enum CoercionKind: UInt8 {
    /// Every value is kept (`identity`, `[T]` and `[K: V]` of unconverted elements).
    case all
    case identity
    case int, double, string, bool
    /// A cell enum: everything but an implicit member (`.train`) is kept.
    case notSymbol
    /// An unlabelled tuple type of unconverted elements (`(Interval, Interval)`): everything but
    /// a labelled tuple is kept.
    case unlabelledTuple
    /// Nothing is known: `apply` decides.
    case none

    init(_ c: Coercion) {
        switch c {
        case .identity: self = .identity
        case .checkInt: self = .int
        case .toDouble: self = .double
        case .checkString: self = .string
        case .checkBool: self = .bool
        case .array(let e): self = e.isNone ? .all : .none
        case .dict(let k, let v): self = k.isNone && v.isNone ? .all : .none
        case .enumType: self = .notSymbol
        case .tuple(let labels, let cs):
            self = labels.allSatisfy({ $0 == nil }) && cs.allSatisfy(\.isNone) ? .unlabelledTuple : .none
        default: self = .none
        }
    }

    /// Whether the coercion returns `v` unchanged (so it need not run).
    @inline(__always) func keeps(_ v: Value) -> Bool {
        switch self {
        case .all, .identity: return true
        case .int: if case .int = v { return true }
        case .double: if case .double = v { return true }
        case .string: if case .string = v { return true }
        case .bool: if case .bool = v { return true }
        case .notSymbol: if case .symbol = v { return false }; return true
        case .unlabelledTuple: return CoercionKind.keepsAsUnlabelledTuple(v)
        case .none: return false
        }
        return false
    }

    /// Out of line: `keeps` stays small enough to inline into every call path (and the frame
    /// calls into those paths).
    @inline(never)
    static func keepsAsUnlabelledTuple(_ v: Value) -> Bool {
        if case .tuple(let t) = v { return t.labels == nil }
        return true
    }
}

extension Coercion {
    /// `apply(v)`, skipped when `k` (this coercion's kind) says `v` is kept as it is.
    @inline(__always)
    func apply(_ v: Value, keeping k: CoercionKind, _ loc: Loc) throws -> Value {
        if k.keeps(v) { return v }
        return try applyConverting(v, loc)
    }

    /// `apply` out of line: the call paths that test `CoercionKind` first stay small.
    /// A checked collection (`[Int]`, `[String: Int]`, `[Double]`...) that already has the type
    /// is kept here, before the general conversion.
    @inline(never)
    func applyConverting(_ v: Value, _ loc: Loc) throws -> Value {
        switch v {
        case .array, .dict: if keepsCheckedCollection(v) { return v }
        default: break
        }
        return try apply(v, loc)
    }

    /// Converts `v` for storage; throws a type mismatch for plain scalars of the wrong type.
    @inline(__always)
    func apply(_ v: Value, _ loc: Loc) throws -> Value {
        switch self {
        case .identity: return v
        case .checkInt: if case .int(let i) = v { return .int(i) }
        case .toDouble:
            if case .double(let d) = v { return .double(d) }
            if case .int(let i) = v { return .double(Double(i)) }
        case .checkString: if case .string = v { return v }
        default: break
        }
        return try applySlow(v, loc)
    }

    func applySlow(_ v: Value, _ loc: Loc) throws -> Value {
        switch self {
        case .identity: return v
        case .toDouble:
            switch v {
            case .double: return v
            case .int(let i): return .double(Double(i))
            case .optional(let w): return try apply(w, loc)
            // `var m: Double = .infinity` (was: the member's name stored and printed as `infinity`)
            case .symbol(let n): return Coercion.doubleConstant(n).map { .double($0) } ?? v
            case .native, .void: return v
            default: throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Double'", loc)
            }
        case .checkInt:
            switch v {
            case .int, .native, .void: return v
            case .optional(let w): return try apply(w, loc)
            default: throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Int'", loc)
            }
        case .checkString:
            switch v {
            case .string, .native, .void: return v
            case .optional(let w): return try apply(w, loc)
            default: throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'String'", loc)
            }
        case .checkBool:
            switch v {
            case .bool, .native, .void: return v
            case .optional(let w): return try apply(w, loc)
            default: throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Bool'", loc)
            }
        case .optional(let inner):
            switch v {
            case .nilValue: return v
            case .symbol("none"): return .nilValue   // `.none` where an optional is expected
            case .optional(let w): return .optional(try inner.apply(w, loc))
            default: return .optional(try inner.apply(v, loc))
            }
        case .array(let inner):
            if inner.isNone { return v }
            guard case .array(let a) = v else { return v }
            // `[Int]`, `[String]`, `[[Int]]`...: elements are only checked, never changed. Every
            // element of an array of a cell program has one type, so the first one tells:
            // passing or returning the array costs no copy and no walk over its elements.
            if a.isEmpty ? inner.onlyChecks : inner.keepsUnchanged(a[0]) { return v }
            if case .toDouble = inner {
                var needs = false
                for x in a { if case .double = x { continue }; needs = true; break }
                if !needs { return v }
            }
            // converting copies the array: checked against the memory budget when large
            if a.count >= 1 << 15, let why = MemoryBudget.growthRefusal(a.count * MemoryLayout<Value>.stride, what: "converting an array of \(a.count) elements") {
                throw RuntimeError(why, loc)
            }
            var out = [Value]()
            out.reserveCapacity(a.count)
            for x in a { out.append(try inner.apply(x, loc)) }
            return .array(out)
        case .dict(let kc, let vc):
            guard case .dict(let d) = v, !(kc.isNone && vc.isNone) else { return v }
            // `[String: Int]`: keys and values only checked (as for arrays above), no new dictionary
            if !d.isSet, d.count == 0 ? kc.onlyChecks && vc.onlyChecks : kc.keepsUnchanged(d.keys[0]) && vc.keepsUnchanged(d.values[0]) { return v }
            let n = DictBox()
            for (k, x) in zip(d.keys, d.values) { n.set(try kc.apply(k, loc), try vc.apply(x, loc)) }
            return .dict(n)
        case .enumType(let t):
            if case .symbol(let n) = v {
                guard let c = t.caseByName[n] else {
                    throw RuntimeError("type '\(t.name)' has no member '\(n)'\(DidYouMeanHint.hint(n, t.cases.map(\.name)))", loc)
                }
                if c.hasAssociatedValues {
                    throw RuntimeError("enum case '\(n)' of '\(t.name)' needs its associated values: write .\(n)(...)", loc)
                }
                return .enumCase(c)
            }
            return v
        case .set(let inner):
            switch v {
            case .array(let a): return .dict(Interpreter.makeSet(inner.isNone ? a : try a.map { try inner.apply($0, loc) }))
            case .dict(let d) where d.isSet: return v
            case .nilValue, .void, .native: return v
            case .optional(let w): return try apply(w, loc)
            default: throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Set'", loc)
            }
        case .tuple(let labels, let cs):
            guard case .tuple(let t) = v, t.count == cs.count else { return v }
            // already of the declared shape (the usual case for a returned tuple): no new box
            let declared: [String?]? = labels.allSatisfy { $0 == nil } ? nil : labels
            if t.labels == declared, (0..<cs.count).allSatisfy({ cs[$0].keeps(t[$0]) }) { return v }
            var vals = [Value]()
            for i in 0..<cs.count { vals.append(try cs[i].apply(t[i], loc)) }
            return .tuple(TupleBox.make(vals, labels: labels))
        }
    }
}

/// The observers of one stored property (compiled like methods: `self` in slot 0, the new or old
/// value in slot 1).
final class FieldObservers {
    var willSet: FunctionProto?
    var didSet: FunctionProto?
}
