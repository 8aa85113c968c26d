/// Property observers: `willSet` runs before a stored property changes, `didSet` after, for
/// every write outside the type's own initializers (assignment, `+=`, in-place mutation).
extension Interpreter {
    /// Runs `body` on field `k` of the instance in `v` and calls its observers around the store.
    func modifyObserved(_ v: inout Value, _ type: StructType, _ k: Int, _ obs: FieldObservers, _ loc: Loc,
                        _ body: (inout Value) throws -> Void) throws {
        let old: Value
        switch v {
        case .object(let o): old = o[k]
        case .structValue(let s): old = s[k]
        default: throw RuntimeError("'self' is not available here", loc)
        }
        var new = old
        try body(&new)
        new = try type.fieldCoercions[k].apply(new, loc)
        // an observer setting its own property stores without observing again (as in Swift)
        if observing.contains(where: { $0.0 === type && $0.1 == k }) {
            let n = new
            try Interpreter.modifyField(&v, k, loc) { $0 = n }
            return
        }
        observing.append((type, k))
        defer { observing.removeLast() }
        let isStruct = v.isStruct
        if let w = obs.willSet {
            let (_, frame) = try invoke(w, env: nil, selfValue: v, [new], [nil], loc)
            if isStruct { v = frame.read(0) }
        }
        let n = new
        try Interpreter.modifyField(&v, k, loc) { $0 = n }
        if let d = obs.didSet {
            let (_, frame) = try invoke(d, env: nil, selfValue: v, [old], [nil], loc)
            if isStruct { v = frame.read(0) }
        }
    }
}
