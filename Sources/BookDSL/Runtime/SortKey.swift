/// A comparator closure of the shape `{ K($0) op K($1) }`: the same chain of stored properties
/// and tuple elements (`$0.price`, `$0.stats.score`, `$0.1`, or the element itself) on both
/// sides of `<`, `<=`, `>` or `>=`. `sorted(by:)` and `sort(by:)` given such a closure read
/// each element's key once (n reads) and sort by the keys natively instead of calling the
/// closure `n log n` times.
///
/// The order is exactly the comparator's: the keys are sorted by the same standard-library
/// sort with the same comparison of the same keys, so every comparison gives what the closure
/// would have returned and the sort makes the same moves (ties and stability included). Where a
/// key is not a plain Int, Double or String (an optional, a computed property, a mix of kinds,
/// a NaN), the closure is called as before.
struct SortKey {
    enum Step: Equatable {
        case member(String)
        case element(Int)
    }
    enum Op {
        case lt, le, gt, ge
        init?(_ symbol: String) {
            switch symbol {
            case "<": self = .lt
            case "<=": self = .le
            case ">": self = .gt
            case ">=": self = .ge
            default: return nil
            }
        }
        @inline(__always) func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch self {
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            case .ge: return a >= b
            }
        }
    }

    let steps: [Step]
    let op: Op

    /// The key shape of closure `c`, or nil. Its two parameters must be untyped (`$0`/`$1`, or
    /// `a, b in`): typed parameters convert their arguments, which the key path does not.
    static func match(_ c: ClosureExpr) -> SortKey? {
        guard c.body.count == 1, c.returnType == nil else { return nil }
        let e: Expr
        switch c.body[0] {
        case .expr(let x): e = x
        case .returnStmt(let x?, _): e = x
        default: return nil
        }
        guard case .binary(let symbol, let l, let r, _) = e, let op = Op(symbol) else { return nil }
        guard let (root0, s0) = chain(l), let (root1, s1) = chain(r), s0 == s1 else { return nil }
        if c.hasExplicitParams {
            guard c.params.count == 2, c.params.allSatisfy({ $0.type == nil }), c.params[0].name != c.params[1].name,
                  case .name(let a, _) = root0, case .name(let b, _) = root1,
                  a == c.params[0].name, b == c.params[1].name else { return nil }
        } else {
            guard c.anonCount == 2, case .dollar(0, _) = root0, case .dollar(1, _) = root1 else { return nil }
        }
        return SortKey(steps: s0, op: op)
    }

    /// `root.a.b.0` as its root and steps (outermost last); nil for anything else.
    private static func chain(_ e: Expr) -> (Expr, [Step])? {
        switch e {
        case .dollar, .name: return (e, [])
        case .member(let b, let n, _):
            guard let (root, s) = chain(b) else { return nil }
            return (root, s + [.member(n)])
        case .tupleIndex(let b, let i, _):
            guard let (root, s) = chain(b) else { return nil }
            return (root, s + [.element(i)])
        default: return nil
        }
    }

    /// The key of `v`: stored properties and tuple elements only (reading them runs no code);
    /// nil where the closure's own reading could do more (a computed property, an engine object).
    /// `types`/`fields` remember, per step, the last type seen and its field's index.
    @inline(__always)
    func key(_ v: Value, _ types: inout [ObjectIdentifier?], _ fields: inout [Int]) -> Value? {
        var v = v
        for (j, s) in steps.enumerated() {
            switch (s, v) {
            case (.member(let n), .structValue(let x)):
                guard let k = field(x.type, n, j, &types, &fields) else { return nil }
                v = x[k]
            case (.member(let n), .object(let x)):
                guard let k = field(x.cls, n, j, &types, &fields) else { return nil }
                v = x[k]
            case (.member(let n), .tuple(let t)):
                guard let k = t.index(of: n) else { return nil }
                v = t[k]
            case (.element(let i), .tuple(let t)):
                guard i < t.count else { return nil }
                v = t[i]
            default: return nil
            }
        }
        return v
    }

    @inline(__always)
    private func field(_ t: StructType, _ n: String, _ j: Int, _ types: inout [ObjectIdentifier?], _ fields: inout [Int]) -> Int? {
        let id = ObjectIdentifier(t)
        if types[j] == id { return fields[j] }
        guard let k = t.fieldIndex[n] else { return nil }
        types[j] = id
        fields[j] = k
        return k
    }

    /// `a` sorted as the comparator sorts it; nil when a key is not a plain Int, Double (not NaN)
    /// or String, or the keys are of mixed kinds.
    func sorted(_ a: [Value]) -> [Value]? {
        var types = [ObjectIdentifier?](repeating: nil, count: steps.count), fields = [Int](repeating: 0, count: steps.count)
        func key(_ v: Value) -> Value? { self.key(v, &types, &fields) }
        guard a.count > 1, let first = key(a[0]) else { return nil }
        switch first {
        case .int:
            var keys = [Int]()
            keys.reserveCapacity(a.count)
            for x in a { guard case .int(let k)? = key(x) else { return nil }; keys.append(k) }
            return permuted(a, keys)
        case .double:
            var keys = [Double]()
            keys.reserveCapacity(a.count)
            for x in a { guard case .double(let k)? = key(x), !k.isNaN else { return nil }; keys.append(k) }
            return permuted(a, keys)
        case .string:
            var keys = [String]()
            keys.reserveCapacity(a.count)
            for x in a { guard case .string(let k)? = key(x) else { return nil }; keys.append(k) }
            return permuted(a, keys)
        default: return nil
        }
    }

    /// `a` in the order the standard sort gives its positions when compared by `keys`.
    private func permuted<K: Comparable>(_ a: [Value], _ keys: [K]) -> [Value] {
        let op = self.op
        let order = keys.withUnsafeBufferPointer { k in (0..<a.count).sorted { op.holds(k[$0], k[$1]) } }
        return a.withUnsafeBufferPointer { e in order.map { e[$0] } }
    }
}

extension Interpreter {
    /// `a.sorted(by: f)` by keys when `f` is a key comparator (see `SortKey`); nil otherwise.
    @inline(__always)
    func sortedByKey(_ a: [Value], _ f: Value) -> [Value]? {
        guard a.count > 1, case .function(let fn) = f, fn.boundSelf == nil, let k = fn.proto?.sortKey else { return nil }
        return k.sorted(a)
    }
}
