/// Per-site caches of what a member name resolves to for a receiver's type, so that calls and
/// member reads/writes skip the name look-ups (string hashing through the superclass chain) after
/// the first time a type is seen. Each site remembers up to `ways` types: a call such as
/// `shape.area()` over a `[Shape]` holding three subclasses stays cached (a polymorphic inline
/// cache, as in Smalltalk and JavaScript engines).
///
/// A cache is valid for the life of the compiled code: a type's members do not change once a cell
/// declaring them ran (extensions add members only to types that did not have them).
enum CallSiteCacheLimits {
    static let ways = 4
}

/// The resolved method of one receiver type at a call site.
final class MethodEntry {
    let proto: FunctionProto
    let mapping: [ArgSource]
    /// Arguments map one-to-one onto parameters (no defaults, no variadics).
    let simple: Bool
    /// What the first parameter's conversion keeps unchanged.
    let firstKind: CoercionKind
    init(proto: FunctionProto, mapping: [ArgSource]) {
        self.proto = proto
        self.mapping = mapping
        simple = mapping.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
        firstKind = proto.coercionKinds.first ?? .identity
    }
}

/// Per-call-site cache of resolved methods, by receiver type.
final class MethodCache {
    private var t0: StructType?, e0: MethodEntry?
    private var t1: StructType?, e1: MethodEntry?
    private var t2: StructType?, e2: MethodEntry?
    private var t3: StructType?, e3: MethodEntry?
    private var next = 0

    @inline(__always) func lookup(_ t: StructType) -> MethodEntry? {
        if t0 === t { return e0 }
        if t1 === t { return e1 }
        if t2 === t { return e2 }
        if t3 === t { return e3 }
        return nil
    }

    /// The method for `t` when its arguments map one-to-one onto its parameters, and whether the
    /// first one needs no conversion (the hot path of calls with zero or one argument: no entry
    /// object is loaded, so no extra retain).
    private var s0: FunctionProto?, s1: FunctionProto?, s2: FunctionProto?, s3: FunctionProto?
    private var i0 = CoercionKind.identity, i1 = CoercionKind.identity, i2 = CoercionKind.identity, i3 = CoercionKind.identity

    @inline(__always) func simple(_ t: StructType) -> (FunctionProto, CoercionKind)? {
        if t0 === t, let p = s0 { return (p, i0) }
        if t1 === t, let p = s1 { return (p, i1) }
        if t2 === t, let p = s2 { return (p, i2) }
        if t3 === t, let p = s3 { return (p, i3) }
        return nil
    }

    /// `simple` for the type with identity `id` (`Value.userTypeID`), handing back an unretained
    /// reference (the cache keeps the method alive): no retain and release of the type and the
    /// method per call.
    @inline(__always) func simpleRef(_ id: ObjectIdentifier) -> (Unmanaged<FunctionProto>, CoercionKind)? {
        if id0 == id, let p = u0 { return (p, i0) }
        if id1 == id, let p = u1 { return (p, i1) }
        if id2 == id, let p = u2 { return (p, i2) }
        if id3 == id, let p = u3 { return (p, i3) }
        return nil
    }
    private var id0: ObjectIdentifier?, id1: ObjectIdentifier?, id2: ObjectIdentifier?, id3: ObjectIdentifier?
    private var u0: Unmanaged<FunctionProto>?, u1: Unmanaged<FunctionProto>?, u2: Unmanaged<FunctionProto>?, u3: Unmanaged<FunctionProto>?

    /// Remembers `e` for `t` (replacing the oldest entry when all ways are used).
    func add(_ t: StructType, _ e: MethodEntry) {
        let sp = e.simple ? e.proto : nil
        // the entry (held in eN) keeps sp alive for as long as uN refers to it; tN keeps the
        // type alive, so its identity cannot be reused by another type meanwhile
        let up = sp.map { Unmanaged.passUnretained($0) }
        let id = ObjectIdentifier(t)
        switch next {
        case 0: t0 = t; e0 = e; s0 = sp; i0 = e.firstKind; id0 = id; u0 = up
        case 1: t1 = t; e1 = e; s1 = sp; i1 = e.firstKind; id1 = id; u1 = up
        case 2: t2 = t; e2 = e; s2 = sp; i2 = e.firstKind; id2 = id; u2 = up
        default: t3 = t; e3 = e; s3 = sp; i3 = e.firstKind; id3 = id; u3 = up
        }
        next = (next + 1) % CallSiteCacheLimits.ways
    }
}

/// What a property name is for one receiver type.
enum MemberSlot {
    /// A stored property at this index (`fields[index]`), with the conversion stores apply.
    case field(Int, Coercion)
    /// A computed property's getter (and setter).
    case computed(FunctionProto, FunctionProto?)
}

/// Per-site cache of property resolutions, by receiver type.
final class MemberCache {
    /// Whether a write through this site applies an array field's coercion again after the change
    /// (`Coercion.reappliesAfterChange`): needed where the compiler did not know the field's type, so
    /// the change stored its elements unconverted (`items[i].prices.append(3)` on a `[Double]`
    /// field); a site that knew it converts what it stores and skips the walk over the array.
    var recheckArrays = true
    private var t0: StructType?, s0: MemberSlot = .field(0, .identity)
    private var t1: StructType?, s1: MemberSlot = .field(0, .identity)
    private var t2: StructType?, s2: MemberSlot = .field(0, .identity)
    private var t3: StructType?, s3: MemberSlot = .field(0, .identity)
    private var next = 0

    @inline(__always) func lookup(_ t: StructType) -> MemberSlot? {
        if t0 === t { return s0 }
        if t1 === t { return s1 }
        if t2 === t { return s2 }
        if t3 === t { return s3 }
        return nil
    }

    /// Field indexes by way (-1: the way caches a computed property), read without matching the
    /// `MemberSlot`.
    private var k0 = -1, k1 = -1, k2 = -1, k3 = -1

    /// The field index for `t` when the site has cached a stored property of `t`. The first way
    /// is tested inline (a site sees one type almost always); the others out of line.
    @inline(__always) func field(_ t: StructType) -> Int? {
        if t0 === t && k0 >= 0 { return k0 }
        return fieldInOtherWays(t)
    }

    @inline(never) func fieldInOtherWays(_ t: StructType) -> Int? {
        if t1 === t && k1 >= 0 { return k1 }
        if t2 === t && k2 >= 0 { return k2 }
        if t3 === t && k3 >= 0 { return k3 }
        return nil
    }

    /// Getters of computed properties that take `self` in slot 0, by way (read without loading
    /// the `MemberSlot`, so without retaining its functions).
    private var g0: FunctionProto?, g1: FunctionProto?, g2: FunctionProto?, g3: FunctionProto?

    /// The getter for `t` when the site has cached a computed property of `t`.
    @inline(__always) func getter(_ t: StructType) -> FunctionProto? {
        if t0 === t { return g0 }
        if t1 === t { return g1 }
        if t2 === t { return g2 }
        if t3 === t { return g3 }
        return nil
    }

    /// The stored property index and conversion cached for `t` (write sites).
    @inline(__always) func stored(_ t: StructType) -> (Int, Coercion)? {
        if let s = lookup(t), case .field(let k, let c) = s { return (k, c) }
        return nil
    }

    func add(_ t: StructType, _ s: MemberSlot) {
        var g: FunctionProto?
        if case .computed(let get, _) = s, get.hasSelf { g = get }
        var k = -1
        if case .field(let i, _) = s { k = i }
        switch next {
        case 0: t0 = t; s0 = s; g0 = g; k0 = k
        case 1: t1 = t; s1 = s; g1 = g; k1 = k
        case 2: t2 = t; s2 = s; g2 = g; k2 = k
        default: t3 = t; s3 = s; g3 = g; k3 = k
        }
        next = (next + 1) % CallSiteCacheLimits.ways
    }

    /// Resolves `name` on `t` for reading: a stored property, or a computed one (nil for methods
    /// and anything else, which take the general path).
    func resolve(_ t: StructType, _ name: String) -> MemberSlot? {
        if let k = t.fieldIndex[name] {
            let s = MemberSlot.field(k, t.fieldCoercions[k])
            add(t, s)
            return s
        }
        if let acc = t.findComputed(name) {
            let s = MemberSlot.computed(acc.get, acc.set)
            add(t, s)
            return s
        }
        return nil
    }

    /// Resolves `name` on `t` for writing: a stored property without observers, else nil.
    func resolveStored(_ t: StructType, _ name: String) -> (Int, Coercion)? {
        guard let k = t.fieldIndex[name], t.observers[k] == nil else { return nil }
        let c = t.fieldCoercions[k]
        add(t, .field(k, c))
        return (k, c)
    }
}
