/// `v.name()` and `v.name(x)` on a struct stored in a variable (`ps[i].step(dt)`,
/// `p.move(by: d)`): what `cachedStructCallInPlace` does, without an argument array. `self` is
/// moved into the method's frame and back, so a mutating method changes a struct that `v` alone
/// holds in place.
extension Interpreter {
    /// Nil when the call needs the general path (no single positional method of that name).
    @inline(__always)
    func cachedStructCallInPlace(_ v: inout Value, _ name: String, _ arg: Value?, _ labels: [String?], _ loc: Loc, _ cache: MethodCache) throws -> Value? {
        let t = v.structType.unsafelyUnwrapped
        var entry = cache.lookup(t)
        if entry == nil {
            let n = arg == nil ? 0 : 1
            let ms = t.findMethods(name)
            guard ms.count == 1, isPositional(ms[0], labels, n) else { return nil }
            let e = MethodEntry(proto: ms[0], mapping: (0..<n).map { .arg($0) })
            cache.add(t, e)
            entry = e
        }
        let p = entry.unsafelyUnwrapped.proto
        guard p.hasSelf else { return nil }
        if !p.isMutating {
            var s = v
            return try callWithSelf(p, &s, arg, loc)
        }
        if let s = v.takeStruct() { v = .structValue(s) }   // unshare first
        return try callWithSelf(p, &v, arg, loc)
    }

    /// Calls method `p` with `selfValue` moved into slot 0 for the call (and back after it, even
    /// when the call throws) and `arg`, converted, in slot 1.
    @inline(__always)
    private func callWithSelf(_ p: FunctionProto, _ selfValue: inout Value, _ arg: Value?, _ loc: Loc) throws -> Value {
        let u = takeFrame(p, parent: nil)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        if let a = arg {
            do {
                (slots + 1).initialize(to: try p.coercions[0].apply(a, keeping: p.coercionKinds[0], loc))
            } catch {
                giveBack(p, u)
                throw error
            }
        }
        swap(&slots[0], &selfValue)
        let r: Value
        do {
            r = try u._withUnsafeGuaranteedRef { try execute(p, $0, loc) }
        } catch {
            swap(&slots[0], &selfValue)
            giveBack(p, u)
            throw error
        }
        swap(&slots[0], &selfValue)
        giveBack(p, u)
        return r
    }
}
