/// The header of a `StructInstance`: its type and number of fields.
public struct StructHeader {
    public let type: StructType
    let count: Int
}

/// A struct instance: its type and stored property values, tail-allocated in the instance (one
/// allocation per instance). A shared instance is copied before it is mutated (`takeStruct`).
public final class StructInstance: ManagedBuffer<StructHeader, Value> {
    /// An instance of `type` with `count` fields set to `.void`.
    @inline(__always)
    static func make(_ type: StructType, count: Int) -> StructInstance {
        let b = StructInstance.create(minimumCapacity: count) { _ in StructHeader(type: type, count: count) }
        let s = unsafeDowncast(b, to: StructInstance.self)
        s.withUnsafeMutablePointerToElements { $0.initialize(repeating: .void, count: count) }
        return s
    }

    /// An instance of `type` holding copies of `count` values at `values`.
    @inline(__always)
    static func make(_ type: StructType, copying values: UnsafePointer<Value>, count: Int) -> StructInstance {
        let b = StructInstance.create(minimumCapacity: count) { _ in StructHeader(type: type, count: count) }
        let s = unsafeDowncast(b, to: StructInstance.self)
        s.withUnsafeMutablePointerToElements { e in for i in 0..<count { (e + i).initialize(to: values[i]) } }
        return s
    }

    static func make(type: StructType, fields: [Value]) -> StructInstance {
        fields.withUnsafeBufferPointer { make(type, copying: $0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: $0.count) }
    }

    deinit {
        withUnsafeMutablePointers { h, e in Value.destroy(e, count: h.pointee.count) }
    }

    public var type: StructType { withUnsafeMutablePointerToHeader { $0.pointee.type } }
    public var fieldCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// Field `k`, read or changed in place.
    @inline(__always) public subscript(k: Int) -> Value {
        get { withUnsafeMutablePointerToElements { $0[k] } }
        _modify {
            // `self` is kept alive by the caller for the whole access
            let p = withUnsafeMutablePointerToElements { $0 }
            yield &p[k]
        }
    }

    /// Field `k`'s storage, for reads in place (valid while the instance is alive: the caller holds it).
    @inline(__always) func fieldPointer(_ k: Int) -> UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 + k } }

    /// Stores `v` in field `k`, which holds `.void` (a new instance's): nothing to release first.
    @inline(__always) func initializeVoidField(_ k: Int, _ v: Value) {
        withUnsafeMutablePointerToElements { ($0 + k).initialize(to: v) }
    }

    /// A copy of the fields, in order.
    public var fieldValues: [Value] {
        withUnsafeMutablePointers { h, e in Array(UnsafeBufferPointer(start: e, count: h.pointee.count)) }
    }

    /// An unshared copy (what a mutation of a shared instance works on).
    func copy() -> StructInstance {
        withUnsafeMutablePointers { h, e in StructInstance.make(h.pointee.type, copying: e, count: h.pointee.count) }
    }
}

/// The header of a `ClassInstance`.
public struct ClassHeader {
    public let cls: StructType
    let count: Int
    /// What an engine base class keeps (see `HostBaseClass`).
    var hostState: Value
}

/// A class instance (reference semantics): its fields tail-allocated in the instance.
public final class ClassInstance: ManagedBuffer<ClassHeader, Value> {
    /// An instance of `cls` with `count` fields set to `.void`.
    @inline(__always)
    static func make(_ cls: StructType, count: Int) -> ClassInstance {
        let b = ClassInstance.create(minimumCapacity: count) { _ in ClassHeader(cls: cls, count: count, hostState: .void) }
        let o = unsafeDowncast(b, to: ClassInstance.self)
        o.withUnsafeMutablePointerToElements { $0.initialize(repeating: .void, count: count) }
        return o
    }

    /// An instance of `cls` holding copies of `count` values at `values`.
    @inline(__always)
    static func make(_ cls: StructType, copying values: UnsafePointer<Value>, count: Int) -> ClassInstance {
        let b = ClassInstance.create(minimumCapacity: count) { _ in ClassHeader(cls: cls, count: count, hostState: .void) }
        let o = unsafeDowncast(b, to: ClassInstance.self)
        o.withUnsafeMutablePointerToElements { e in for i in 0..<count { (e + i).initialize(to: values[i]) } }
        return o
    }

    static func make(cls: StructType, fields: [Value]) -> ClassInstance {
        fields.withUnsafeBufferPointer { make(cls, copying: $0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: $0.count) }
    }

    deinit {
        withUnsafeMutablePointers { h, e in ChainRelease.release(e, count: h.pointee.count) }
    }

    public var cls: StructType { withUnsafeMutablePointerToHeader { $0.pointee.cls } }
    public var fieldCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// What an engine base class keeps (see `HostBaseClass`).
    var hostState: Value {
        get { withUnsafeMutablePointerToHeader { $0.pointee.hostState } }
        set { withUnsafeMutablePointerToHeader { $0.pointee.hostState = newValue } }
    }

    /// Field `k`, read or changed in place.
    @inline(__always) public subscript(k: Int) -> Value {
        get { withUnsafeMutablePointerToElements { $0[k] } }
        _modify {
            // `self` is kept alive by the caller for the whole access
            let p = withUnsafeMutablePointerToElements { $0 }
            yield &p[k]
        }
    }

    /// Field `k`'s storage, for reads in place (valid while the instance is alive: the caller holds it).
    @inline(__always) func fieldPointer(_ k: Int) -> UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 + k } }

    /// A copy of the fields, in order.
    public var fieldValues: [Value] {
        withUnsafeMutablePointers { h, e in Array(UnsafeBufferPointer(start: e, count: h.pointee.count)) }
    }
}

/// The header of a `TupleBox`: the number of elements and their labels.
public struct TupleHeader {
    let count: Int
    let labels: [String?]?
}

/// An immutable tuple, with optional element labels: the elements tail-allocated in the box
/// (one allocation per tuple).
public final class TupleBox: ManagedBuffer<TupleHeader, Value> {
    /// A tuple of `values`; labels that are all nil are dropped.
    public static func make(_ values: [Value], labels: [String?]? = nil) -> TupleBox {
        make(values, normalizedLabels: labels.flatMap { $0.allSatisfy { $0 == nil } ? nil : $0 })
    }

    /// A tuple of `values` with `labels` already normalized (nil, or not all nil).
    static func make(_ values: [Value], normalizedLabels labels: [String?]?) -> TupleBox {
        let n = values.count
        let b = TupleBox.create(minimumCapacity: n) { _ in TupleHeader(count: n, labels: labels) }
        let t = unsafeDowncast(b, to: TupleBox.self)
        t.withUnsafeMutablePointerToElements { e in for i in 0..<n { (e + i).initialize(to: values[i]) } }
        return t
    }

    /// A tuple of `n` elements set to `.void` (fill them with `initializeVoidElement`).
    @inline(__always)
    static func make(count n: Int, normalizedLabels labels: [String?]?) -> TupleBox {
        let b = TupleBox.create(minimumCapacity: n) { _ in TupleHeader(count: n, labels: labels) }
        let t = unsafeDowncast(b, to: TupleBox.self)
        t.withUnsafeMutablePointerToElements { $0.initialize(repeating: .void, count: n) }
        return t
    }

    /// Stores `v` as element `i`, which holds `.void` (a new tuple's): nothing to release first.
    @inline(__always) func initializeVoidElement(_ i: Int, _ v: Value) {
        withUnsafeMutablePointerToElements { ($0 + i).initialize(to: v) }
    }

    deinit {
        withUnsafeMutablePointers { h, e in Value.destroy(e, count: h.pointee.count) }
    }

    public var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }
    public var labels: [String?]? { withUnsafeMutablePointerToHeader { $0.pointee.labels } }
    @inline(__always) public subscript(i: Int) -> Value { withUnsafeMutablePointerToElements { $0[i] } }
    /// Changes element `i` in place: only on a box nobody else holds (`Value.takeTuple`).
    @inline(__always) func modifyElement(_ i: Int, _ body: (inout Value) throws -> Void) rethrows {
        try withUnsafeMutablePointerToElements { try body(&$0[i]) }
    }
    /// The elements, as a new array (`t[i]` and `t.count` read them in place).
    public var values: [Value] {
        withUnsafeMutablePointers { h, e in Array(UnsafeBufferPointer(start: e, count: h.pointee.count)) }
    }
    func index(of label: String) -> Int? { labels?.firstIndex(of: label) }
}
