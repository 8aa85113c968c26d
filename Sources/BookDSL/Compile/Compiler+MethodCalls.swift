import RLSupport

/// Method calls (`base.name(args)`): in place for mutating methods, through per-site caches otherwise.
extension Compiler {
    /// Whether a method name may mutate its receiver (so the receiver is accessed in place).
    func isMutatingName(_ name: String) -> Bool {
        Compiler.mutatingBuiltins.contains(name) || interp.mutatingMethodNames.contains(name)
    }

    static let mutatingBuiltins: Set<String> = ["append", "insert", "remove", "removeLast", "removeFirst", "removeAll", "popLast",
                                                "sort", "reverse", "shuffle", "swapAt", "removeValue", "updateValue", "merge",
                                                "removeSubrange", "append(contentsOf:)", "formUnion", "toggle", "negate",
                                                "formIntersection", "subtract", "formSymmetricDifference", "update", "popFirst"]

    /// Double methods without arguments that call sites run directly.
    static let doubleMethods: [String: (Double) -> Double] = ["squareRoot": { $0.squareRoot() }, "rounded": { $0.rounded() }]

    /// `base.name(args)`.
    func methodCall(base: @escaping Eval, baseExpr: Expr, _ name: String, _ args: [Arg], _ loc: Loc) -> Eval {
        if let ordered = orderedMutatingCall(baseExpr, name, args, loc) { return ordered }
        let labels = args.map(\.label)
        let argEs = args.enumerated().map { (i, a) in
            // `reduce(into:_:)`'s closure changes its accumulator in place: `{ $0.append($1) }`
            if i == 1 && name == "reduce" && labels.count == 2 && labels[0] == "into", case .closure = a.value {
                closureFirstParameterIsInout = true
            }
            if case .closure = a.value { closureParameterHints = closureParameterTypes(baseExpr, name, args.count, i) }
            return EvalBox(compileExpr(a.value, expected: implicitMemberArgumentType(a.value, baseExpr, name, args, i)))
        }
        let interp = self.interp
        if name == "append" && argEs.count == 1 && labels[0] == nil, let lv = compileLValue(baseExpr, forMutation: name) {
            let a0 = argEs[0].f
            let elem: Coercion
            if case .array(let c) = lv.coercion { elem = c } else { elem = .identity }
            let modify = lv.modify
            return { f in
                let x = try elem.apply(try a0(f), loc)
                try modify(f) { v in
                    if v.isArray {
                        var a = v.takeArray()!
                        if a.count == a.capacity && a.count >= 1 << 15 {
                            // the array is about to move into a buffer twice its size
                            do { try interp.admitArrayGrowth(a.count, loc) } catch { v = .array(a); throw error }
                        }
                        a.append(x)
                        v = .array(a)
                    } else if v.isString, case .string(let t) = x, interp.builtinExtensions.isEmpty {
                        // `name.append(c)`: what `mutatingStringMethod` does, without an argument array
                        var s = v.takeString().unsafelyUnwrapped
                        s += t
                        v = .string(s)
                    } else {
                        _ = try interp.callMethodInPlace(&v, name, [x], labels, loc)
                    }
                }
                return .void
            }
        }
        if isMutatingName(name), let lv = compileLValue(baseExpr, forMutation: name) {
            let cache = MethodCache()
            // the element conversion of a typed array (`[Double]`: an inserted or appended Int
            // becomes a Double, as Swift's literal typing makes it)
            var elem = Coercion.identity
            if case .array(let c) = lv.coercion { elem = c }
            if let op = ArrayMutator(name, labels), argEs.count == labels.count {
                // `heap.swapAt(i, j)`, `stack.removeLast()`...: an array runs the method here
                let a0 = argEs.first?.f, a1 = argEs.count > 1 ? argEs[1].f : nil
                let converts = op == .insertAt && !elem.isNone
                return { f in
                    var x: Value? = try a0.map { try $0(f) }
                    if converts, let v = x { x = try elem.apply(v, loc) }
                    let y: Value? = try a1.map { try $0(f) }
                    var result = Value.void
                    try lv.modify(f) { v in
                        if v.isArray && interp.builtinExtensions.isEmpty {
                            var a = v.takeArray().unsafelyUnwrapped
                            defer { v = .array(a) }
                            result = try op.run(&a, x, y, interp, loc)
                            return
                        }
                        let vs = [x, y].compactMap { $0 }
                        if v.isStruct, let r = try interp.cachedStructCallInPlace(&v, name, vs, labels, loc, cache) { result = r; return }
                        result = try interp.callMethodInPlace(&v, name, vs, labels, loc)
                    }
                    return result
                }
            }
            if argEs.count <= 1 {
                // no argument array for a cell struct's method (`ps[i].step(dt)`)
                let a0 = argEs.first?.f
                let convertsElements = name == "append" && labels == ["contentsOf"] && !elem.isNone
                // `s.insert(1)` on a `Set<Double>` inserts 1.0
                var setElement = Coercion.identity
                if case .set(let c) = lv.coercion, name == "insert" || name == "update", labels == [nil] || labels == ["with"] { setElement = c }
                return { f in
                    var x: Value? = try a0.map { try $0(f) }
                    if convertsElements, case .array(let a)? = x { x = .array(try a.map { try elem.apply($0, loc) }) }
                    if !setElement.isNone, let v = x { x = try setElement.apply(v, loc) }
                    var result = Value.void
                    try lv.modify(f) { v in
                        if v.isStruct, let r = try interp.cachedStructCallInPlace(&v, name, x, labels, loc, cache) { result = r; return }
                        result = try interp.callMethodInPlace(&v, name, x.map { [$0] } ?? [], labels, loc)
                    }
                    return result
                }
            }
            return { f in
                var vs: [Value] = []
                vs.reserveCapacity(argEs.count)
                for a in argEs { vs.append(try a.f(f)) }
                var result = Value.void
                try lv.modify(f) { v in
                    if v.isStruct, let r = try interp.cachedStructCallInPlace(&v, name, vs, labels, loc, cache) { result = r; return }
                    result = try interp.callMethodInPlace(&v, name, vs, labels, loc)
                }
                return result
            }
        }
        let cache = MethodCache()
        if argEs.count == 1, let k = ArrayMethod(name) {
            // `a.map { ... }`, `a.contains(x)`...: arrays run the method straight away
            let a0 = argEs[0].f
            let label0 = labels[0]
            return { f in
                let b = try base(f)
                let v0 = try a0(f)
                if case .array(let a) = b, interp.builtinExtensions.isEmpty, let r = try interp.arrayMethod(k, a, v0, label0, loc) { return r }
                if let t = b.userTypeID, let (m, firstKind) = cache.simpleRef(t) {
                    if firstKind.keeps(v0) { return try interp.callCached(m, b, v0, loc) }
                    let a = try m._withUnsafeGuaranteedRef { try $0.coercions[0].applyConverting(v0, loc) }
                    return try interp.callCached(m, b, a, loc)
                }
                return try interp.callMethod(b, name, [v0], labels, loc, cache: cache)
            }
        }
        if argEs.count == 1 {
            let a0 = argEs[0].f
            return { f in
                let b = try base(f)
                let v0 = try a0(f)
                if let t = b.userTypeID, let (m, firstKind) = cache.simpleRef(t) {
                    if firstKind.keeps(v0) { return try interp.callCached(m, b, v0, loc) }
                    let a = try m._withUnsafeGuaranteedRef { try $0.coercions[0].applyConverting(v0, loc) }
                    return try interp.callCached(m, b, a, loc)
                }
                return try interp.callMethod(b, name, [v0], labels, loc, cache: cache)
            }
        }
        if argEs.isEmpty, let op = Compiler.doubleMethods[name] {
            // `(x * x + y * y).squareRoot()`: a Double's method run here (what `builtinMethod`
            // does for it), unless cell extensions may add methods to built-in types
            return { f in
                let b = try base(f)
                if case .double(let d) = b, interp.builtinExtensions.isEmpty { return .double(op(d)) }
                if let t = b.userTypeID, let (m, _) = cache.simpleRef(t) {
                    return try interp.callCached(m, b, loc)
                }
                return try interp.callMethod(b, name, [], labels, loc, cache: cache)
            }
        }
        if argEs.isEmpty && (name == "max" || name == "min") {
            // `q[s].max()!`: an array of Ints or Doubles scanned here (what `builtinMethod` does)
            let wantMax = name == "max"
            return { f in
                let b = try base(f)
                if case .array(let a) = b, interp.builtinExtensions.isEmpty, let r = try interp.numericExtremum(a, wantMax: wantMax, loc) { return r }
                if let t = b.userTypeID, let (m, _) = cache.simpleRef(t) {
                    return try interp.callCached(m, b, loc)
                }
                return try interp.callMethod(b, name, [], labels, loc, cache: cache)
            }
        }
        if argEs.isEmpty {
            return { f in
                let b = try base(f)
                if let t = b.userTypeID, let (m, _) = cache.simpleRef(t) {
                    return try interp.callCached(m, b, loc)
                }
                return try interp.callMethod(b, name, [], labels, loc, cache: cache)
            }
        }
        return { f in
            let b = try base(f)
            if let t = b.userTypeIdentity, let (p, _) = cache.simple(t) {
                // arguments evaluated straight into the method's frame
                return try interp.withFrame(p, parent: nil) { frame in
                    frame.setParameter(0, b)
                    for i in 0..<argEs.count {
                        frame.setParameter(i + 1, try p.coercions[i].apply(try argEs[i].f(f), keeping: p.coercionKinds[i], loc))
                    }
                    return try interp.execute(p, frame, loc)
                }
            }
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.callMethod(b, name, vs, labels, loc, cache: cache)
        }
    }
}
