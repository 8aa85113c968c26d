import RLSupport

/// Frees long chains of cell values (a 5-million-node linked list of class instances, a long
/// chain of enum cases) without one nested release per link, which would overflow the stack: a
/// dying instance hands its fields to a per-thread list, and the outermost release on the thread
/// empties that list in a loop.
enum ChainRelease {
    final class Pending {
        var values: [Value] = []
        var draining = false
    }

    static let key: pthread_key_t = {
        var k = pthread_key_t()
        #if !canImport(Darwin)
        pthread_key_create(&k) { p in if let p { Unmanaged<Pending>.fromOpaque(p).release() } }
        #else
        pthread_key_create(&k) { p in Unmanaged<Pending>.fromOpaque(p).release() }
        #endif
        return k
    }()

    static var pending: Pending {
        if let p = pthread_getspecific(key) { return Unmanaged<Pending>.fromOpaque(p).takeUnretainedValue() }
        let p = Pending()
        pthread_setspecific(key, Unmanaged.passRetained(p).toOpaque())
        return p
    }

    /// Releases `fields` (of an instance being freed) iteratively when they can hold other instances.
    @inline(__always)
    static func release(_ fields: inout [Value]) {
        guard fields.contains(where: { $0.canHoldInstances }) else { return }
        releaseSlowly(&fields)
    }

    /// Deinitializes the `count` fields at `fields` (of an instance being freed), iteratively
    /// when they can hold other instances.
    @inline(__always)
    static func release(_ fields: UnsafeMutablePointer<Value>, count: Int) {
        var i = 0
        while i < count {
            if fields[i].canHoldInstances { return releaseSlowly(fields, count: count) }
            i += 1
        }
        Value.destroy(fields, count: count)
    }

    static func releaseSlowly(_ fields: UnsafeMutablePointer<Value>, count: Int) {
        let p = pending
        for i in 0..<count { p.values.append((fields + i).move()) }
        drain(p)
    }

    static func releaseSlowly(_ fields: inout [Value]) {
        let p = pending
        p.values.append(contentsOf: fields)
        fields.removeAll()
        drain(p)
    }

    static func drain(_ p: Pending) {
        if p.draining { return }
        p.draining = true
        while let v = p.values.popLast() { _ = v }   // freeing `v` may append its fields
        p.draining = false
        if p.values.capacity > 1 << 16 { p.values = [] }
    }
}

extension Value {
    /// Whether releasing this value can free a class instance or enum case (and so start a chain).
    var canHoldInstances: Bool {
        switch self {
        case .object, .enumCase, .optional, .array, .structValue, .tuple, .dict: return true
        default: return false
        }
    }
}
