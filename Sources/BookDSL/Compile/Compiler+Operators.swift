import RLSupport

/// Unary and binary operators, comparisons and conditions (Ints and Doubles without boxing where the types allow).
extension Compiler {
    func compileUnary(_ op: String, _ x: Expr, _ loc: Loc) -> Eval {
        let xe = compileExpr(x)
        let interp = self.interp
        switch op {
        case "-":
            return { f in
                let v = try xe(f)
                switch v {
                case .int(let i):
                    if i == Int.min { throw RuntimeError("arithmetic overflow: -(\(i)) does not fit in Int", loc) }
                    return .int(-i)
                case .double(let d): return .double(-d)
                case .native(let n):
                    if let r = try interp.host(loc, { try n.unaryMinus() }) { return r }
                    throw RuntimeError("unary operator '-' cannot be applied to an operand of type '\(n.typeName)'", loc)
                default:
                    if let r = try interp.userPrefixOperator("-", v, loc) { return r }
                    // `-.infinity` where a Double is expected
                    if case .symbol(let n) = v, let d = Coercion.doubleConstant(n) { return .double(-d) }
                    throw RuntimeError("unary operator '-' cannot be applied to an operand of type '\(v.typeName)'", loc)
                }
            }
        case "!":
            let c = compileCondition(x)
            return { f in .bool(try !c(f)) }
        case "..<", "...":
            return { f in .range(RangeBox(lower: nil, upper: try xe(f), closed: op == "...")) }
        case "&":
            // `&x` as an argument of a call: its value (the call writes the result back)
            if !ampChecked.contains(loc) { error("'&' only marks a variable passed to an inout parameter of a function", loc) }
            return xe
        case "~":
            return { f in
                guard case .int(let i) = try xe(f) else { throw RuntimeError("unary operator '~' needs an Int", loc) }
                return .int(~i)
            }
        default:
            error("unknown prefix operator '\(op)'", loc)
            return { _ in .void }
        }
    }

    func compileBinary(_ op: String, _ l: Expr, _ r: Expr, _ loc: Loc) -> Eval {
        switch op {
        // As a value (not a condition), a comparison with an engine object gives what the object
        // says (an elementwise bool Tensor for `t > 0`); everything else gives a Bool.
        case "<": return compareValue(LtOp.self, l, r, loc)
        case "<=": return compareValue(LeOp.self, l, r, loc)
        case ">": return compareValue(GtOp.self, l, r, loc)
        case ">=": return compareValue(GeOp.self, l, r, loc)
        case "==", "!=":
            let le = compileExpr(l), re = compileExpr(r)
            let interp = self.interp
            let negate = op == "!="
            return { f in
                let a = try le(f), b = try re(f)
                if case .int(let x) = a, case .int(let y) = b { return .bool((x == y) != negate) }
                if case .double(let x) = a, case .double(let y) = b { return .bool((x == y) != negate) }
                return try interp.comparisonValue(op, a, b, loc)
            }
        case "&&", "||", "===", "!==":
            let c = compileCondition(.binary(op, l, r, loc))
            return { f in .bool(try c(f)) }
        case "??":
            let le = compileUnwrapped(l), re = compileExpr(r)
            if let c = coalescingConversion(l) {   // `d["k"] ?? 0` on Doubles is `0.0`
                return { f in
                    if let v = try le(f) { return v }
                    return try c.apply(try re(f), loc)
                }
            }
            return { f in
                if let v = try le(f) { return v }
                return try re(f)
            }
        case "..<", "...":
            let le = compileExpr(l), re = compileExpr(r)
            let closed = op == "..."
            return { f in try Compiler.makeRange(try le(f), try re(f), closed: closed, loc) }
        default: break
        }
        let le = compileExpr(l), re = compileExpr(r)
        let interp = self.interp
        let ls = localSlot(l)
        if case .intLit(let c, _) = r {
            switch op {
            case "+": return arithConst(AddOp.self, le, c, loc, interp, slot: ls)
            case "-": return arithConst(SubOp.self, le, c, loc, interp, slot: ls)
            case "*": return arithConst(MulOp.self, le, c, loc, interp, slot: ls)
            case "/": return arithConst(DivOp.self, le, c, loc, interp, slot: ls)
            case "%": return arithConst(ModOp.self, le, c, loc, interp, slot: ls)
            default: break
            }
        }
        let rs = localSlot(r)
        switch op {
        case "+": return arith(AddOp.self, le, re, loc, interp, slots: (ls, rs))
        case "-": return arith(SubOp.self, le, re, loc, interp, slots: (ls, rs))
        case "*": return arith(MulOp.self, le, re, loc, interp, slots: (ls, rs))
        case "/": return arith(DivOp.self, le, re, loc, interp, slots: (ls, rs))
        case "%": return arith(ModOp.self, le, re, loc, interp, slots: (ls, rs))
        default:
            if let e = intOperator(op, le, re, loc) { return e }
            return { f in try interp.binaryOp(op, try le(f), try re(f), loc) }
        }
    }

    /// `l op r` as a value: Ints and Doubles compared here, anything else by `comparisonValue`.
    func compareValue<O: CompareOp>(_ o: O.Type, _ l: Expr, _ r: Expr, _ loc: Loc) -> Eval {
        let le = compileExpr(l), re = compileExpr(r)
        let interp = self.interp
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b { return .bool(O.ints(x, y)) }
            if case .double(let x) = a, case .double(let y) = b { return .bool(O.doubles(x, y)) }
            return try interp.comparisonValue(O.symbol, a, b, loc)
        }
    }

    func arith<O: ArithOp>(_ o: O.Type, _ le: @escaping Eval, _ re: @escaping Eval, _ loc: Loc, _ interp: Interpreter,
                           slots: (Int?, Int?) = (nil, nil)) -> Eval {
        if let e = arithOnSlots(o, le, re, loc, interp, slots) { return e }
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b {
                if O.checksZero && y == 0 { throw RuntimeError("division by zero", loc) }
                let (v, o) = O.ints(x, y)
                if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                return .int(v)
            }
            if case .double(let x) = a, case .double(let y) = b { return .double(O.doubles(x, y)) }
            return try interp.binaryOp(O.symbol, a, b, loc)
        }
    }

    func arithConst<O: ArithOp>(_ o: O.Type, _ le: @escaping Eval, _ y: Int, _ loc: Loc, _ interp: Interpreter, slot: Int? = nil) -> Eval {
        let yd = Double(y)
        if O.checksZero && y == 0 {
            // `x / 0`: a Double divided by zero is ±infinity or NaN, as in Swift; an Int traps
            return { f in
                let a = try le(f)
                if case .double(let x) = a { return .double(O.doubles(x, 0)) }
                if case .int = a { throw RuntimeError("division by zero", loc) }
                return try interp.binaryOp(O.symbol, a, .int(y), loc)
            }
        }
        if let s = slot {
            return { f in
                if case .int(let x) = f.slots[s] {
                    let (v, o) = O.ints(x, y)
                    if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                    return .int(v)
                }
                if case .double(let x) = f.slots[s] { return .double(O.doubles(x, yd)) }
                return try interp.binaryOp(O.symbol, f.slots[s], .int(y), loc)
            }
        }
        return { f in
            let a = try le(f)
            if case .int(let x) = a {
                let (v, o) = O.ints(x, y)
                if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                return .int(v)
            }
            if case .double(let x) = a { return .double(O.doubles(x, yd)) }
            return try interp.binaryOp(O.symbol, a, .int(y), loc)
        }
    }

    /// A boolean test, with direct Int/Double comparisons (no `Value.bool` boxing).
    func compileCondition(_ e: Expr) -> (Frame) throws -> Bool {
        let interp = self.interp
        if case .binary(let op, let l, let r, let loc) = e {
            switch op {
            case "&&":
                let a = compileCondition(l), b = compileCondition(r)
                return { f in try a(f) && b(f) }
            case "||":
                let a = compileCondition(l), b = compileCondition(r)
                return { f in try a(f) || b(f) }
            case "<": return compare(LtOp.self, l, r, loc)
            case "<=": return compare(LeOp.self, l, r, loc)
            case ">": return compare(GtOp.self, l, r, loc)
            case ">=": return compare(GeOp.self, l, r, loc)
            case "==" where Compiler.isStringLiteral(r), "!=" where Compiler.isStringLiteral(r):
                // `op == "+"`: a String compared with the literal directly
                guard case .stringLit(let lit, _) = r else { break }
                let le = compileExpr(l)
                let b = Value.string(lit), negate = op == "!="
                return { f in
                    let a = try le(f)
                    if case .string(let x) = a { return (x == lit) != negate }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison(op, a, b, loc) { return r }
                    return valuesEqual(a, b) != negate
                }
            case "==":
                let le = compileExpr(l), re = compileExpr(r)
                return { f in
                    let a = try le(f), b = try re(f)
                    if case .int(let x) = a, case .int(let y) = b { return x == y }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison("==", a, b, loc) { return r }
                    return valuesEqual(a, b)
                }
            case "!=":
                let le = compileExpr(l), re = compileExpr(r)
                return { f in
                    let a = try le(f), b = try re(f)
                    if case .int(let x) = a, case .int(let y) = b { return x != y }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison("!=", a, b, loc) { return r }
                    return !valuesEqual(a, b)
                }
            case "===", "!==":
                let le = compileExpr(l), re = compileExpr(r)
                let neg = op == "!=="
                return { f in
                    let a = try le(f), b = try re(f)
                    return Value.identical(a, b) != neg
                }
            default: break
            }
        }
        if case .unary("!", let x, _) = e {
            let c = compileCondition(x)
            return { f in try !c(f) }
        }
        if case .boolLit(let b, _) = e { return { _ in b } }
        let ev = compileExpr(e)
        let loc = e.loc
        return { f in
            let v = try ev(f)
            if case .bool(let b) = v { return b }
            if case .optional(.bool(let b)) = v { return b }
            throw RuntimeError("type '\(v.typeName)' cannot be used as a boolean; test for '!= nil' instead", loc)
        }
    }

    /// The frame slot of an expression that is a local of the current function (depth 0).
    func localSlot(_ e: Expr) -> Int? {
        if case .name(let n, _) = e, case .local(0, let s, _)? = lookup(n) { return s }
        if case .dollar(let n, _) = e, ctx.isClosure { return n }
        return nil
    }

    func compare<O: CompareOp>(_ o: O.Type, _ l: Expr, _ r: Expr, _ loc: Loc) -> (Frame) throws -> Bool {
        let interp = self.interp
        if let s = localSlot(l) {
            if case .intLit(let c, _) = r {
                let cd = Double(c)
                return { f in
                    if case .int(let x) = f.slots[s] { return O.ints(x, c) }
                    if case .double(let x) = f.slots[s] { return O.doubles(x, cd) }
                    return try interp.compareSlow(O.symbol, f.slots[s], .int(c), loc)
                }
            }
            if let t = localSlot(r) {
                // `i < n`: both locals read in place
                return { f in
                    let sl = f.slots
                    if case .int(let x) = sl[s], case .int(let y) = sl[t] { return O.ints(x, y) }
                    if case .double(let x) = sl[s], case .double(let y) = sl[t] { return O.doubles(x, y) }
                    return try interp.compareSlow(O.symbol, sl[s], sl[t], loc)
                }
            }
            let re = compileExpr(r)
            return { f in
                let b = try re(f)
                if case .int(let x) = f.slots[s], case .int(let y) = b { return O.ints(x, y) }
                if case .double(let x) = f.slots[s], case .double(let y) = b { return O.doubles(x, y) }
                return try interp.compareSlow(O.symbol, f.slots[s], b, loc)
            }
        }
        let le = compileExpr(l)
        if case .intLit(let c, _) = r {
            let cd = Double(c)
            return { f in
                let a = try le(f)
                if case .int(let x) = a { return O.ints(x, c) }
                if case .double(let x) = a { return O.doubles(x, cd) }
                return try interp.compareSlow(O.symbol, a, .int(c), loc)
            }
        }
        if let t = localSlot(r) {
            // `a[i] < best`: the right local read in place after the left side runs
            return { f in
                let a = try le(f)
                if case .int(let x) = a, case .int(let y) = f.slots[t] { return O.ints(x, y) }
                if case .double(let x) = a, case .double(let y) = f.slots[t] { return O.doubles(x, y) }
                return try interp.compareSlow(O.symbol, a, f.slots[t], loc)
            }
        }
        let re = compileExpr(r)
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b { return O.ints(x, y) }
            if case .double(let x) = a, case .double(let y) = b { return O.doubles(x, y) }
            return try interp.compareSlow(O.symbol, a, b, loc)
        }
    }
}
