import RLSupport

/// Calls of declared functions: overload and labels resolved while compiling, arguments evaluated into the callee's frame.
extension Compiler {
    /// A call to a declared function: overload and labels resolved now, arguments go straight into the new frame.
    func directCall(_ name: String, _ funcs: [(FunctionProto, Storage)], _ args: [Arg], _ loc: Loc, _ nloc: Loc) -> Eval {
        let labels = args.map(\.label)
        let trailing = args.map(\.isTrailing)
        var chosen: (FunctionProto, Storage, [ArgSource])?
        var firstError: String?
        for (p, st) in funcs {
            switch matchArguments(labels, trailing: trailing, p.shapes) {
            case .success(let m): if chosen == nil { chosen = (p, st, m) }
            case .failure(let msg): if firstError == nil { firstError = msg }
            }
        }
        var expectedTypes: [TypeExpr?] = Array(repeating: nil, count: args.count)
        if let (p, _, m) = chosen, let decl = declaredDecls[ObjectIdentifier(p)] {
            for (pi, src) in m.enumerated() {
                if case .arg(let ai) = src { expectedTypes[ai] = decl.params[pi].type }
                if case .variadic(let ais) = src { for ai in ais { expectedTypes[ai] = decl.params[pi].type } }
            }
            for (ai, a) in args.enumerated() {
                if let t = expectedTypes[ai] { checkLiteral(a.value, against: t, context: "expected argument type") }
            }
        }
        let argEs = args.enumerated().map { EvalBox(compileExpr($0.element.value, expected: expectedTypes[$0.offset])) }
        guard let (proto, storage, mapping) = chosen else {
            let msg = funcs.count > 1 ? "no exact matches in call to global function '\(name)'" : (firstError ?? "bad call")
            error(msg, args.first?.labelLoc ?? loc)
            return { _ in .void }
        }
        checkTryMarked(proto, nloc, args)
        let loadC: Eval
        switch storage {
        case .local(let s):
            let d = localDepth(name, s)
            loadC = d == 0 ? { f in f.slots[s] } : { f in f.up(d).slots[s] }
        case .global(let s):
            let g = self.g
            loadC = { _ in g.slots[s] }
        default: loadC = { _ in .void }
        }
        let interp = self.interp
        let n = mapping.count
        // `inout` parameters: the argument's location receives the parameter's final value
        var writeBacks: [(slot: Int, lv: LValue)] = []
        var movedOut: [LValue] = []
        var inoutPins: [Int: (pins: Eval, read: Eval)] = [:]
        if let decl = declaredDecls[ObjectIdentifier(proto)] {
            for (pi, src) in mapping.enumerated() {
                guard case .arg(let ai) = src else { continue }
                var isAmp = false
                if case .unary("&", _, _) = args[ai].value { isAmp = true }
                if decl.params[pi].isInout && !isAmp {
                    error("passing a value to the inout parameter '\(decl.params[pi].name)' requires an explicit '&'", args[ai].value.loc)
                } else if !decl.params[pi].isInout && isAmp {
                    error("'&' used with the non-inout parameter '\(decl.params[pi].name)'", args[ai].value.loc)
                }
                guard decl.params[pi].isInout else { continue }
                if case .unary("&", let target, _) = args[ai].value, !isAssignable(target) {
                    error("cannot pass an immutable value as an inout argument: '&' needs a variable", target.loc)
                    continue
                }
                // Swift evaluates the argument's indices once, in its place, and reads the storage after the arguments
                let arg = inoutArgument(args[ai].value, among: args)
                if let lv = arg.lv {
                    writeBacks.append((pi, lv))
                    if case .unary("&", .name(let n, _), _) = args[ai].value, isPlainVariable(n) { movedOut.append(lv) }
                }
                if let pins = arg.pins { inoutPins[ai] = (pins, arg.read) }
            }
        }
        if !writeBacks.isEmpty {
            let wbs = writeBacks, pins = inoutPins, moved = movedOut
            return { f in
                var vals: [Value] = []
                for (ai, a) in argEs.enumerated() {
                    if let p = pins[ai] { _ = try p.pins(f); vals.append(.void) } else { vals.append(try a.f(f)) }
                }
                for (ai, p) in pins { vals[ai] = try p.read(f) }
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                let frame = Frame.make(count: proto.slotCount, parent: c.env)
                try interp.fillFrame(frame, proto, mapping, vals, offset: 0, loc)
                if !moved.isEmpty {
                    // `f(&xs)`: the variable's value is moved into the parameter (not copied), so
                    // the callee changes an array or struct in place; Swift's exclusive access
                    // makes the variable unusable until the call returns anyway
                    vals = []
                    for lv in moved { try lv.modify(f) { $0 = .void } }
                }
                let r: Value
                do {
                    r = try interp.execute(proto, frame, loc)
                } catch {
                    // an inout argument is written back when the call throws too
                    for wb in wbs {
                        let v = frame.read(wb.slot)
                        try wb.lv.modify(f) { $0 = v }
                    }
                    throw error
                }
                for wb in wbs {
                    let v = frame.read(wb.slot)
                    try wb.lv.modify(f) { $0 = v }
                }
                return r
            }
        }
        let simple = mapping.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
        // a top-level function sees only globals and its own locals: no environment needed, so
        // its value is not loaded
        var isGlobal = false
        if case .global = storage { isGlobal = true }
        if simple && n == 0 && isGlobal {
            return { _ in try interp.withFrame(proto, parent: nil) { frame in try interp.execute(proto, frame, loc) } }
        }
        if simple && n == 1 {
            let a0 = argEs[0].f
            let c0 = proto.coercions[0], k0 = proto.coercionKinds[0]
            if isGlobal {
                if c0.isNone { return { f in try interp.call(proto, parent: nil, try a0(f), loc) } }
                return { f in try interp.call(proto, parent: nil, try c0.apply(try a0(f), keeping: k0, loc), loc) }
            }
            return { f in
                let v0 = try a0(f)
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                return try interp.call(proto, parent: c.env, try c0.apply(v0, keeping: k0, loc), loc)
            }
        }
        if simple && n == 2 {
            let a0 = argEs[0].f, a1 = argEs[1].f
            let c0 = proto.coercions[0], c1 = proto.coercions[1]
            let k0 = proto.coercionKinds[0], k1 = proto.coercionKinds[1]
            if isGlobal {
                return { f in
                    let v0 = try a0(f), v1 = try a1(f)
                    return try interp.call(proto, parent: nil, try c0.apply(v0, keeping: k0, loc), try c1.apply(v1, keeping: k1, loc), loc)
                }
            }
            return { f in
                let v0 = try a0(f), v1 = try a1(f)
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                return try interp.call(proto, parent: c.env, try c0.apply(v0, keeping: k0, loc), try c1.apply(v1, keeping: k1, loc), loc)
            }
        }
        if simple && n == 3 && isGlobal {
            let a0 = argEs[0].f, a1 = argEs[1].f, a2 = argEs[2].f
            let c0 = proto.coercions[0], c1 = proto.coercions[1], c2 = proto.coercions[2]
            let k0 = proto.coercionKinds[0], k1 = proto.coercionKinds[1], k2 = proto.coercionKinds[2]
            return { f in
                let v0 = try a0(f), v1 = try a1(f), v2 = try a2(f)
                return try interp.call(proto, parent: nil, try c0.apply(v0, keeping: k0, loc), try c1.apply(v1, keeping: k1, loc),
                                       try c2.apply(v2, keeping: k2, loc), loc)
            }
        }
        if simple {
            let cs = proto.coercions, ks = proto.coercionKinds
            return { f in
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                return try interp.withFrame(proto, parent: c.env) { frame in
                    for i in 0..<argEs.count { frame.setParameter(i, try cs[i].apply(try argEs[i].f(f), keeping: ks[i], loc)) }
                    return try interp.execute(proto, frame, loc)
                }
            }
        }
        return { f in
            var vals: [Value] = []
            vals.reserveCapacity(argEs.count)
            for a in argEs { vals.append(try a.f(f)) }
            guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
            let frame = Frame.make(count: proto.slotCount, parent: c.env)
            try interp.fillFrame(frame, proto, mapping, vals, offset: 0, loc)
            return try interp.execute(proto, frame, loc)
        }
    }

    /// Whether `name` is a variable (local or global, not a constant or a field): storage that an
    /// inout argument may leave empty while the call runs.
    func isPlainVariable(_ name: String) -> Bool {
        switch lookup(name) {
        case .local(_, _, let b)?: return !b.isLet
        case .global(_, let b)?: return !b.isLet
        default: return false
        }
    }

    /// Frame depth of a local slot holding `name`.
    func localDepth(_ name: String, _ slot: Int) -> Int {
        if case .local(let d, let s, _)? = lookup(name), s == slot { return d }
        return 0
    }
}
