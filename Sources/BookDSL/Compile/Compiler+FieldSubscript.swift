/// `g.cost[i]` where `g` is a local of the running frame holding a struct or class instance and
/// `cost` a stored property: the element read in place, without copying the array out of the
/// instance (a retain and release) or going through the member-read site.
extension Compiler {
    /// Nil when the base is not `local.property` or the index may have effects (the general
    /// path reads the property before evaluating the index; here the index comes first).
    func compileFieldSubscript(_ base: Expr, _ index: Expr, _ loc: Loc) -> Eval? {
        guard case .member(let inner, let name, _) = base, let s = localSlot(inner), isEffectFree(index) else { return nil }
        if case .local(_, _, let b)? = localBinding(inner), b.assignOnce { return nil }
        let interp = self.interp
        let ie = compileExpr(index)
        let cache = MemberCache()
        return { f in
            let i = try ie(f)
            switch f.slots[s] {
            case .structValue(let st): if let k = cache.field(st.type) { return try Compiler.element(interp, st.fieldPointer(k), i, loc) }
            case .object(let o): if let k = cache.field(o.cls) { return try Compiler.element(interp, o.fieldPointer(k), i, loc) }
            default: break
            }
            // a type not cached yet (resolved and cached here), a computed property, not an instance
            return try Compiler.subscriptValue(interp, try interp.cachedMember(f.slots[s], name, cache, loc), i, loc)
        }
    }

    /// The binding of a plain name.
    private func localBinding(_ e: Expr) -> NameRef? {
        if case .name(let n, _) = e { return lookup(n) }
        return nil
    }
}
