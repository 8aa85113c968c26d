import BookDSL
import RLNN
import RLSupport
import RLTensor

/// Writes cell values into bytes for the cache, keeping shared references and cycles.
///
/// Value kinds: numbers, strings, arrays, dictionaries, sets, tuples, optionals, ranges, structs,
/// enum cases, class instances (each written once; later references point back to it), tensors
/// (dtype, shape, data, `requiresGrad`), top-level functions (by name: their code is the cell's),
/// closures (their cell's source, ordinal and captured values), engine objects the cell made by a
/// call the cache can repeat (agents, callbacks: `EngineConstruction` plus their state), and small
/// engine values (`Date`, `Instant`, `Duration`).
///
/// Reference objects that existed before the cell ran (found in `before`) are written as their path
/// (`agent.net`) plus their state: class instances their properties, networks their weights, optimizers
/// their moments and step counts, agents their training state, callbacks their history, tensors their data; a warm run restores
/// that state into the object its own cheap cells made again. Environments and other engine objects
/// are written as paths only. Anything else (an environment or network made inside the cached cell, a
/// bound method) is unstorable: `encode` throws `CacheError.unstorable` naming the binding and the reason.
struct ValueArchiveWriter {
    let interp: Interpreter
    let before: ObjectPaths
    var w = ByteWriter()
    private var ids: [ObjectIdentifier: Int] = [:]
    /// Objects the archive holds, so identifiers stay unique while writing.
    private var kept: [AnyObject] = []
    /// The binding being written, for messages.
    private var binding = ""
    private var depth = 0
    /// Deeper values (a long linked list) are not stored: the writer recurses, on the runner's stack.
    static let maxDepth = 1_000

    /// The parameters of the networks reachable from the bindings being written, by tensor identity:
    /// a tensor that is one is written as "parameter NAME of that network", so an optimizer made from
    /// `net.parameters()` gets the restored network's own tensors back.
    private var parameterOwners: [ObjectIdentifier: (Value, String)] = [:]

    init(interpreter: Interpreter, before: ObjectPaths) {
        self.interp = interpreter
        self.before = before
        w.budgeted = true
    }

    /// Finds the networks in `values` (through arrays, dictionaries, tuples, optionals, instances' properties).
    mutating func noteNetworks(in values: [Value]) {
        var visited = Set<ObjectIdentifier>()
        func visit(_ v: Value, _ depth: Int) {
            guard depth < 32 else { return }
            switch v {
            case .array(let a): for x in a { visit(x, depth + 1) }
            case .dict(let d): for x in d.values { visit(x, depth + 1) }
            case .tuple(let t): for x in t.values { visit(x, depth + 1) }
            case .optional(let x): visit(x, depth + 1)
            case .object(let o):
                guard visited.insert(ObjectIdentifier(o)).inserted else { return }
                for (_, x) in interp.properties(of: v) { visit(x, depth + 1) }
            case .native(let m as ModuleObject):
                for (name, t) in m.module.namedParameters() where parameterOwners[ObjectIdentifier(t)] == nil {
                    parameterOwners[ObjectIdentifier(t)] = (v, name)
                }
            default: return
            }
        }
        for v in values { visit(v, 0) }
    }

    /// Writes one named binding.
    mutating func binding(_ name: String, _ v: Value) throws(CacheError) {
        binding = name
        w.string(name)
        try value(v, path: name)
    }

    private mutating func seen(_ o: AnyObject) -> Bool {
        if let id = ids[ObjectIdentifier(o)] {
            w.u8(Tag.backref.rawValue)
            w.int(id)
            return true
        }
        return false
    }

    private mutating func newID(_ o: AnyObject) -> Int {
        let id = ids.count
        ids[ObjectIdentifier(o)] = id
        kept.append(o)
        return id
    }

    mutating func value(_ v: Value, path: String) throws(CacheError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw .unstorable(binding: binding, reason: "it nests values more than \(Self.maxDepth) levels deep (a long linked list?)")
        }
        switch v {
        case .void: w.u8(Tag.void.rawValue)
        case .int(let i): w.u8(Tag.int.rawValue); w.int(i)
        case .double(let d): w.u8(Tag.double.rawValue); w.double(d)
        case .bool(let b): w.u8(Tag.bool.rawValue); w.bool(b)
        case .string(let s): w.u8(Tag.string.rawValue); w.string(s)
        case .symbol(let s): w.u8(Tag.symbol.rawValue); w.string(s)
        case .nilValue: w.u8(Tag.nilValue.rawValue)
        case .optional(let x): w.u8(Tag.optional.rawValue); try value(x, path: path + "!")
        case .array(let a):
            w.u8(Tag.array.rawValue)
            w.int(a.count)
            for (i, x) in a.enumerated() { try value(x, path: "\(path)[\(i)]") }
        case .dict(let d):
            w.u8(d.isSet ? Tag.set.rawValue : Tag.dict.rawValue)
            w.int(d.count)
            for (i, k) in d.keys.enumerated() {
                try value(k, path: "\(path) key")
                if !d.isSet { try value(d.values[i], path: "\(path)[\(k)]") }
            }
        case .tuple(let t):
            w.u8(Tag.tuple.rawValue)
            w.int(t.values.count)
            w.bool(t.labels != nil)
            for (i, x) in t.values.enumerated() {
                if let labels = t.labels { w.optionalString(labels[i]) }
                try value(x, path: "\(path).\(i)")
            }
        case .range(let r):
            w.u8(Tag.range.rawValue)
            w.bool(r.closed)
            w.bool(r.lower != nil)
            if let l = r.lower { try value(l, path: path) }
            w.bool(r.upper != nil)
            if let u = r.upper { try value(u, path: path) }
        case .structValue:
            w.u8(Tag.structValue.rawValue)
            w.string(interp.userTypeName(of: v) ?? "")
            try fields(v, path: path)
        case .enumCase(let e):
            w.u8(Tag.enumCase.rawValue)
            w.string(e.typeName)
            w.string(e.name)
            w.int(e.payload.count)
            for (i, x) in e.payload.enumerated() { try value(x, path: "\(path).\(i)") }
        case .type:
            guard let name = interp.userTypeName(of: v) else {
                throw .unstorable(binding: binding, reason: "\(path) is a built-in type value")
            }
            w.u8(Tag.typeValue.rawValue)
            w.string(name)
        case .object(let o):
            if seen(o) { return }
            let id = newID(o)
            if let p = before.path(of: o) {
                w.u8(Tag.existingObject.rawValue)
                w.int(id)
                writePath(p)
            } else {
                w.u8(Tag.newObject.rawValue)
                w.int(id)
                w.string(o.cls.name)
            }
            try value(interp.hostState(of: v), path: path + ".super")
            try fields(v, path: path)
        case .function(let f):
            if seen(f) { return }
            if let p = before.path(of: f) {
                _ = newID(f)
                w.u8(Tag.existingReference.rawValue)
                writePath(p)
            } else if let ref = interp.topLevelFunctionReference(f) {
                _ = newID(f)
                w.u8(Tag.topLevelFunction.rawValue)
                w.string(ref.name)
                w.int(ref.overload)
            } else if let ref = interp.closureReference(f) {
                _ = newID(f)
                w.u8(Tag.closure.rawValue)
                w.string(ref.cellSource)
                w.int(ref.ordinal)
                w.int(ref.frames.count)
                for (i, slots) in ref.frames.enumerated() {
                    w.int(slots.count)
                    for (j, x) in slots.enumerated() { try value(x, path: "\(path) (captured value \(i).\(j))") }
                }
            } else {
                throw .unstorable(binding: binding, reason: "\(path) is a method bound to an instance or an engine function (these cannot be stored; use a closure or a `func`)")
            }
        case .native(let n):
            if seen(n) { return }
            _ = newID(n)
            try native(n, path: path)
        }
    }

    private mutating func fields(_ v: Value, path: String) throws(CacheError) {
        let props = interp.properties(of: v)
        w.int(props.count)
        for (n, x) in props {
            w.string(n)
            try value(x, path: path + "." + n)
        }
    }

    private mutating func writePath(_ p: [PathStep]) {
        w.int(p.count)
        for s in p { s.encode(&w) }
    }

    private mutating func native(_ n: NativeObject, path: String) throws(CacheError) {
        let existing = before.path(of: n)
        switch n {
        case let t as TensorObject where existing == nil && parameterOwners[ObjectIdentifier(t.tensor)] != nil:
            // A parameter of a network the archive holds (`Adam(net.parameters())`): that network's tensor, by name.
            let (owner, name) = parameterOwners[ObjectIdentifier(t.tensor)]!
            w.u8(Tag.moduleParameter.rawValue)
            try value(owner, path: path + " (its network)")
            w.string(name)
        case let t as TensorObject:
            if let existing {
                w.u8(Tag.existingTensor.rawValue)
                writePath(existing)
            } else {
                w.u8(Tag.tensor.rawValue)
            }
            try tensor(t.tensor, path: path)
        case let v as CacheValueObject:
            w.u8(Tag.valueObject.rawValue)
            w.string(v.cacheKind)
            w.double(v.cacheNumber)
        case let c as CacheConstructible:
            if let existing {
                // An engine object an earlier cell made (a network, an optimizer, an agent, a callback):
                // its state, put back in place into the object that cell makes again.
                w.u8(Tag.existingState.rawValue)
                writePath(existing)
                w.string(n.typeName)
                w.blob(try state(of: c, path: path))
            } else {
                guard let made = c.construction else { throw madeHere(n, path) }
                try constructed(c, made, path: path)
            }
        default:
            guard let existing else { throw madeHere(n, path) }
            w.u8(Tag.existingReference.rawValue)
            writePath(existing)
        }
    }

    /// An engine object this cell made: the call that made it (its arguments written as values), then its state.
    private mutating func constructed(_ c: CacheConstructible, _ made: EngineConstruction, path: String) throws(CacheError) {
        w.u8(Tag.constructed.rawValue)
        switch made.callee {
        case .global(let name, let member):
            w.u8(0)
            w.string(name)
            w.optionalString(member)
        case .method(let receiver, let name):
            w.u8(1)
            try value(receiver, path: path + " (the object it came from)")
            w.string(name)
        }
        w.int(made.args.count)
        for (i, x) in made.args.enumerated() {
            w.optionalString(made.labels.indices.contains(i) ? made.labels[i] : nil)
            try value(x, path: path + " (argument \(made.labels.indices.contains(i) ? made.labels[i] ?? "\(i)" : "\(i)"))")
        }
        w.blob(try state(of: c, path: path))
    }

    private func state(of c: CacheConstructible, path: String) throws(CacheError) -> [UInt8] {
        do { return try c.cacheState() } catch {
            throw .unstorable(binding: binding, reason: "\(path): its state cannot be written (\(error))")
        }
    }

    private func madeHere(_ n: NativeObject, _ path: String) -> CacheError {
        .unstorable(binding: binding, reason: "\(path) is \(Self.article(n.typeName)) \(n.typeName) made in this cell; the cache keeps such engine objects "
                    + "only when an earlier, uncached cell makes them (it runs again and the cache restores their state); move its construction there")
    }

    static func article(_ word: String) -> String {
        guard let f = word.first else { return "a" }
        return "AEIOU".contains(f) && !word.hasPrefix("U") ? "an" : "a"
    }

    private mutating func tensor(_ t: Tensor, path: String) throws(CacheError) {
        w.bool(t.requiresGrad)
        // the encoded copy, then the archive's: refused (the cell is not cached) when they would not fit
        let size = t.count * t.dtype.size
        if let why = MemoryBudget.growthRefusal(2 * size, what: "a copy of \(path) (\(MemoryBudget.describe(size))) for the cache") {
            throw .unstorable(binding: binding, reason: why)
        }
        do { w.blob(try Safetensors.encode([("t", t.detach())])) } catch {
            throw .unstorable(binding: binding, reason: "\(path): the tensor cannot be written (\(error))")
        }
    }

}

/// One byte before each value in an archive.
enum ValueTag: UInt8 {
    case void = 0, int, double, bool, string, symbol, nilValue, optional, array, dict, set, tuple, range
    case structValue, enumCase, typeValue, newObject, existingObject, backref, topLevelFunction
    case tensor, existingTensor, existingState, existingReference
    case closure, constructed, valueObject, moduleParameter
}

extension ValueArchiveWriter { typealias Tag = ValueTag }
