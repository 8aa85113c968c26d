/// An engine type that cell classes may subclass: `class QNet: Module`, `class ImageEnv: gym.Wrapper`.
///
/// The engine defines it once (`interpreter.defineBaseClass(...)`); a cell class whose first
/// inherited type has that name then accepts `super.init(...)` and `override func`, and every
/// member the class does not define itself is asked of `member` (with `self`, so the engine can
/// look at the object's stored properties or at the state `super.init` kept).
public struct HostBaseClass {
    /// The name written after the colon (`Module`, `gym.Wrapper`).
    public var name: String
    /// Members the engine provides as properties (readable with or without `self.`).
    public var properties: [String]
    /// Members the engine provides as methods.
    public var methods: [String]
    /// `super.init(args)` (nil: `super.init()` with no arguments does nothing).
    public var initialize: ((Value, Arguments) throws -> Void)?
    /// A member the cell class does not define: `args` is nil for a property read; return nil
    /// when the engine does not have it either.
    public var member: (_ selfValue: Value, _ name: String, _ args: Arguments?) throws -> Value?
    /// What `print(object)` shows (nil: the default `main.Name`).
    public var describe: ((Value) -> String?)?

    public init(name: String, properties: [String], methods: [String],
                initialize: ((Value, Arguments) throws -> Void)? = nil,
                describe: ((Value) -> String?)? = nil,
                member: @escaping (_ selfValue: Value, _ name: String, _ args: Arguments?) throws -> Value?) {
        self.name = name
        self.properties = properties
        self.methods = methods
        self.initialize = initialize
        self.describe = describe
        self.member = member
    }
}

extension Interpreter {
    /// Lets cell classes subclass an engine type (see `HostBaseClass`).
    public func defineBaseClass(_ base: HostBaseClass) { hostBaseClasses[base.name] = base }

    /// State an engine base class keeps in a cell object (what `super.init` was given).
    public func hostState(of v: Value) -> Value {
        if case .object(let o) = v { return o.hostState }
        return .void
    }

    public func setHostState(of v: Value, _ state: Value) {
        if case .object(let o) = v { o.hostState = state }
    }

    /// The engine base of a cell class (through its superclasses).
    func hostBase(of t: StructType) -> HostBaseClass? {
        var c: StructType? = t
        while let cc = c {
            if let n = cc.hostBaseName { return hostBaseClasses[n] }
            c = cc.superType
        }
        return nil
    }

    /// A member that the engine base class of `v`'s class provides.
    func hostBaseMember(_ v: Value, _ t: StructType, _ name: String, _ args: Arguments?, _ loc: Loc) throws -> Value? {
        guard let hb = hostBase(of: t) else { return nil }
        return try host(loc) { try hb.member(v, name, args) }
    }
}

extension Interpreter {
    /// Whether the cell class `t` (or a superclass) subclasses the engine type `name`.
    public func isSubclass(_ t: StructType, ofEngineType name: String) -> Bool {
        var c: StructType? = t
        while let cc = c {
            if cc.hostBaseName == name { return true }
            c = cc.superType
        }
        return false
    }
}
