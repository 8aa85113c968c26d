import RLSupport

/// `T(args)` for user types: label checks while compiling, the fast path when the initializer is known.
extension Compiler {
    /// `T(args)` for a user type.
    func constructCall(_ t: StructType, _ args: [Arg], _ loc: Loc) -> Eval {
        let labels = args.map(\.label)
        let trailing = args.map(\.isTrailing)
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        if t.kind == .protocolType {
            error("'\(t.name)' is a protocol and cannot be constructed", loc, notes: ["note: construct a type that adopts '\(t.name)'"])
        } else if t.kind != .enumType {
            let candidates = t.initializers
            var shapesList = candidates.map(\.shapes)
            if candidates.isEmpty && t.isClass && interp.hostBase(of: t)?.initialize != nil {
                shapesList = []   // the engine base's initializer checks its own arguments when it runs
            } else if candidates.isEmpty {
                shapesList = [t.isClass ? [] : interp.memberwiseShapes(t)]
            } else if !t.isClass && !t.hasExplicitInit {
                shapesList.append(interp.memberwiseShapes(t))   // initializers from extensions keep the memberwise one
            }
            if !shapesList.isEmpty, !shapesList.contains(where: { if case .success = matchArguments(labels, trailing: trailing, $0) { return true }; return false }) {
                let msg = shapesList.count == 1 ? labelMessage(labels, shapesList[0]) : "no exact matches in call to initializer"
                error(msg, args.first?.labelLoc ?? loc)
            }
        }
        if let fast = fastConstruct(t, labels, trailing, argEs, loc) { return fast }
        let interp = self.interp
        if t.kind == .enumType && labels == ["rawValue"] {
            // `Action(rawValue: k)` with an Int: the case found here (what `construct` does)
            let a0 = argEs[0].f
            return { f in
                let v = try a0(f)
                if case .int(let x) = v, let r = Interpreter.enumCase(t, intRawValue: x) { return r }
                return try interp.construct(t, [v], labels, loc)
            }
        }
        return { f in
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.construct(t, vs, labels, loc)
        }
    }
}

/// `T(args)` without the general machinery when the initializer is known before running:
/// a struct's memberwise initializer, or the one initializer of a class or struct.
extension Compiler {
    /// Literal initial values (property defaults stored without evaluating code).
    func constantValue(_ e: Expr) -> Value? {
        switch e {
        case .intLit(let n, _): return .int(n)
        case .doubleLit(let d, _): return .double(d)
        case .boolLit(let b, _): return .bool(b)
        case .stringLit(let s, _): return .string(s)
        case .nilLit: return .nilValue
        case .array(let items, _):
            var out: [Value] = []
            for x in items { guard let v = constantValue(x) else { return nil }; out.append(v) }
            return .array(out)
        default: return nil
        }
    }

    func fastConstruct(_ t: StructType, _ labels: [String?], _ trailing: [Bool], _ argEs: [EvalBox], _ loc: Loc) -> Eval? {
        guard t.kind == .structType || t.kind == .classType else { return nil }
        let interp = self.interp
        let candidates = t.initializers
        if candidates.contains(where: { $0.isFailable }) { return nil }   // `init?`: construct decides
        if !t.isClass && candidates.isEmpty {
            // memberwise: each argument goes to its field
            let shapes = interp.memberwiseShapes(t)
            guard case .success(let m) = matchArguments(labels, trailing: trailing, shapes) else { return nil }
            var targets = [(field: Int, coercion: Coercion)](repeating: (0, .identity), count: argEs.count)
            for (pi, src) in m.enumerated() {
                guard case .arg(let ai) = src else { continue }
                guard let k = t.fieldIndex[shapes[pi].label ?? ""] else { return nil }
                targets[ai] = (k, t.fieldCoercions[k])
            }
            if targets.count == t.fieldNames.count && targets.enumerated().allSatisfy({ $0.element.field == $0.offset }) {
                // every stored property given, in order (the usual `P(x: 1, y: 2)`): the
                // arguments are evaluated straight into the new instance's fields
                let cs = targets.map(\.coercion)
                let ks = cs.map(CoercionKind.init)
                let n = cs.count
                if n == 2 {
                    // `Point(x: 1, y: 2)`: the arguments and conversions captured directly (not
                    // taken from arrays per field)
                    let e0 = argEs[0].f, e1 = argEs[1].f, c0 = cs[0], c1 = cs[1], k0 = ks[0], k1 = ks[1]
                    return { f in
                        let s = StructInstance.make(t, count: 2)
                        s.initializeVoidField(0, try c0.apply(try e0(f), keeping: k0, loc))
                        s.initializeVoidField(1, try c1.apply(try e1(f), keeping: k1, loc))
                        return .structValue(s)
                    }
                }
                return { f in
                    let s = StructInstance.make(t, count: n)
                    for i in 0..<n { s.initializeVoidField(i, try cs[i].apply(try argEs[i].f(f), keeping: ks[i], loc)) }
                    return .structValue(s)
                }
            }
            return { f in
                let s = try interp.newStruct(t)
                for i in 0..<argEs.count {
                    let (k, c) = targets[i]
                    s[k] = try c.apply(try argEs[i].f(f), loc)
                }
                return .structValue(s)
            }
        }
        // one initializer (or none, for a class): call it directly in a recycled frame
        guard candidates.count <= 1, t.isClass || !t.hasExtensionInits else { return nil }
        guard let p = candidates.first else {
            guard t.isClass, argEs.isEmpty else { return nil }
            return { _ in .object(try interp.newObject(t)) }
        }
        guard case .success(let m) = matchArguments(labels, trailing: trailing, p.shapes) else { return nil }
        let isClass = t.isClass
        let simple = m.count == argEs.count && m.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
        if simple {
            // arguments evaluated straight into the initializer's frame (no argument array); a
            // nested `T(...)` among them takes another frame from the pool
            let args = DirectArgs(argEs, p.coercions)
            if isClass {
                return { f in
                    return try interp.withFrame(p, parent: nil) { frame in
                        try args.fill(frame, from: f, at: 1, loc)
                        let o = try interp.newObject(t)
                        frame.setParameter(0, .object(o))
                        _ = try interp.execute(p, frame, loc)
                        return .object(o)
                    }
                }
            }
            // the frame holds the only reference to a new struct: the initializer's writes
            // change it in place
            return { f in
                return try interp.withFrame(p, parent: nil) { frame in
                    try args.fill(frame, from: f, at: 1, loc)
                    frame.setParameter(0, .structValue(try interp.newStruct(t)))
                    _ = try interp.execute(p, frame, loc)
                    return frame.read(0)
                }
            }
        }
        return { f in
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            let selfValue: Value = isClass ? .object(try interp.newObject(t)) : .structValue(try interp.newStruct(t))
            var frame = interp.acquireFrame(p, parent: nil)
            frame.slots[0] = consume selfValue   // the frame's reference is a new struct's only one
            try interp.fillFrame(frame, p, m, vs, offset: 1, loc)
            _ = try interp.execute(p, frame, loc)
            let result = frame.read(0)
            interp.recycleFrame(p, &frame)
            return result
        }
    }
}

extension Compiler {
    /// The type Swift gives an array literal whose leaves are Int literals and Doubles (a Double
    /// literal or an expression known to be a Double), at any nesting: `[1, 2.5]` is `[Double]`,
    /// `[[0, 1], [0.5, 2]]` is `[[Double]]`. Nil when no Int literal would become a Double
    /// (nothing to convert) or the literal holds anything else.
    func promotedNumericLiteralType(_ e: Expr) -> TypeExpr? {
        guard let (t, sawDouble, sawInt) = numericLiteralShape(e), sawDouble && sawInt else { return nil }
        return t
    }

    /// The `[Double]` (`[[Double]]`...) type of an array literal of numbers with a Double among
    /// them, with whether Doubles and Int literals were seen; nil for anything else.
    func numericLiteralShape(_ e: Expr) -> (TypeExpr, sawDouble: Bool, sawInt: Bool)? {
        var sawDouble = false, sawInt = false
        func shape(_ e: Expr) -> TypeExpr? {
            switch e {
            case .intLit, .unary("-", .intLit, _): sawInt = true; return .named("Double", [])
            case .doubleLit, .unary("-", .doubleLit, _): sawDouble = true; return .named("Double", [])
            case .array(let items, _):
                guard let first = items.first, let t = shape(first) else { return nil }
                for x in items.dropFirst() { guard let u = shape(x), u.description == t.description else { return nil } }
                return .array(t)
            case .binary(let op, let l, let r, _) where ["+", "-", "*", "/"].contains(op):
                // `2 * dt`: a Double when either side is one
                var d = false
                for x in [l, r] {
                    switch x {
                    case .intLit, .doubleLit: break
                    default: if case .double = staticKind(x) { d = true } else { return nil }
                    }
                }
                if case .doubleLit = l { d = true }
                if case .doubleLit = r { d = true }
                guard d else { return nil }
                sawDouble = true
                return .named("Double", [])
            default:
                if case .double = staticKind(e) { sawDouble = true; return .named("Double", []) }
                return nil
            }
        }
        guard case .array = e, let t = shape(e) else { return nil }
        return (t, sawDouble, sawInt)
    }
}

/// The arguments of a call evaluated and converted into the callee's parameter slots, the first
/// two evaluators and conversions held directly: taking them from arrays on every call retained
/// and released each one. A class: captured as one reference (a struct this size made the
/// calling closure's context a heap allocation).
final class DirectArgs {
    let n: Int
    /// Unused ones are `{ _ in .void }` (an optional closure is stored at its most general
    /// abstraction: calling it allocated a thunk per call).
    let e0: Eval, e1: Eval
    let c0: Coercion, c1: Coercion
    let k0: CoercionKind, k1: CoercionKind
    /// All evaluators and conversions, for the third argument on.
    let all: [EvalBox], allCs: [Coercion]

    init(_ argEs: [EvalBox], _ cs: [Coercion]) {
        n = argEs.count
        e0 = n > 0 ? argEs[0].f : { _ in .void }
        e1 = n > 1 ? argEs[1].f : { _ in .void }
        c0 = n > 0 ? cs[0] : .identity
        c1 = n > 1 ? cs[1] : .identity
        k0 = CoercionKind(c0)
        k1 = CoercionKind(c1)
        all = argEs
        allCs = cs
    }

    /// Evaluates the arguments in `f` (in order) into `frame`'s slots from `first` on.
    @inline(__always) func fill(_ frame: Frame, from f: Frame, at first: Int, _ loc: Loc) throws {
        if n == 0 { return }
        frame.setParameter(first, try c0.apply(try e0(f), keeping: k0, loc))
        if n == 1 { return }
        frame.setParameter(first + 1, try c1.apply(try e1(f), keeping: k1, loc))
        if n == 2 { return }
        for i in 2..<n { frame.setParameter(first + i, try allCs[i].apply(try all[i].f(f), loc)) }
    }
}
