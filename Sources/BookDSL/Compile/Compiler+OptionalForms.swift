import RLSupport

/// Swift forms whose value depends on what is absent or on the initializer being named:
/// optional calls and subscripts (`f?(x)`, `xs?[i]`), initializers as function values
/// (`map(String.init)`), and `self.init(...)` delegation.
extension Compiler {
    func isTypeName(_ tn: String) -> Bool {
        switch lookup(tn) {
        case .type?, .builtinType?: return true
        default: return false
        }
    }

    /// `xs?[i]`: nil when `xs` is absent, else the element as an optional.
    func optionalSubscript(_ inner: Expr, _ args: [Arg], _ loc: Loc) -> Eval {
        optionalApply(inner, args) { interp, b, vs, labels in try interp.subscriptGet(b, vs, labels, loc) }
    }

    /// `inner` evaluated and unwrapped: nil (the arguments not evaluated) when it is absent, else `apply` to it and
    /// the arguments, the result as an optional (a result that is already optional is not wrapped again).
    func optionalApply(_ inner: Expr, _ args: [Arg],
                       _ apply: @escaping (Interpreter, Value, [Value], [String?]) throws -> Value) -> Eval {
        let be = compileExpr(inner)
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        let labels = args.map(\.label)
        let interp = self.interp
        return { f in
            guard let b = try be(f).unwrapped else { return .nilValue }
            let vs = try [Value].evaluated(argEs.count) { try argEs[$0].f(f) }
            let r = try apply(interp, b, vs, labels)
            switch r {
            case .optional, .nilValue: return r
            default: return .optional(r)
            }
        }
    }

    /// `xs.map(String.init)`, `compactMap(Int.init)`, `[1, 2].map(W.init)`: the initializer as a
    /// function; called without labels, a cell type's only initializer (or memberwise one) takes them.
    func initializerValue(_ tn: String, _ loc: Loc) -> Eval {
        let te = compileName(tn, loc)
        let interp = self.interp
        return { f in
            let t = try te(f)
            return .function(Callable(name: "\(tn).init", signature: nil) { a in
                var labels = a.labels
                if case .type(let tv) = t, let ut = tv.userType, labels.allSatisfy({ $0 == nil }) {
                    let shapes = ut.inits.count == 1 ? ut.inits[0].shapes : (ut.inits.isEmpty && !ut.isClass ? interp.memberwiseShapes(ut) : [])
                    if shapes.count == labels.count { labels = shapes.map(\.label) }
                }
                return try interp.callValue(t, a.values, labels, loc)
            })
        }
    }
}

extension Compiler {
    /// `f?(x)`, `handlers[k]?()`: nil (the arguments not evaluated) when the function is absent,
    /// else its result as an optional (a result that is already optional is not wrapped again).
    func optionalCall(_ inner: Expr, _ args: [Arg], _ loc: Loc) -> Eval {
        optionalApply(inner, args) { interp, fn, vs, labels in try interp.callValue(fn, vs, labels, loc) }
    }
}

extension Compiler {
    /// `self.init(...)` in an initializer (a struct's delegating init, a class's `convenience
    /// init`): a struct's `self` becomes the value the other initializer makes; a class's other
    /// initializer runs on the same instance.
    func delegatingInit(_ args: [Arg], _ sloc: Loc, _ loc: Loc) -> Eval {
        guard let (mctx, d) = ctx.methodContext(), mctx.isInit, let t = mctx.selfType else {
            error("'self.init' can only be called inside an initializer", sloc)
            return { _ in .void }
        }
        let labels = args.map(\.label)
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        let interp = self.interp
        if t.isClass {
            // the initializer is chosen by the instance's class: a convenience init that a subclass inherits
            // delegates to the subclass's designated initializer, as in Swift
            return { f in
                let vs = try [Value].evaluated(argEs.count) { try argEs[$0].f(f) }
                let selfV = f.up(d).slots[0]
                var cls = t
                if case .object(let o) = selfV { cls = o.cls }
                try interp.runInit(cls, selfValue: selfV, vs, labels, loc)
                return .void
            }
        }
        return { f in
            let vs = try [Value].evaluated(argEs.count) { try argEs[$0].f(f) }
            f.up(d).slots[0] = try interp.construct(t, vs, labels, loc)
            return .void
        }
    }
}
