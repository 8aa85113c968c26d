import RLSupport

/// Calls (`f(x)`): what the callee is decides the path (declared function, type, method, `super`,
/// enum case, engine function or a value called at run time).
extension Compiler {
    func compileCall(_ callee: Expr, _ args: [Arg], _ loc: Loc) -> Eval {
        if case .postfixOp("?", let inner, _) = callee { return optionalCall(inner, args, loc) }
        if let known = staticTypeOf(callee, args) { return known }
        if case .implicitMember("some", _) = callee, args.count == 1, args[0].label == nil {
            // `.some(x)`: a present optional
            let x = compileExpr(args[0].value)
            return { f in .optional(try x(f)) }
        }
        if case .typeRef(let t, _) = callee, case let c = coercion(for: t), !c.isNone {
            // `[[Double]](repeating: [0, 0], count: 2)`: the elements take the written type
            let plain = compileCallPlain(callee, args, loc)
            return { f in try c.apply(try plain(f), loc) }
        }
        return compileCallPlain(callee, args, loc)
    }

    func compileCallPlain(_ callee: Expr, _ args: [Arg], _ loc: Loc) -> Eval {
        let labels = args.map(\.label)
        let trailing = args.map(\.isTrailing)
        for a in args { if case .unary("&", _, let l) = a.value { ampChecked.insert(l) } }
        if let amp = args.first(where: { if case .unary("&", _, _) = $0.value { return true }; return false }) {
            var direct = false
            if case .name(let n, _) = callee {
                if n == "swap" { direct = true }
                switch lookup(n) {
                case .local(_, _, let b)?, .global(_, let b)?: direct = direct || !b.funcs.isEmpty
                default: break
                }
            }
            if !direct {
                error("'&' (inout) arguments are supported in calls of functions declared in cells, not of methods, initializers, closures or engine functions", amp.value.loc,
                      notes: ["note: return the new value and assign it instead"])
            }
        }
        if case .name(let n, let nloc) = callee, let t = enclosingStaticType(), !t.findStatic(n).isEmpty {
            switch lookupInScopes(n) {
            case .local?: break
            default: return compileCall(.member(.name(t.name, nloc), n, nloc), args, loc)   // a static method of the same type
            }
        }
        switch callee {
        case .member(.selfRef(let sloc), "init", _):
            return delegatingInit(args, sloc, loc)
        case .name("swap", _) where args.count == 2 && lookup("swap") == nil:
            guard let a = compileLValue(args[0].value, .assign), let b = compileLValue(args[1].value, .assign) else {
                error("swap(_:_:) needs two variables", loc)
                return { _ in .void }
            }
            let ae = compileExpr(args[0].value), be = compileExpr(args[1].value)
            return { f in
                let x = try ae(f), y = try be(f)
                try a.modify(f) { $0 = y }
                try b.modify(f) { $0 = x }
                return .void
            }
        case .name(let n, let nloc):
            guard let ref = lookup(n) else {
                _ = args.map { compileExpr($0.value) }
                if let why = UnsupportedTypes.message(n) ?? selfTypeMessage(n) { error(why, nloc); return { _ in .void } }
                let hint = scopeHint(n)
                error("cannot find '\(n)' in scope\(hint)", nloc)
                return { _ in .void }
            }
            switch ref {
            case .local(_, _, let b), .global(_, let b):
                if !b.funcs.isEmpty { return directCall(n, b.funcs, args, loc, nloc) }
                if case .global = ref, let sig = interp.hostSignatures[n] {
                    // Engine functions take their labels in any order (as Python keyword arguments);
                    // the host reads them by name, so the check sees them in the signature's order.
                    let (sortedLabels, sortedTrailing) = sig.inSignatureOrder(labels, trailing)
                    if case .failure(let msg) = matchArguments(sortedLabels, trailing: sortedTrailing, sig.shapes) {
                        error(msg, args.first?.labelLoc ?? loc)
                    }
                }
                return dynamicCall(loadRef(ref, n, nloc), args, loc)
            case .type(let t):
                return constructCall(t, args, loc)
            case .builtinType(let tn):
                let argEs = args.map { EvalBox(compileExpr($0.value)) }
                let interp = self.interp
                if argEs.count == 1 && labels[0] == nil, let toInt = Compiler.numericConversions[tn] {
                    // `Double(i)`, `Int(d)`: numbers converted here, anything else as below
                    let a0 = argEs[0].f
                    return { f in
                        let v = try a0(f)
                        if let r = Interpreter.fastConversion(toInt: toInt, v) { return r }
                        return try interp.callBuiltinType(tn, [v], labels, loc)
                    }
                }
                if argEs.count == 1 && labels[0] == nil && tn == "Array" {
                    // `Array(src)`: an ASCII string's Characters from a table, an array itself
                    let a0 = argEs[0].f
                    return { f in
                        let v = try a0(f)
                        switch v {
                        case .array: return v
                        case .string(let s): if let cs = AsciiCharacters.characters(s) { return .array(cs) }
                        default: break
                        }
                        return try interp.callBuiltinType(tn, [v], labels, loc)
                    }
                }
                if argEs.count == 1 && labels[0] == nil && tn == "String" {
                    let a0 = argEs[0].f
                    return { f in
                        let v = try a0(f)
                        if let r = Interpreter.fastStringConversion(v) { return r }
                        return try interp.callBuiltinType(tn, [v], labels, loc)
                    }
                }
                return { f in
                    let vs = try [Value].evaluated(argEs.count) { try argEs[$0].f(f) }
                    return try interp.callBuiltinType(tn, vs, labels, loc)
                }
            case .selfMethod(let d, _, let name):
                return methodCall(base: { f in f.up(d).slots[0] }, baseExpr: .selfRef(loc), name, args, loc)
            case .selfField, .selfComputed:
                return dynamicCall(loadRef(ref, n, nloc), args, loc)
            }
        case .member(.superRef(let sloc), let name, _):
            if let (mctx, d) = ctx.methodContext(), let st = mctx.selfType, st.superType == nil, let hb = interp.hostBase(of: st) {
                return hostSuperCall(hb, name, args, depth: d, loc)
            }
            guard let (mctx, d) = ctx.methodContext(), let st = mctx.selfType, let sup = st.superType else {
                error("'super' members cannot be referenced in a root class", sloc)
                return { _ in .void }
            }
            let argEs = args.map { EvalBox(compileExpr($0.value)) }
            let interp = self.interp
            if name == "init" {
                let shapesList = sup.initializers
                if !shapesList.isEmpty, !shapesList.contains(where: { if case .success = matchArguments(labels, trailing: trailing, $0.shapes) { return true }; return false }) {
                    error(labelMessage(labels, shapesList[0].shapes), loc)
                }
                let cache = MethodCache()
                return { f in
                    var vs: [Value] = []
                    vs.reserveCapacity(argEs.count)
                    for a in argEs { vs.append(try a.f(f)) }
                    try interp.runInit(sup, selfValue: f.up(d).slots[0], vs, labels, loc, cache: cache)
                    return .void
                }
            }
            let cache = MethodCache()
            return { f in
                var vs: [Value] = []
                vs.reserveCapacity(argEs.count)
                for a in argEs { vs.append(try a.f(f)) }
                // the method is looked up from the superclass, whatever the class of `self`
                return try interp.cachedCall(f.up(d).slots[0], sup, name, vs, labels, loc, cache)
            }
        case .member(.name(let tn, let tloc), let name, let mloc):
            if case .type(let t)? = lookup(tn) {
                if let c = t.caseByName[name] { return enumCaseCall(c, args, loc) }
                let argEs = args.map { EvalBox(compileExpr($0.value)) }
                let interp = self.interp
                if t.findStatic(name).isEmpty && t.staticFields[name] == nil && name != "init" {
                    error("type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, Array(t.staticMethods.keys) + Array(t.staticFields.keys)))", mloc)
                }
                return { f in
                    var vs: [Value] = []
                    for a in argEs { vs.append(try a.f(f)) }
                    return try interp.callStatic(t, name, vs, labels, loc)
                }
            }
            if case .builtinType(let bt)? = lookup(tn) {
                let argEs = args.map { EvalBox(compileExpr($0.value)) }
                let interp = self.interp
                _ = tloc
                return { f in
                    var vs: [Value] = []
                    for a in argEs { vs.append(try a.f(f)) }
                    return try interp.callBuiltinStatic(bt, name, vs, labels, loc)
                }
            }
            checkMethodCall(.name(tn, tloc), name, args, loc, mloc)
            let be = compileExpr(.name(tn, tloc))
            return methodCall(base: be, baseExpr: .name(tn, tloc), name, args, mloc)
        case .member(let base, let name, let mloc):
            checkMethodCall(base, name, args, loc, mloc)
            let be = compileExpr(base)
            return methodCall(base: be, baseExpr: base, name, args, mloc)
        case .optMember(let base, let name, let mloc):
            // `a?.f(x)`: nil when `a` is nil, else Optional(result)
            let argEs = args.map { EvalBox(compileExpr($0.value)) }
            let interp = self.interp
            if isMutatingName(name), let lv = compileLValue(base, forMutation: name) {
                // `d["k"]?.append(3)` on a `[String: [Double]]`: the element stored becomes a Double
                var elem = Coercion.identity
                if case .optional(.array(let c)) = lv.coercion { elem = c }
                if case .array(let c) = lv.coercion { elem = c }
                if (name == "append" || name == "insert") && !args.isEmpty && args[0].label == "contentsOf" { elem = .array(elem) }
                if !(name == "append" || name == "insert") || args.isEmpty { elem = .identity }
                return { f in
                    var vs: [Value] = []
                    for a in argEs { vs.append(try a.f(f)) }
                    if !elem.isNone { vs[0] = try elem.apply(vs[0], mloc) }
                    var result = Value.nilValue
                    try lv.modify(f) { v in
                        if case .nilValue = v { return }
                        let r = try interp.callMethodInPlace(&v, name, vs, labels, mloc)
                        switch r {
                        case .optional, .nilValue, .void: result = r
                        default: result = .optional(r)
                        }
                    }
                    return result
                }
            }
            let be = compileExpr(base)
            return { f in
                guard let b = try be(f).unwrapped else { return .nilValue }
                var vs: [Value] = []
                for a in argEs { vs.append(try a.f(f)) }
                let r = try interp.callMethod(b, name, vs, labels, mloc)
                switch r {
                case .optional, .nilValue: return r
                case .void: return .void
                default: return .optional(r)
                }
            }
        case .implicitMember(let name, let mloc):
            let cands = enumCasesWithValues(named: name)
            if cands.count == 1 { return enumCaseCall(cands[0], args, loc) }
            if cands.count > 1 {
                error("ambiguous use of '.\(name)(...)': it is a case of \(cands.map { "'\($0.type.name)'" }.joined(separator: " and "))", mloc,
                      notes: ["note: name the type: \(cands[0].type.name).\(name)(...)"])
            }
            let argEs = args.map { EvalBox(compileExpr($0.value)) }
            return { f in
                var vs: [Value] = []
                for a in argEs { vs.append(try a.f(f)) }
                _ = mloc
                return .tuple(TupleBox.make([.symbol(name)] + vs, labels: [nil] + labels))
            }
        default:
            return dynamicCall(compileExpr(callee), args, loc)
        }
    }

    /// Static checks of `base.name(args)` when the type of `base` is a known user type.
    func checkMethodCall(_ base: Expr, _ name: String, _ args: [Arg], _ loc: Loc, _ mloc: Loc) {
        guard case .instance(let t) = staticKind(base), t.kind != .enumType, interp.hostBase(of: t) == nil else { return }
        let labels = args.map(\.label)
        let trailing = args.map(\.isTrailing)
        let ms = t.findMethods(name)
        if ms.isEmpty && t.fieldIndex[name] == nil && t.findComputed(name) == nil {
            error("value of type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, t.memberNames))", mloc)
        } else if !ms.isEmpty, !ms.contains(where: { if case .success = matchArguments(labels, trailing: trailing, $0.shapes) { return true }; return false }) {
            error(ms.count == 1 ? labelMessage(labels, ms[0].shapes) : "no exact matches in call to instance method '\(name)'", args.first?.labelLoc ?? loc)
        } else if !ms.isEmpty, ms.allSatisfy(\.isThrowing) {
            checkTryMarked(ms[0], mloc, args)
        }
    }

    /// Builtin types whose one-argument conversion of a number call sites do themselves (true: to Int).
    static let numericConversions: [String: Bool] = ["Int": true, "Int64": true, "Int32": true, "UInt8": true,
                                                      "Double": false, "Float": false, "Float32": false, "Float64": false, "CGFloat": false]

    /// Calls a value known only at run time (a closure, a host function, a native object, a type).
    func dynamicCall(_ calleeE: @escaping Eval, _ args: [Arg], _ loc: Loc) -> Eval {
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        let labels = args.map(\.label)
        let interp = self.interp
        let hasLabels = labels.contains { $0 != nil }
        if argEs.count == 1 && !hasLabels {
            let a0 = argEs[0].f
            return { f in
                let c = try calleeE(f)
                let v = try a0(f)
                if case .function(let fn) = c {
                    if let p = fn.proto, p.paramCount == 1, p.variadicIndex == nil, !p.hasSelf {
                        let a = p.coercionKinds[0] == .identity ? v : try p.coercions[0].applyConverting(v, loc)
                        return try interp.call(p, parent: fn.env, a, loc)
                    }
                    if let k = fn.fast, let r = k.apply(v) { return r }
                }
                return try interp.callValue(c, [v], labels, loc)
            }
        }
        if argEs.count == 2 && !hasLabels {
            let a0 = argEs[0].f, a1 = argEs[1].f
            return { f in
                let c = try calleeE(f)
                let v0 = try a0(f), v1 = try a1(f)
                if case .function(let fn) = c, let k = fn.fast, let r = k.apply(v0, v1) { return r }
                return try interp.callValue(c, [v0, v1], labels, loc)
            }
        }
        return { f in
            let c = try calleeE(f)
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.callValue(c, vs, labels, loc)
        }
    }
}
