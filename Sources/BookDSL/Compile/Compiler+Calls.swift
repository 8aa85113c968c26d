import RLSupport

/// Where a parameter's value comes from at a call.
enum ArgSource {
    case arg(Int)
    case defaultValue
    case variadic([Int])
}

/// Parameter shape used for matching a call's labels (Swift's rules, simplified).
struct ParamShape {
    var label: String?
    var hasDefault: Bool
    var variadic: Bool
}

/// Matches the labels of a call against parameters; returns the mapping or a Swift-like message.
/// The outcome of matching call labels to parameters.
enum ArgMatch {
    case success([ArgSource])
    case failure(String)
}

func matchArguments(_ given: [String?], trailing: [Bool], _ params: [ParamShape]) -> ArgMatch {
    var out: [ArgSource] = []
    var i = 0
    for p in params {
        if p.variadic {
            var idx: [Int] = []
            if i < given.count && (given[i] == p.label || trailing[i]) {
                idx.append(i); i += 1
                while i < given.count && given[i] == nil && !(trailing[i] && false) { idx.append(i); i += 1 }
            }
            out.append(.variadic(idx))
            continue
        }
        if i < given.count && (given[i] == p.label || (trailing[i] && given[i] == nil)) {
            out.append(.arg(i)); i += 1
        } else if p.hasDefault {
            out.append(.defaultValue)
        } else {
            return .failure(labelMessage(given, params))
        }
    }
    if i < given.count { return .failure(labelMessage(given, params)) }
    return .success(out)
}

/// Swift's wording for label / arity mismatches.
func labelMessage(_ given: [String?], _ params: [ParamShape]) -> String {
    func text(_ ls: [String?]) -> String { ls.map { ($0 ?? "_") + ":" }.joined() }
    let required = params.filter { !$0.hasDefault && !$0.variadic }
    if given.count == params.count || (given.count >= required.count && given.count <= params.count) {
        let expected = Array(params.prefix(given.count)).map(\.label)
        let diffs = zip(given, expected).filter { $0.0 != $0.1 }
        if diffs.count == 1, let (g, e) = diffs.first {
            if g == nil, let e { return "missing argument label '\(e):' in call" }
            if e == nil, let g { return "extraneous argument label '\(g):' in call" }
        }
        if !diffs.isEmpty {
            return "incorrect argument label\(diffs.count > 1 ? "s" : "") in call (have '\(text(given))', expected '\(text(params.map(\.label)))')"
        }
    }
    if given.count < required.count {
        let missing = required[given.count]
        return "missing argument for parameter \(missing.label.map { "'\($0)'" } ?? "#\(given.count + 1)") in call"
    }
    if given.count > params.count && !params.contains(where: { $0.variadic }) {
        return params.isEmpty ? "argument passed to call that takes no arguments" : "extra argument\(given[params.count].map { " '\($0)'" } ?? "") in call"
    }
    return "incorrect argument labels in call (have '\(text(given))', expected '\(text(params.map(\.label)))')"
}

extension FunctionProto {
    var shapes: [ParamShape] {
        (0..<paramCount).map { ParamShape(label: labels[$0], hasDefault: defaults[$0] != nil, variadic: variadicIndex == $0) }
    }
}

extension Signature {
    var shapes: [ParamShape] { parameters.map { ParamShape(label: $0.label, hasDefault: $0.hasDefault, variadic: $0.variadic) } }

    /// The call's labels (and trailing flags) stably reordered to follow the signature: unlabelled
    /// values first as written, labelled ones in parameter order, unknown labels and trailing
    /// closures last.
    func inSignatureOrder(_ labels: [String?], _ trailing: [Bool]) -> ([String?], [Bool]) {
        func key(_ i: Int) -> Int {
            if trailing[i] { return Int.max }
            guard let l = labels[i] else { return -1 }
            return parameters.firstIndex { $0.label == l } ?? Int.max - 1
        }
        let order = labels.indices.sorted { a, b in key(a) != key(b) ? key(a) < key(b) : a < b }
        return (order.map { labels[$0] }, order.map { trailing[$0] })
    }
}

extension Compiler {
    // MARK: - Calls

    func compileCall(_ callee: Expr, _ args: [Arg], _ loc: Loc) -> Eval {
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
        switch callee {
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
                return { f in
                    var vs: [Value] = []
                    vs.reserveCapacity(argEs.count)
                    for a in argEs { vs.append(try a.f(f)) }
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
                let shapesList = initCandidates(sup)
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
                return { f in
                    var vs: [Value] = []
                    for a in argEs { vs.append(try a.f(f)) }
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
                return .tuple(TupleBox([.symbol(name)] + vs, labels: [nil] + labels))
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
            checkTryMarked(ms[0], mloc)
        }
    }

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
                if case .function(let fn) = c, let p = fn.proto, p.paramCount == 1, p.variadicIndex == nil, !p.hasSelf {
                    var frame = interp.acquireFrame(p, parent: fn.env)
                    frame.slots[0] = try p.coercions[0].apply(v, loc)
                    let r = try interp.execute(p, frame, loc)
                    interp.recycleFrame(p, &frame)
                    return r
                }
                return try interp.callValue(c, [v], labels, loc)
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
        checkTryMarked(proto, nloc)
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
                if let lv = compileLValue(args[ai].value, .assign) { writeBacks.append((pi, lv)) }
            }
        }
        if !writeBacks.isEmpty {
            let wbs = writeBacks
            return { f in
                var vals: [Value] = []
                for a in argEs { vals.append(try a.f(f)) }
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                let frame = Frame.make(count: proto.slotCount, parent: c.env)
                try interp.fillFrame(frame, proto, mapping, vals, offset: 0, loc)
                let r = try interp.execute(proto, frame, loc)
                for wb in wbs {
                    let v = frame.read(wb.slot)
                    try wb.lv.modify(f) { $0 = v }
                }
                return r
            }
        }
        let simple = mapping.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
        if simple && n == 1, case .global(let gs) = storage {
            let a0 = argEs[0].f
            let c0 = proto.coercions[0]
            let g = self.g
            // a top-level function sees only globals and its own locals: no environment needed
            _ = g
            _ = gs
            return { f in
                let v0 = try a0(f)
                var frame = interp.acquireFrame(proto, parent: nil)
                frame.slots[0] = try c0.apply(v0, loc)
                let r = try interp.execute(proto, frame, loc)
                interp.recycleFrame(proto, &frame)
                return r
            }
        }
        if simple && n == 1 {
            let a0 = argEs[0].f
            return { f in
                let v0 = try a0(f)
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                var frame = interp.acquireFrame(proto, parent: c.env)
                frame.slots[0] = try proto.coercions[0].apply(v0, loc)
                let r = try interp.execute(proto, frame, loc)
                interp.recycleFrame(proto, &frame)
                return r
            }
        }
        if simple && n == 2 {
            let a0 = argEs[0].f, a1 = argEs[1].f
            return { f in
                let v0 = try a0(f), v1 = try a1(f)
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                var frame = interp.acquireFrame(proto, parent: c.env)
                frame.slots[0] = try proto.coercions[0].apply(v0, loc)
                frame.slots[1] = try proto.coercions[1].apply(v1, loc)
                let r = try interp.execute(proto, frame, loc)
                interp.recycleFrame(proto, &frame)
                return r
            }
        }
        if simple {
            let cs = proto.coercions
            return { f in
                guard case .function(let c) = try loadC(f) else { throw RuntimeError("'\(name)' is used before its declaration ran", loc) }
                var frame = interp.acquireFrame(proto, parent: c.env)
                let slots = frame.slots
                for i in 0..<argEs.count { slots[i] = try cs[i].apply(try argEs[i].f(f), loc) }
                let r = try interp.execute(proto, frame, loc)
                interp.recycleFrame(proto, &frame)
                return r
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

    /// Frame depth of a local slot holding `name`.
    func localDepth(_ name: String, _ slot: Int) -> Int {
        if case .local(let d, let s, _)? = lookup(name), s == slot { return d }
        return 0
    }

    func initCandidates(_ t: StructType) -> [FunctionProto] {
        var c: StructType? = t
        while let cc = c {
            if !cc.inits.isEmpty { return cc.inits }
            if !cc.isClass { return [] }
            c = cc.superType
        }
        return []
    }

    /// `T(args)` for a user type.
    func constructCall(_ t: StructType, _ args: [Arg], _ loc: Loc) -> Eval {
        let labels = args.map(\.label)
        let trailing = args.map(\.isTrailing)
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        if t.kind == .protocolType {
            error("'\(t.name)' is a protocol and cannot be constructed", loc, notes: ["note: construct a type that adopts '\(t.name)'"])
        } else if t.kind != .enumType {
            let candidates = initCandidates(t)
            var shapesList = candidates.map(\.shapes)
            if candidates.isEmpty {
                shapesList = [t.isClass ? [] : interp.memberwiseShapes(t)]
            } else if !t.isClass && !t.hasExplicitInit {
                shapesList.append(interp.memberwiseShapes(t))   // initializers from extensions keep the memberwise one
            }
            if !shapesList.contains(where: { if case .success = matchArguments(labels, trailing: trailing, $0) { return true }; return false }) {
                let msg = shapesList.count == 1 ? labelMessage(labels, shapesList[0]) : "no exact matches in call to initializer"
                error(msg, args.first?.labelLoc ?? loc)
            }
        }
        if let fast = fastConstruct(t, labels, trailing, argEs, loc) { return fast }
        let interp = self.interp
        return { f in
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.construct(t, vs, labels, loc)
        }
    }

    /// Whether a method name may mutate its receiver (so the receiver is accessed in place).
    func isMutatingName(_ name: String) -> Bool {
        Compiler.mutatingBuiltins.contains(name) || interp.mutatingMethodNames.contains(name)
    }

    static let mutatingBuiltins: Set<String> = ["append", "insert", "remove", "removeLast", "removeFirst", "removeAll", "popLast",
                                                "sort", "reverse", "shuffle", "swapAt", "removeValue", "updateValue", "merge",
                                                "removeSubrange", "append(contentsOf:)", "formUnion", "toggle", "negate",
                                                "formIntersection", "subtract", "formSymmetricDifference", "update", "popFirst"]

    /// `base.name(args)`.
    func methodCall(base: @escaping Eval, baseExpr: Expr, _ name: String, _ args: [Arg], _ loc: Loc) -> Eval {
        let labels = args.map(\.label)
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
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
                    } else {
                        _ = try interp.callMethodInPlace(&v, name, [x], labels, loc)
                    }
                }
                return .void
            }
        }
        if isMutatingName(name), let lv = compileLValue(baseExpr, forMutation: name) {
            let cache = MethodCache()
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
        if argEs.count == 1 {
            let a0 = argEs[0].f
            return { f in
                let b = try base(f)
                let v0 = try a0(f)
                if let t = b.userTypeIdentity, let (p, firstIsIdentity) = cache.simple(t) {
                    var frame = interp.acquireFrame(p, parent: nil)
                    frame.slots[0] = b
                    frame.slots[1] = firstIsIdentity ? v0 : try p.coercions[0].apply(v0, loc)
                    let r = try interp.execute(p, frame, loc)
                    interp.recycleFrame(p, &frame)
                    return r
                }
                return try interp.callMethod(b, name, [v0], labels, loc, cache: cache)
            }
        }
        if argEs.isEmpty {
            return { f in
                let b = try base(f)
                if let t = b.userTypeIdentity, let (p, _) = cache.simple(t) {
                    var frame = interp.acquireFrame(p, parent: nil)
                    frame.slots[0] = b
                    let r = try interp.execute(p, frame, loc)
                    interp.recycleFrame(p, &frame)
                    return r
                }
                return try interp.callMethod(b, name, [], labels, loc, cache: cache)
            }
        }
        return { f in
            let b = try base(f)
            if let t = b.userTypeIdentity, let (p, _) = cache.simple(t) {
                // arguments evaluated straight into the method's frame
                var frame = interp.acquireFrame(p, parent: nil)
                let slots = frame.slots
                slots[0] = b
                for i in 0..<argEs.count { slots[i + 1] = try p.coercions[i].apply(try argEs[i].f(f), loc) }
                let r = try interp.execute(p, frame, loc)
                interp.recycleFrame(p, &frame)
                return r
            }
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.callMethod(b, name, vs, labels, loc, cache: cache)
        }
    }
}
