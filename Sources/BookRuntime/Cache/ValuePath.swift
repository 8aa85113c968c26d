import BookDSL

/// Where an object lives in the cell globals, e.g. `agent.net` or `buffers[2]`: how the cache names an
/// object that existed before a cached cell ran (an environment, a network, a class instance), so a
/// warm run finds the same object (made again by the cheap cell that made it) and restores it in place.
enum PathStep: Equatable {
    case global(String)
    case field(String)
    case index(Int)
    case dictValue(Int)
    case tupleItem(Int)
    case payload(Int)
    case unwrap
    case hostState

    func encode(_ w: inout ByteWriter) {
        switch self {
        case .global(let n): w.u8(0); w.string(n)
        case .field(let n): w.u8(1); w.string(n)
        case .index(let i): w.u8(2); w.int(i)
        case .dictValue(let i): w.u8(3); w.int(i)
        case .tupleItem(let i): w.u8(4); w.int(i)
        case .payload(let i): w.u8(5); w.int(i)
        case .unwrap: w.u8(6)
        case .hostState: w.u8(7)
        }
    }

    static func decode(_ r: inout ByteReader) throws(CacheError) -> PathStep {
        switch try r.u8() {
        case 0: return .global(try r.string())
        case 1: return .field(try r.string())
        case 2: return .index(try r.int())
        case 3: return .dictValue(try r.int())
        case 4: return .tupleItem(try r.int())
        case 5: return .payload(try r.int())
        case 6: return .unwrap
        case 7: return .hostState
        case let t: throw .corrupt("unknown path step \(t)")
        }
    }

    static func text(_ path: [PathStep]) -> String {
        var s = ""
        for p in path {
            switch p {
            case .global(let n): s += n
            case .field(let n): s += "." + n
            case .index(let i), .dictValue(let i): s += "[\(i)]"
            case .tupleItem(let i), .payload(let i): s += ".\(i)"
            case .unwrap: s += "!"
            case .hostState: s += ".super"
            }
        }
        return s
    }
}

/// The reference objects (class instances, engine objects, functions) reachable from the cell
/// globals, each with the first path that reaches it (globals in name order, depth first).
struct ObjectPaths {
    private(set) var paths: [ObjectIdentifier: [PathStep]] = [:]

    init(interpreter: Interpreter, globals: [String]) {
        for name in globals.sorted() {
            guard let v = interpreter.global(name) else { continue }
            visit(v, [.global(name)], interpreter)
        }
    }

    func path(of o: AnyObject) -> [PathStep]? { paths[ObjectIdentifier(o)] }

    private mutating func visit(_ v: Value, _ path: [PathStep], _ interp: Interpreter) {
        guard path.count <= ValueArchiveWriter.maxDepth else { return }
        switch v {
        case .array(let a):
            guard let first = a.first, !Self.isScalar(first) else { return }
            for (i, x) in a.enumerated() { visit(x, path + [.index(i)], interp) }
        case .dict(let d):
            for (i, x) in d.values.enumerated() where !Self.isScalar(x) { visit(x, path + [.dictValue(i)], interp) }
        case .tuple(let t):
            for (i, x) in t.values.enumerated() { visit(x, path + [.tupleItem(i)], interp) }
        case .optional(let x): visit(x, path + [.unwrap], interp)
        case .structValue:
            for (n, x) in interp.properties(of: v) { visit(x, path + [.field(n)], interp) }
        case .object(let o):
            guard paths[ObjectIdentifier(o)] == nil else { return }
            paths[ObjectIdentifier(o)] = path
            for (n, x) in interp.properties(of: v) { visit(x, path + [.field(n)], interp) }
            visit(interp.hostState(of: v), path + [.hostState], interp)
        case .enumCase(let e):
            for (i, x) in e.payload.enumerated() { visit(x, path + [.payload(i)], interp) }
        case .native(let n):
            if paths[ObjectIdentifier(n)] == nil { paths[ObjectIdentifier(n)] = path }
        case .function(let f):
            if paths[ObjectIdentifier(f)] == nil { paths[ObjectIdentifier(f)] = path }
        default: return
        }
    }

    static func isScalar(_ v: Value) -> Bool {
        switch v {
        case .int, .double, .bool, .string, .nilValue, .void, .symbol: return true
        default: return false
        }
    }

    /// The value at `path` in the current globals, or nil when the path leads nowhere.
    static func resolve(_ path: [PathStep], _ interp: Interpreter) -> Value? {
        guard case .global(let name)? = path.first, var v = interp.global(name) else { return nil }
        for step in path.dropFirst() {
            switch (step, v) {
            case (.field(let n), .structValue), (.field(let n), .object):
                guard let x = interp.properties(of: v).first(where: { $0.name == n })?.value else { return nil }
                v = x
            case (.index(let i), .array(let a)): guard i >= 0 && i < a.count else { return nil }; v = a[i]
            case (.dictValue(let i), .dict(let d)): guard i >= 0 && i < d.values.count else { return nil }; v = d.values[i]
            case (.tupleItem(let i), .tuple(let t)): guard i >= 0 && i < t.values.count else { return nil }; v = t.values[i]
            case (.payload(let i), .enumCase(let e)): guard i >= 0 && i < e.payload.count else { return nil }; v = e.payload[i]
            case (.unwrap, .optional(let x)): v = x
            case (.hostState, .object): v = interp.hostState(of: v)
            default: return nil
            }
        }
        return v
    }
}
