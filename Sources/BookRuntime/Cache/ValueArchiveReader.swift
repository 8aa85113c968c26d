import BookDSL
import RLNN
import RLTensor

/// Reads what `ValueArchiveWriter` wrote. Objects that existed before the cell are looked up by their
/// path in the current globals; their new state is applied only by `commit()`, after the whole entry
/// has been read, so an entry that does not fit this run changes nothing (the cell then runs).
struct ValueArchiveReader {
    let interp: Interpreter
    /// Frame size of the cell that declared each top-level function (by the function's name).
    let frameSizes: [String: Int]
    var r: ByteReader
    private var objects: [Value] = []
    private var commits: [() throws -> Void] = []
    private var depth = 0

    init(interpreter: Interpreter, bytes: [UInt8], frameSizes: [String: Int]) {
        interp = interpreter
        r = ByteReader(bytes)
        self.frameSizes = frameSizes
    }

    typealias Tag = ValueTag

    mutating func binding() throws(CacheError) -> (String, Value) {
        let name = try r.string()
        return (name, try value())
    }

    /// Applies the state read into objects that already existed.
    func commit() throws(CacheError) {
        for c in commits {
            do { try c() } catch { throw .stale("restoring an object's state failed: \(error)") }
        }
    }

    mutating func value() throws(CacheError) -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ValueArchiveWriter.maxDepth + 1 else { throw .corrupt("values nested deeper than \(ValueArchiveWriter.maxDepth) levels") }
        let raw = try r.u8()
        guard let tag = Tag(rawValue: raw) else { throw .corrupt("unknown value tag \(raw) at byte \(r.offset - 1)") }
        switch tag {
        case .void: return .void
        case .int: return .int(try r.int())
        case .double: return .double(try r.double())
        case .bool: return .bool(try r.bool())
        case .string: return .string(try r.string())
        case .symbol: return .symbol(try r.string())
        case .nilValue: return .nilValue
        case .optional: return .optional(try value())
        case .array:
            let n = try r.count()
            var a: [Value] = []
            a.reserveCapacity(n)
            for _ in 0..<n { a.append(try value()) }
            return .array(a)
        case .dict, .set:
            let n = try r.count()
            let d = DictBox()
            d.isSet = tag == .set
            for _ in 0..<n {
                let k = try value()
                d.set(k, tag == .set ? .bool(true) : try value())
            }
            return .dict(d)
        case .tuple:
            let n = try r.count()
            let labelled = try r.bool()
            var vals: [Value] = []
            var labels: [String?] = []
            for _ in 0..<n {
                if labelled { labels.append(try r.optionalString()) }
                vals.append(try value())
            }
            return .tuple(TupleBox.make(vals, labels: labelled ? labels : nil))
        case .range:
            let closed = try r.bool()
            let lower = try r.bool() ? try value() : nil
            let upper = try r.bool() ? try value() : nil
            return .range(RangeBox(lower: lower, upper: upper, closed: closed))
        case .structValue:
            let type = try r.string()
            let f = try fields()
            guard let v = interp.makeStruct(type: type, fields: f) else { throw .stale("no struct type '\(type)' in this run") }
            return v
        case .enumCase:
            let type = try r.string()
            let name = try r.string()
            let n = try r.count()
            var payload: [Value] = []
            for _ in 0..<n { payload.append(try value()) }
            guard let v = interp.makeEnumCase(type: type, name: name, payload: payload) else { throw .stale("no enum case \(type).\(name) in this run") }
            return v
        case .typeValue:
            let name = try r.string()
            guard let v = interp.makeTypeValue(named: name) else { throw .stale("no type '\(name)' in this run") }
            return v
        case .newObject, .existingObject:
            let id = try r.int()
            guard id == objects.count else { throw .corrupt("object \(id) out of order") }
            let obj: Value
            if tag == .newObject {
                let type = try r.string()
                guard let o = interp.makeObject(type: type) else { throw .stale("no class '\(type)' in this run") }
                obj = o
            } else {
                obj = try existing(expecting: "a class instance") { if case .object = $0 { return true }; return false }
            }
            objects.append(obj)
            let host = try value()
            let f = try fields()
            if tag == .newObject {
                interp.setProperties(of: obj, f, hostState: host)
            } else {
                let i = interp
                commits.append { i.setProperties(of: obj, f, hostState: host) }
            }
            return obj
        case .backref:
            let id = try r.int()
            guard id >= 0 && id < objects.count else { throw .corrupt("reference to object \(id) of \(objects.count)") }
            return objects[id]
        case .topLevelFunction:
            let name = try r.string()
            let overload = try r.int()
            guard let v = interp.makeTopLevelFunction(name: name, overload: overload, frameSize: frameSizes[name] ?? 64) else {
                throw .stale("no function '\(name)' in this run")
            }
            objects.append(v)
            return v
        case .closure:
            let source = try r.string()
            let ordinal = try r.int()
            let slot = placeholder()
            var frames: [[Value]] = []
            for _ in 0..<(try r.count()) {
                var slots: [Value] = []
                for _ in 0..<(try r.count()) { slots.append(try value()) }
                frames.append(slots)
            }
            guard let v = interp.makeClosure(ClosureReference(cellSource: source, ordinal: ordinal, frames: frames)) else {
                throw .stale("the cell that wrote a stored closure is not in this run (or changed)")
            }
            objects[slot] = v
            return v
        case .constructed:
            let slot = placeholder()
            let callee: EngineConstruction.Callee
            switch try r.u8() {
            case 0: callee = .global(try r.string(), member: try r.optionalString())
            case 1:
                let receiver = try value()
                callee = .method(receiver, try r.string())
            case let k: throw .corrupt("unknown constructor kind \(k)")
            }
            var args: [Value] = [], labels: [String?] = []
            for _ in 0..<(try r.count()) {
                labels.append(try r.optionalString())
                args.append(try value())
            }
            let state = try r.blob()
            let made: Value
            do { made = try Self.quietly(interp) { try EngineConstruction(callee, args: args, labels: labels).make(interp) } } catch let e as CacheError { throw e } catch {
                throw .stale("making a stored engine object again failed: \(error)")
            }
            guard case .native(let n) = made, let c = n as? CacheConstructible else { throw .stale("a stored engine object's constructor made something else") }
            objects[slot] = made
            let i = interp
            commits.append { try Self.quietly(i) { try c.restoreCacheState(state) } }
            return made
        case .moduleParameter:
            let slot = placeholder()
            let owner = try value()
            let name = try r.string()
            guard case .native(let n) = owner, let m = n as? ModuleObject,
                  let t = m.module.namedParameters().first(where: { $0.0 == name })?.1 else {
                throw .stale("a stored network has no parameter '\(name)' in this run")
            }
            let v = TensorObject.value(t)
            objects[slot] = v
            return v
        case .valueObject:
            let kind = try r.string()
            guard let o = CacheValueObjects.make(kind, try r.double()) else { throw .stale("no engine value of kind '\(kind)' in this rlbook") }
            objects.append(.native(o))
            return .native(o)
        case .existingState:
            let v = try existing(expecting: "an engine object") { if case .native(let n) = $0 { return n is CacheConstructible }; return false }
            objects.append(v)
            let type = try r.string()
            let state = try r.blob()
            guard case .native(let n) = v, let c = n as? CacheConstructible, n.typeName == type else {
                throw .stale("a stored \(type) is another kind of object in this run")
            }
            let i = interp
            commits.append { try Self.quietly(i) { try c.restoreCacheState(state) } }
            return v
        case .existingReference:
            let v = try existing(expecting: "an object") { _ in true }
            objects.append(v)
            return v
        case .tensor:
            let t = try tensor()
            let v = TensorObject.value(t)
            objects.append(v)
            return v
        case .existingTensor:
            let v = try existing(expecting: "a Tensor") { $0.tensor != nil }
            objects.append(v)
            let t = try tensor()
            guard let dst = v.tensor, dst.shape == t.shape, dst.dtype == t.dtype else { throw .stale("a tensor changed shape or dtype") }
            commits.append { try dst.copy_(t) }
            return v
        }
    }

    /// Reserves the next object id (written before the object's parts) and returns its index.
    private mutating func placeholder() -> Int {
        objects.append(.void)
        return objects.count - 1
    }

    /// Runs `body` with the cells' printed text discarded (constructors print what SB3 prints).
    static func quietly<T>(_ interp: Interpreter, _ body: () throws -> T) throws -> T {
        let saved = interp.output
        interp.output = { _ in }
        defer { interp.output = saved }
        return try body()
    }

    private mutating func fields() throws(CacheError) -> [(String, Value)] {
        let n = try r.count()
        var out: [(String, Value)] = []
        for _ in 0..<n {
            let name = try r.string()
            out.append((name, try value()))
        }
        return out
    }

    private mutating func existing(expecting what: String, _ ok: (Value) -> Bool) throws(CacheError) -> Value {
        let n = try r.count()
        var p: [PathStep] = []
        for _ in 0..<n { p.append(try PathStep.decode(&r)) }
        guard let v = ObjectPaths.resolve(p, interp) else { throw .stale("\(PathStep.text(p)) does not exist before this cell in this run") }
        guard ok(v) else { throw .stale("\(PathStep.text(p)) is not \(what) in this run") }
        return v
    }

    private mutating func tensor() throws(CacheError) -> Tensor {
        let grad = try r.bool()
        let items = try tensors()
        guard let t = items.first?.1 else { throw .corrupt("empty tensor record") }
        return grad ? t.requiresGrad_(true) : t
    }

    private mutating func tensors() throws(CacheError) -> [(String, Tensor)] {
        let bytes = try r.blob()
        do { return try Safetensors.decode(bytes).tensors } catch { throw .corrupt("tensor data: \(error)") }
    }
}
