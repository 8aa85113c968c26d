/// Keys and values of a dictionary in insertion order, with a hash index. While every key is an
/// Int (or every key a String) the index is keyed by the Swift value itself, which hashes and
/// compares without going through `Value`; a key of another kind moves it to a `[Value: Int]`.
public final class DictBox {
    public private(set) var keys: [Value]
    public var values: [Value]
    /// Which index holds the positions of the keys.
    enum IndexKind: UInt8 { case ints, strings, general }
    private(set) var indexKind = IndexKind.ints
    private var intIndex: [Int: Int] = [:]
    private var stringIndex: [String: Int] = [:]
    private var index: [Value: Int] = [:]
    /// A `Set`: the keys are the elements (values are unused).
    public var isSet = false

    public init(keys: [Value] = [], values: [Value] = []) {
        self.keys = []
        self.values = []
        for (k, v) in zip(keys, values) { set(k, v) }
    }

    /// An empty dictionary that will hold `capacity` keys (a literal's): the index and the arrays
    /// are made that size at the first key, not grown key by key.
    init(capacity: Int) {
        keys = []
        values = []
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        reservedCapacity = capacity
    }

    /// The size to give the index at the first key (`init(capacity:)`).
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
        case .ints: if case .int(let i) = k { return intIndex[i] }
        case .strings: if case .string(let s) = k { return stringIndex[s] }
        case .general: return index[k]
        }
        if keys.isEmpty { return nil }
        // a key of another kind may still equal a stored one (`2.0` and `2`, `Optional(2)`)
        generalize()
        return index[k]
    }

    /// Records that key `k` (absent) is at position `i`.
    @inline(__always) private func insertPosition(_ k: Value, _ i: Int) {
        if reservedCapacity > 1 && keys.isEmpty { reserveIndex(for: k) }
        switch indexKind {
        case .ints: if case .int(let x) = k { intIndex[x] = i; return }
        case .strings: if case .string(let x) = k { stringIndex[x] = i; return }
        case .general: index[k] = i; return
        }
        if keys.isEmpty, case .string(let x) = k {
            indexKind = .strings
            stringIndex[x] = i
            return
        }
        generalize()
        index[k] = i
    }

    /// Sizes the index that the first key `k` will use for `reservedCapacity` keys.
    private func reserveIndex(for k: Value) {
        switch k {
        case .int: intIndex.reserveCapacity(reservedCapacity)
        case .string: stringIndex.reserveCapacity(reservedCapacity)
        default: break
        }
        reservedCapacity = 0
    }

    /// Moves the positions to the `[Value: Int]` index (once a key of another kind is used).
    private func generalize() {
        guard indexKind != .general else { return }
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
