/// Keys and values of a dictionary in insertion order. Up to `linearLimit` keys are found by
/// comparing them in order (no hash index: a small dictionary, `["x": 1, "y": 2]`, is built and
/// read without hashing its keys or allocating an index). Past that, while every key is an Int (or
/// every key a String) the index is keyed by the Swift value itself, which hashes and compares
/// without going through `Value`; a key of another kind moves it to a `[Value: Int]`.
public final class DictBox {
    public private(set) var keys: [Value]
    public var values: [Value]
    /// Which index holds the positions of the keys (`none`: the keys are compared in order).
    enum IndexKind: UInt8 { case none, ints, strings, general }
    private(set) var indexKind = IndexKind.none
    private var intIndex: [Int: Int] = [:]
    private var stringIndex: [String: Int] = [:]
    private var index: [Value: Int] = [:]
    /// A `Set`: the keys are the elements (values are unused).
    public var isSet = false
    /// The most keys kept without a hash index: comparing up to this many keys in order costs
    /// less than hashing one (a String's hash is ~200 instructions, a comparison of two short
    /// strings ~20), and a small dictionary then allocates no index.
    static let linearLimit = 8

    public init(keys: [Value] = [], values: [Value] = []) {
        self.keys = []
        self.values = []
        for (k, v) in zip(keys, values) { set(k, v) }
    }

    /// An empty dictionary that will hold `capacity` keys (a literal's): the arrays (and the
    /// index, if one is needed) are made that size at once, not grown key by key.
    init(capacity: Int) {
        keys = []
        values = []
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        reservedCapacity = capacity
    }

    /// The size to give the index when it is made (`init(capacity:)`).
    private var reservedCapacity = 0

    init(copying o: DictBox) {
        keys = o.keys
        values = o.values
        indexKind = o.indexKind
        intIndex = o.intIndex
        stringIndex = o.stringIndex
        index = o.index
        isSet = o.isSet
    }

    public var count: Int { keys.count }

    /// The position of key `k`, nil when absent.
    @inline(__always) func position(of k: Value) -> Int? {
        switch indexKind {
        case .none: return linearPosition(of: k)
        case .ints: if case .int(let i) = k { return intIndex[i] }
        case .strings: if case .string(let s) = k { return stringIndex[s] }
        case .general: return index[k]
        }
        // a key of another kind may still equal a stored one (`2.0` and `2`, `Optional(2)`)
        generalize()
        return index[k]
    }

    /// The position of `k` among at most `linearLimit` keys, compared in order: Ints and Strings
    /// directly, other kinds (and mixed ones: `2.0` and `2`) by `==`, as the index would.
    @inline(__always) private func linearPosition(of k: Value) -> Int? {
        keys.withUnsafeBufferPointer { ks in
            switch k {
            case .int(let x):
                for i in 0..<ks.count {
                    if case .int(let y) = ks[i] { if x == y { return i } } else if valuesEqual(ks[i], k) { return i }
                }
            case .string(let x):
                for i in 0..<ks.count {
                    if case .string(let y) = ks[i] { if x == y { return i } } else if valuesEqual(ks[i], k) { return i }
                }
            default:
                for i in 0..<ks.count where valuesEqual(ks[i], k) { return i }
            }
            return nil
        }
    }

    /// Records that key `k` (absent) is at position `i`.
    @inline(__always) private func insertPosition(_ k: Value, _ i: Int) {
        switch indexKind {
        case .none: if i >= DictBox.linearLimit { makeIndex(adding: k, i) }; return
        case .ints: if case .int(let x) = k { intIndex[x] = i; return }
        case .strings: if case .string(let x) = k { stringIndex[x] = i; return }
        case .general: index[k] = i; return
        }
        generalize()
        index[k] = i
    }

    /// Makes the hash index when a key is added past `linearLimit` (`k`, the new one, at position `i`).
    @inline(never) private func makeIndex(adding k: Value, _ i: Int) {
        buildIndex(extra: k, at: i)
    }

    /// Makes the hash index of the keys (and of `extra` at position `at`, when given): keyed by
    /// Int or String when all keys are of that kind, by `Value` otherwise.
    private func buildIndex(extra: Value? = nil, at: Int = 0) {
        let n = max(reservedCapacity, keys.count + 1)
        reservedCapacity = 0
        if keys.allSatisfy(\.isInt) && extra?.isInt ?? true {
            var ix = [Int: Int](minimumCapacity: n)
            for (j, key) in keys.enumerated() { if case .int(let x) = key { ix[x] = j } }
            if case .int(let x)? = extra { ix[x] = at }
            intIndex = ix
            indexKind = .ints
        } else if keys.allSatisfy(\.isString) && extra?.isString ?? true {
            var ix = [String: Int](minimumCapacity: n)
            for (j, key) in keys.enumerated() { if case .string(let x) = key { ix[x] = j } }
            if case .string(let x)? = extra { ix[x] = at }
            stringIndex = ix
            indexKind = .strings
        } else {
            var ix = [Value: Int](minimumCapacity: n)
            for (j, key) in keys.enumerated() { ix[key] = j }
            if let extra { ix[extra] = at }
            index = ix
            indexKind = .general
        }
    }

    /// A dictionary of `keys` (no two equal: a literal's constant keys, checked when compiling)
    /// and their `values`, without looking any key up.
    init(distinctKeys keys: [Value], values: [Value]) {
        self.keys = keys
        self.values = values
        if keys.count > DictBox.linearLimit { buildIndex() }
    }

    /// Moves the positions to the `[Value: Int]` index (once a key of another kind is used).
    private func generalize() {
        guard indexKind != .general && indexKind != .none else { return }
        var ix = [Value: Int](minimumCapacity: keys.count)
        for (i, k) in keys.enumerated() { ix[k] = i }
        index = ix
        intIndex = [:]
        stringIndex = [:]
        indexKind = .general
    }

    /// Moves the value at position `i` out, leaving `.void` there until it is stored back.
    func takeValue(at i: Int) -> Value {
        var v = Value.void
        swap(&v, &values[i])
        return v
    }

    public func get(_ k: Value) -> Value? {
        guard let i = position(of: k) else { return nil }
        return values[i]
    }

    /// The stored key equal to `k` (a set's member), nil when absent.
    func storedKey(_ k: Value) -> Value? {
        guard let i = position(of: k) else { return nil }
        return keys[i]
    }

    public func set(_ k: Value, _ v: Value) {
        if let i = position(of: k) { values[i] = v } else {
            insertPosition(k, keys.count)
            keys.append(k)
            values.append(v)
        }
    }

    /// Runs `body` on the value for `k` in place (inserting `def` first when absent): one hash lookup.
    func modify(_ k: Value, default def: Value, _ body: (inout Value) throws -> Void) throws {
        if let i = position(of: k) {
            try body(&values[i])
            return
        }
        var v = def
        try body(&v)
        insertPosition(k, keys.count)
        keys.append(k)
        values.append(v)
    }

    @discardableResult public func remove(_ k: Value) -> Value? {
        guard let i = position(of: k) else { return nil }
        let v = values[i]
        let stored = keys.remove(at: i)
        values.remove(at: i)
        switch indexKind {
        case .none: break
        case .ints:
            if case .int(let x) = stored { intIndex[x] = nil }
            if i < keys.count { for j in i..<keys.count { if case .int(let x) = keys[j] { intIndex[x] = j } } }
        case .strings:
            if case .string(let x) = stored { stringIndex[x] = nil }
            if i < keys.count { for j in i..<keys.count { if case .string(let x) = keys[j] { stringIndex[x] = j } } }
        case .general:
            index[stored] = nil
            if i < keys.count { for j in i..<keys.count { index[keys[j]] = j } }
        }
        return v
    }
}
