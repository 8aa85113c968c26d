import RLSupport

/// `switch` statements and case patterns.
extension Compiler {
    func compileSwitch(_ subject: Expr, _ cases: [SwitchCase], _ loc: Loc, label: String? = nil) -> Exec {
        let subj = compileExpr(subject)
        let lid = enterBreakable(label, isLoop: false, loc)
        defer { leaveBreakable() }
        let interp = self.interp
        var clauses: [SwitchClause] = []
        var hasDefault = false
        for c in cases {
            pushScope()
            let matchers = c.patterns.map { PatternBox(compilePattern($0, c.loc)) }
            let whereTest = c.whereClause.map { compileCondition($0) }
            let isDefault = c.isDefault
            if isDefault { hasDefault = true }
            let m: (Frame, Value) throws -> Bool
            if isDefault {
                m = { _, _ in true }
            } else if matchers.count == 1 && whereTest == nil {
                m = matchers[0].f
            } else if matchers.count == 1, let w = whereTest {
                let m0 = matchers[0].f
                m = { f, v in try m0(f, v) && w(f) }
            } else {
                m = { f, v in
                    for mt in matchers where try mt.f(f, v) {
                        if let w = whereTest { return try w(f) }
                        return true
                    }
                    return false
                }
            }
            let body = block(c.body)
            popScope()
            clauses.append(SwitchClause(match: m, body: body))
        }
        if !hasDefault, !cases.contains(where: { c in c.whereClause == nil && c.patterns.contains { Compiler.isIrrefutable($0) } }) {
            if case .boolLit = subject {} else if !switchLooksExhaustive(cases) && !tupleSwitchIsExhaustive(cases) {
                error("switch must be exhaustive", loc, notes: ["note: add a default clause"])
            }
        }
        return { f in
            let v = try subj(f)
            var i = 0
            while i < clauses.count {
                if try clauses[i].match(f, v) {
                    var r = try clauses[i].body(f)
                    while case .fallthroughCase = r, i + 1 < clauses.count {
                        i += 1
                        r = try clauses[i].body(f)
                    }
                    switch r {
                    case .breakLoop, .fallthroughCase: return .normal
                    case .breakLabel where interp.pendingLabel == lid: return .normal
                    default: return r
                    }
                }
                i += 1
            }
            return .normal
        }
    }

    /// Enum switches that name every case (or `true`/`false`) need no default.
    func switchLooksExhaustive(_ cases: [SwitchCase]) -> Bool {
        var names = Set<String>()
        var bools = Set<Bool>()
        var hasNil = false, hasSome = false
        for c in cases {
            for p in c.patterns {
                if case .nilLit = p { hasNil = true }
                if case .implicitMember("none", _) = p { hasNil = true }
                if case .implicitMember("some", _) = p, c.whereClause == nil { hasSome = true }   // `case .some:`
                if case .call(.implicitMember("some", _), let a, _) = p, a.count == 1, Compiler.isIrrefutable(a[0].value), c.whereClause == nil { hasSome = true }
                if case .postfixOp("?", .call(.name("__bind", _), _, _), _) = p, c.whereClause == nil { hasSome = true }
                if case .postfixOp("?", .name("_", _), _) = p, c.whereClause == nil { hasSome = true }
                if case .implicitMember(let n, _) = p { names.insert(n) }
                if case .member(_, let n, _) = p { names.insert(n) }
                if case .call(.implicitMember(let n, _), _, _) = p { names.insert(n) }
                if case .call(.member(_, let n, _), _, _) = p { names.insert(n) }
                if case .boolLit(let b, _) = p { bools.insert(b) }
            }
        }
        if bools.count == 2 || (hasNil && hasSome) { return true }
        guard !names.isEmpty else { return false }
        for case let b in interp.globalBindings.values {
            if case .type(let t) = b.storage, t.kind == .enumType, Set(t.cases.map(\.name)) == names { return true }
        }
        return false
    }

    /// A switch / `if case` pattern: a value, a range, `_`, `let x`, a tuple of patterns, `.member`.
    func compilePattern(_ p: Expr, _ loc: Loc) -> (Frame, Value) throws -> Bool {
        switch p {
        case .name("_", _): return { _, _ in true }
        case .call(.name("__bind", _), let args, _):
            if case .name(let n, let l) = args[0].value {
                let st = declare(n, isLet: true, loc: l)
                let store = storeInto(st, coercion: .identity, loc: l)
                return { f, v in try store(f, v); return true }
            }
            return { _, _ in true }
        case .tuple(let items, _):
            let ms = items.map { compilePattern($0.1, loc) }
            return { f, v in
                guard case .tuple(let t) = v, t.count == ms.count else { return false }
                for i in 0..<ms.count where try !ms[i](f, t[i]) { return false }
                return true
            }
        case .binary(let op, let a, let b, _) where op == "..<" || op == "...":
            let ae = compileExpr(a), be = compileExpr(b)
            let closed = op == "..."
            return { f, v in RangeBox(lower: try ae(f), upper: try be(f), closed: closed).contains(v) }
        case .unary(let op, let b, _) where op == "..<" || op == "...":
            let be = compileExpr(b)
            let closed = op == "..."
            return { f, v in RangeBox(lower: nil, upper: try be(f), closed: closed).contains(v) }
        case .postfixOp(let op, let a, _) where op == "...":
            let ae = compileExpr(a)
            return { f, v in RangeBox(lower: try ae(f), upper: nil, closed: true).contains(v) }
        case .call(.implicitMember("some", _), let args, _) where args.count == 1 && enumCasesWithValues(named: "some").isEmpty:
            // Optional's `.some(let x)`
            let m = compilePattern(args[0].value, loc)
            return { f, v in
                guard let w = v.unwrapped else { return false }
                return try m(f, w)
            }
        case .implicitMember("some", _) where !userEnumHasCase("some"):
            // Optional's `.some` without a payload pattern: any present value
            return { _, v in v.unwrapped != nil }
        case .call(.implicitMember(let n, _), let args, _) where !enumCasesWithValues(named: n).isEmpty:
            return enumPayloadPattern(n, args, loc)
        case .call(.member(.name(let tn, _), let n, _), let args, _) where userType(tn)?.caseByName[n]?.hasAssociatedValues == true:
            return enumPayloadPattern(n, args, loc)
        case .cast(.name("_", _), let t, "is", _):
            let interp = self.interp
            return { _, v in interp.valueMatches(v, t) }
        case .cast(let inner, let t, "as", _):
            let m = compilePattern(inner, loc)
            let interp = self.interp
            return { f, v in
                guard interp.valueMatches(v, t) else { return false }
                return try m(f, v.unwrapped ?? v)
            }
        case .postfixOp("?", let inner, _):
            let m = compilePattern(inner, loc)
            return { f, v in
                guard let w = v.unwrapped else { return false }
                return try m(f, w)
            }
        case .implicitMember(let n, _):
            let named = CaseNameTest(n)
            return { _, v in
                switch v {
                case .enumCase(let e): return named.matches(e)
                case .symbol(let s): return s == n
                case .optional(let w): if case .enumCase(let e) = w { return named.matches(e) }; return false
                case .nilValue: return n == "none"
                default: return false
                }
            }
        default:
            if Compiler.containsBind(p) {
                var what = "a tuple, an optional (x?) or an enum case with associated values"
                if case .call(.implicitMember(let n, _), _, _) = p { what = "'.\(n)': no enum case of that name has associated values" }
                if case .call(.member(_, let n, _), _, _) = p { what = "'.\(n)': that case has no associated values" }
                error("'let' can bind names only inside \(what)", p.loc)
                return { _, _ in false }
            }
            let pe = compileExpr(p)
            return { f, v in
                let pv = try pe(f)
                if case .range(let r) = pv { return r.contains(v) }
                return valuesEqual(pv, v)
            }
        }
    }
}

extension Compiler {
    /// `.circle(let r)`, `.rect(w: 0, h: let h)`: the case name, then each associated value.
    func enumPayloadPattern(_ name: String, _ args: [Arg], _ loc: Loc) -> (Frame, Value) throws -> Bool {
        let ms = args.map { PatternBox(compilePattern($0.value, loc)) }
        let named = CaseNameTest(name)
        return { f, v in
            let e: EnumCase
            if case .enumCase(let x) = v { e = x } else if case .enumCase(let x)? = v.unwrapped { e = x } else { return false }
            guard named.matches(e) else { return false }
            if ms.count == 1 && e.payload.count > 1 {
                // one pattern for several values binds them as a tuple
                return try ms[0].f(f, .tuple(TupleBox.make(e.payload, labels: e.associatedLabels)))
            }
            guard e.payload.count == ms.count else { return false }
            for i in 0..<ms.count where try !ms[i].f(f, e.payload[i]) { return false }
            return true
        }
    }
}

extension Compiler {
    /// Whether a pattern contains a `let` binding.
    static func containsBind(_ p: Expr) -> Bool {
        switch p {
        case .call(.name("__bind", _), _, _): return true
        case .call(_, let args, _): return args.contains { containsBind($0.value) }
        case .tuple(let items, _): return items.contains { containsBind($0.1) }
        case .cast(let x, _, _, _), .postfixOp(_, let x, _): return containsBind(x)
        default: return false
        }
    }

    /// A pattern that matches every value: `_`, `let x`, or a tuple of those.
    static func isIrrefutable(_ p: Expr) -> Bool {
        switch p {
        case .name("_", _), .call(.name("__bind", _), _, _): return true
        case .tuple(let items, _): return items.allSatisfy { isIrrefutable($0.1) }
        default: return false
        }
    }
}

/// One `case` of a compiled `switch` (a class, so its closures are called without reabstraction thunks).
final class SwitchClause {
    let match: (Frame, Value) throws -> Bool
    let body: Exec
    init(match: @escaping (Frame, Value) throws -> Bool, body: @escaping Exec) {
        self.match = match
        self.body = body
    }
}

/// A compiled pattern kept in an array.
final class PatternBox {
    let f: (Frame, Value) throws -> Bool
    init(_ f: @escaping (Frame, Value) throws -> Bool) { self.f = f }
}

/// Whether an enum value is the case named `name` (`.plus`, `.number(let n)`): the name is compared
/// once per enum type, then the case's ordinal (no string comparison per match).
final class CaseNameTest {
    let name: String
    private var type: StructType?
    private var ordinal = -1

    init(_ name: String) { self.name = name }

    @inline(__always) func matches(_ e: EnumCase) -> Bool {
        if e.type === type { return e.ordinal == ordinal }
        return resolve(e)
    }

    func resolve(_ e: EnumCase) -> Bool {
        // the ordinal of the case named `name` in this type (-1 when it has none)
        type = e.type
        ordinal = e.type.caseByName[name]?.ordinal ?? -1
        return e.name == name
    }
}
