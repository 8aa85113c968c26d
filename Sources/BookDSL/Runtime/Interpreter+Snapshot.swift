import RLSupport

/// What the cell cache (BookRuntime's `CellCache`) needs from the interpreter: which globals a cell
/// reads and declares, the globals' values, the generator state, and ways to rebuild user values
/// (struct and class instances, enum cases, top-level functions, types) from their parts.
///
/// Nothing here runs cell code; a value rebuilt from a cache entry is the same kind of value the
/// cell would have made.
extension Interpreter {
    // MARK: - Per-cell globals

    /// Identity of what each global name is bound to (a slot, a type), to see what a cell declared.
    func globalStorageIdentities() -> [String: String] {
        var out: [String: String] = [:]
        out.reserveCapacity(globalBindings.count)
        for (name, b) in globalBindings {
            switch b.storage {
            case .global(let s): out[name] = "g\(s)"
            case .type(let t): out[name] = "t\(ObjectIdentifier(t).hashValue)"
            case .builtinType(let n): out[name] = "b" + n
            case .local(let s): out[name] = "l\(s)"
            }
        }
        return out
    }

    /// Fills `globalReads` / `declaredGlobals` of a cell just compiled.
    func recordGlobals(of cell: CompiledCell, before: [String: String]) {
        let after = globalStorageIdentities()
        var declared = Set<String>()
        for (name, id) in after where before[name] != id { declared.insert(name) }
        cell.declaredGlobals = declared
        cell.globalReads = compileReads.subtracting(declared)
    }

    // MARK: - Globals and the generator

    /// Sets a global that a cell (or the host) declared; false when no such global exists.
    @discardableResult
    public func setGlobal(_ name: String, _ value: Value) -> Bool {
        guard case .global(let s)? = globalBindings[name]?.storage else { return false }
        globals.slots[s] = value
        return true
    }

    /// The state of the generator behind `Int.random`, `shuffled()`... (restore it to replay the same numbers).
    public var randomState: UInt64 {
        get { rng.state }
        set { rng.state = newValue }
    }

    /// The size of a compiled cell's top-level frame (top-level functions rebuilt from a cache keep one).
    public func frameSize(of cell: CompiledCell) -> Int { cell.frameSize }

    // MARK: - Looking inside values

    /// The name of a top-level function value's global and its overload index; nil for closures,
    /// methods and host functions.
    public func topLevelFunctionReference(_ c: Callable) -> (name: String, overload: Int)? {
        guard let p = c.proto, c.boundSelf == nil, let b = globalBindings[p.name] else { return nil }
        guard let k = b.funcs.firstIndex(where: { $0.0 === p }) else { return nil }
        return (p.name, k)
    }

    /// Whether a callable is a host (engine) function.
    public func isHostFunction(_ c: Callable) -> Bool { c.host != nil }

    /// The type name of a struct value, class instance or enum case.
    public func userTypeName(of v: Value) -> String? {
        switch v {
        case .structValue(let s): return s.type.name
        case .object(let o): return o.cls.name
        case .enumCase(let e): return e.type.name
        case .type(let t): return t.userType?.name
        default: return nil
        }
    }

    // MARK: - Rebuilding values

    func userStructType(_ name: String) -> StructType? {
        if case .type(let t)? = globalBindings[name]?.storage { return t }
        return nil
    }

    /// A struct value of the cell type `type` with these stored properties (by name; others keep `.void`).
    public func makeStruct(type: String, fields: [(String, Value)]) -> Value? {
        guard let t = userStructType(type), !t.isClass else { return nil }
        var values = Array(repeating: Value.void, count: t.fieldNames.count)
        for (n, v) in fields { if let i = t.fieldIndex[n] { values[i] = v } }
        return .structValue(StructInstance.make(type: t, fields: values))
    }

    /// A class instance of the cell class `type` with every property `.void` (fill it with `setProperties`).
    public func makeObject(type: String) -> Value? {
        guard let t = userStructType(type), t.isClass else { return nil }
        return .object(ClassInstance.make(t, count: t.fieldNames.count))
    }

    /// Sets stored properties of a class instance in place (by name) and the state its engine base keeps.
    public func setProperties(of v: Value, _ fields: [(String, Value)], hostState: Value) {
        guard case .object(let o) = v else { return }
        for (n, x) in fields { if let i = o.cls.fieldIndex[n] { o[i] = x } }
        o.hostState = hostState
    }

    /// A case of the cell enum `type`: the declared case, or one carrying `payload`.
    public func makeEnumCase(type: String, name: String, payload: [Value]) -> Value? {
        guard let t = userStructType(type), let c = t.caseByName[name] else { return nil }
        if payload.isEmpty && !c.hasAssociatedValues { return .enumCase(c) }
        return .enumCase(EnumCase(of: c, payload: payload))
    }

    /// A cell type used as a value (`QNet.self`).
    public func makeTypeValue(named name: String) -> Value? {
        guard let t = userStructType(name) else { return nil }
        return .type(TypeValue(name: t.name, userType: t))
    }

    /// The value of a top-level function declared by a cell, as the cell's start would have stored it.
    public func makeTopLevelFunction(name: String, overload: Int, frameSize: Int) -> Value? {
        guard let b = globalBindings[name], overload < b.funcs.count else { return nil }
        return .function(Callable(proto: b.funcs[overload].0, env: Frame.make(count: max(frameSize, 1), parent: nil)))
    }
}

extension EnumCase {
    /// The name of the enum type this case belongs to.
    public var typeName: String { type.name }
}

// MARK: - Closures

/// A closure as the cell cache stores it: the source of the cell that wrote it, its place among the
/// closures compiled in that cell, and the slots of the frames it captured, innermost first. A warm
/// run with the same cell source makes the same closure again (`Interpreter.makeClosure`).
/// Captured frames come back as copies: two closures that shared a frame no longer share it.
public struct ClosureReference {
    public var cellSource: String
    public var ordinal: Int
    public var frames: [[Value]]

    public init(cellSource: String, ordinal: Int, frames: [[Value]]) {
        self.cellSource = cellSource
        self.ordinal = ordinal
        self.frames = frames
    }
}

extension Interpreter {
    func registerClosure(_ proto: FunctionProto) {
        let cell = Int(proto.loc.cell)
        proto.closureOrdinal = closureProtos[cell, default: []].count
        closureProtos[cell, default: []].append(proto)
    }

    /// How to make `c` again, for a closure written in a cell (nil for functions, methods and host functions).
    public func closureReference(_ c: Callable) -> ClosureReference? {
        guard let p = c.proto, c.host == nil, c.boundSelf == nil, p.closureOrdinal >= 0 else { return nil }
        let cell = Int(p.loc.cell)
        guard cell >= 0, cell < sources.count else { return nil }
        var frames: [[Value]] = []
        var f = c.env
        while let fr = f {
            guard frames.count < NestingLimit.maximum else { return nil }
            frames.append((0..<fr.count).map { fr.read($0) })
            f = fr.parent
        }
        return ClosureReference(cellSource: sources[cell].text, ordinal: p.closureOrdinal, frames: frames)
    }

    /// The closure `closureReference` described, from the latest compiled cell with that source; nil
    /// when no cell of this run has that source or the frames do not fit.
    public func makeClosure(_ ref: ClosureReference) -> Value? {
        guard let cell = sources.lastIndex(where: { $0.text == ref.cellSource }),
              let protos = closureProtos[cell], ref.ordinal >= 0, ref.ordinal < protos.count else { return nil }
        var parent: Frame?
        for slots in ref.frames.reversed() {
            let f = Frame.make(count: slots.count, parent: parent)
            guard f.count == max(slots.count, 1) else { return nil }
            for (i, v) in slots.enumerated() { f.slots[i] = v }
            parent = f
        }
        return .function(Callable(proto: protos[ref.ordinal], env: parent))
    }
}
