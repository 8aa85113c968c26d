/// Binary operators on values (the general, slower paths; Int and Double fast paths are compiled inline).
extension Interpreter {
    func overflow(_ a: Int, _ op: String, _ b: Int, _ loc: Loc) -> RuntimeError {
        RuntimeError("arithmetic overflow: \(a) \(op) \(b) does not fit in Int", loc)
    }

    func binaryOp(_ op: String, _ a: Value, _ b: Value, _ loc: Loc) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            switch op {
            case "+": let r = x.addingReportingOverflow(y); if r.overflow { throw overflow(x, op, y, loc) }; return .int(r.partialValue)
            case "-": let r = x.subtractingReportingOverflow(y); if r.overflow { throw overflow(x, op, y, loc) }; return .int(r.partialValue)
            case "*": let r = x.multipliedReportingOverflow(by: y); if r.overflow { throw overflow(x, op, y, loc) }; return .int(r.partialValue)
            case "/":
                if y == 0 { throw RuntimeError("division by zero", loc) }
                let r = x.dividedReportingOverflow(by: y); if r.overflow { throw overflow(x, op, y, loc) }; return .int(r.partialValue)
            case "%":
                if y == 0 { throw RuntimeError("division by zero in remainder operation", loc) }
                let r = x.remainderReportingOverflow(dividingBy: y); if r.overflow { throw overflow(x, op, y, loc) }; return .int(r.partialValue)
            case "&": return .int(x & y)
            case "|": return .int(x | y)
            case "^": return .int(x ^ y)
            case "<<": return .int(y >= 64 ? 0 : (y < 0 ? x >> -y : x << y))
            case ">>": return .int(y >= 64 ? (x < 0 ? -1 : 0) : (y < 0 ? x << -y : x >> y))
            case "&<<": return .int(x &<< y)   // the shift amount masked to 0..<64, as in Swift
            case "&>>": return .int(x &>> y)
            case "&+": return .int(x &+ y)
            case "&-": return .int(x &- y)
            case "&*": return .int(x &* y)
            default: break
            }
        case (.double, .double), (.int, .double), (.double, .int):
            let x = a.asDouble!, y = b.asDouble!
            switch op {
            case "+": return .double(x + y)
            case "-": return .double(x - y)
            case "*": return .double(x * y)
            case "/": return .double(x / y)
            case "%": throw RuntimeError("'%' is unavailable for Double: use truncatingRemainder(dividingBy:)", loc)
            default: break
            }
        case (.string(let x), .string(let y)) where op == "+":
            try admit(x.utf8.count + y.utf8.count, "joining strings of \(x.utf8.count) and \(y.utf8.count) bytes", loc)
            return .string(x + y)
        case (.array(let x), .array(let y)) where op == "+":
            try admit((x.count + y.count) * MemoryLayout<Value>.stride, "joining arrays of \(x.count) and \(y.count) elements", loc)
            return .array(x + y)
        case (.native(let n), _):
            if let r = try host(loc, { try n.binaryOp(op, b, selfOnLeft: true) }) { return r }
            throw RuntimeError("binary operator '\(op)' cannot be applied to operands of type '\(a.typeName)' and '\(b.typeName)'", loc)
        case (_, .native(let n)):
            if let r = try host(loc, { try n.binaryOp(op, a, selfOnLeft: false) }) { return r }
        case (.optional(let w), _):
            throw RuntimeError("value of optional type '\(w.typeName)?' must be unwrapped to use operator '\(op)'", loc)
        case (_, .optional(let w)):
            throw RuntimeError("value of optional type '\(w.typeName)?' must be unwrapped to use operator '\(op)'", loc)
        case (.nilValue, _), (_, .nilValue):
            throw RuntimeError("value of optional type must be unwrapped to use operator '\(op)' (found nil)", loc)
        case (.double, .symbol(let n)), (.int, .symbol(let n)):
            // `2 * .pi`, `x < .infinity`: the implicit member of the other operand's type
            return try binaryOp(op, a, try builtinStaticMember(a.isDouble ? "Double" : "Int", n, loc), loc)
        case (.symbol(let n), .double), (.symbol(let n), .int):
            return try binaryOp(op, try builtinStaticMember(b.isDouble ? "Double" : "Int", n, loc), b, loc)
        default: break
        }
        if let r = try userOperator(op, a, b, loc) { return r }
        if ["==", "!=", "<", ">", "<=", ">="].contains(op) { return .bool(try compareSlow(op, a, b, loc)) }
        throw RuntimeError("binary operator '\(op)' cannot be applied to operands of type '\(a.typeName)' and '\(b.typeName)'", loc)
    }

    /// A comparison used as a value, beyond two Ints or two Doubles: an engine object gives what
    /// it says (an elementwise bool Tensor for `t > 0`), anything else a Bool.
    @inline(never)
    func comparisonValue(_ op: String, _ a: Value, _ b: Value, _ loc: Loc) throws -> Value {
        if case .native(let n) = a, let v = try host(loc, { try n.binaryOp(op, b, selfOnLeft: true) }) { return v }
        if case .native(let n) = b, let v = try host(loc, { try n.binaryOp(op, a, selfOnLeft: false) }) { return v }
        return .bool(try compareSlow(op, a, b, loc))
    }

    /// Comparisons beyond Int/Double: mixed numbers, strings, tuples, natives.
    func compareSlow(_ op: String, _ a: Value, _ b: Value, _ loc: Loc) throws -> Bool {
        // `x < .ulpOfOne`, `.infinity > x`: the implicit member of the other operand's type
        if case .symbol(let n) = b, a.isDouble || a.isInt { return try compareSlow(op, a, try builtinStaticMember(a.isDouble ? "Double" : "Int", n, loc), loc) }
        if case .symbol(let n) = a, b.isDouble || b.isInt { return try compareSlow(op, try builtinStaticMember(b.isDouble ? "Double" : "Int", n, loc), b, loc) }
        // `c == .white`: a static property of the other operand's struct or class
        if case .symbol(let n) = b, let v = try staticMemberOfInstanceType(a, n, loc) { return try compareSlow(op, a, v, loc) }
        if case .symbol(let n) = a, let v = try staticMemberOfInstanceType(b, n, loc) { return try compareSlow(op, v, b, loc) }
        if let r = try userComparison(op, a, b, loc) { return r }
        if op == "==" { return valuesEqual(a, b) }
        if op == "!=" { return !valuesEqual(a, b) }
        if case .native(let n) = a, let r = try host(loc, { try n.binaryOp(op, b, selfOnLeft: true) }) {
            if case .bool(let x) = r { return x }
            throw RuntimeError("comparison of '\(n.typeName)' gives a '\(r.typeName)', not a Bool; a condition needs one true or false (reduce the comparison first, or compare a single element)", loc)
        }
        if case .native(let n) = b, let r = try host(loc, { try n.binaryOp(op, a, selfOnLeft: false) }) {
            if case .bool(let x) = r { return x }
            throw RuntimeError("comparison of '\(n.typeName)' gives a '\(r.typeName)', not a Bool", loc)
        }
        guard let c = compareValues(a, b) else {
            throw RuntimeError("binary operator '\(op)' cannot be applied to operands of type '\(a.typeName)' and '\(b.typeName)'", loc)
        }
        switch op {
        case "<": return c < 0
        case "<=": return c <= 0
        case ">": return c > 0
        case ">=": return c >= 0
        default: throw RuntimeError("unknown comparison '\(op)'", loc)
        }
    }

    /// -1, 0, 1 for ordered values (numbers, strings, bools-as-error, tuples lexicographically); nil when unordered.
    func compareValues(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.tuple(let x), .tuple(let y)):
            for i in 0..<min(x.count, y.count) {
                guard let c = compareValues(x[i], y[i]) else { return nil }
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case (.enumCase(let x), .enumCase(let y)): return x.ordinal < y.ordinal ? -1 : (x.ordinal > y.ordinal ? 1 : 0)
        default:
            if let x = a.asDouble, let y = b.asDouble, !(a.isOptional || b.isOptional) {
                return x < y ? -1 : (x > y ? 1 : 0)
            }
            return nil
        }
    }

    /// `v op= r` in place (arrays and strings append without copying).
    static func compound(_ v: inout Value, _ op: String, _ r: Value, _ loc: Loc, _ interp: Interpreter) throws {
        if op == "+" {
            if case .double(let x) = v, case .double(let y) = r { v = .double(x + y); return }
            if v.isArray, case .array(let b) = r {
                var a = v.takeArray()!
                if a.count + b.count > a.capacity && a.count + b.count >= 1 << 15 {
                    do { try interp.admitArrayGrowth(a.count + b.count, loc) } catch { v = .array(a); throw error }
                }
                a.append(contentsOf: b)
                v = .array(a)
                return
            }
            if case .string(let t) = r, v.isString {
                var s = v.takeString()!
                let old = s.utf8.count, new = old + t.utf8.count
                // strings grow by doubling: check when the length passes a power of two
                if new >= 1 << 20 && new.leadingZeroBitCount < old.leadingZeroBitCount {
                    do { try interp.admit(2 * new, "a string of \(new) bytes", loc) } catch { v = .string(s); throw error }
                }
                s += t
                v = .string(s)
                return
            }
        }
        if op == "&&" || op == "||" {
            guard case .bool(let x) = v, case .bool(let y) = r else { throw RuntimeError("'\(op)=' needs Bool operands", loc) }
            v = .bool(op == "&&" ? x && y : x || y)
            return
        }
        v = try interp.binaryOp(op, v, r, loc)
    }
}

extension Value {
    var isOptional: Bool {
        switch self { case .optional, .nilValue: return true; default: return false }
    }
}

/// Operators declared by cell types: `static func + (a: Vec, b: Vec) -> Vec`, `static func < ...`.
extension Interpreter {
    /// The type of `v` when it declares operators.
    @inline(__always) static func operatorType(_ v: Value) -> StructType? {
        let t: StructType
        switch v {
        case .structValue(let s): t = s.type
        case .object(let o): t = o.cls
        case .enumCase(let e): t = e.type
        default: return nil
        }
        return t.hasOperators ? t : nil
    }

    /// `a op b` with an operator of `a`'s or `b`'s type; nil when neither declares it.
    func userOperator(_ op: String, _ a: Value, _ b: Value, _ loc: Loc) throws -> Value? {
        if let t = Interpreter.operatorType(a), let p = t.binaryOperator(op) { return try callOperator(p, a, b, loc) }
        if let t = Interpreter.operatorType(b), let p = t.binaryOperator(op) { return try callOperator(p, a, b, loc) }
        return nil
    }

    /// `p(a, b)` for a declared operator (its parameters have no labels): the operands go
    /// straight into a recycled frame, as `invokePositional` would put them.
    @inline(__always)
    func callOperator(_ p: FunctionProto, _ a: Value, _ b: Value, _ loc: Loc) throws -> Value {
        if !p.hasSelf {
            let x = try p.coercions[0].apply(a, loc), y = try p.coercions[1].apply(b, loc)
            return try call(p, parent: nil, x, y, loc)
        }
        return try withFrame(p, parent: nil) { frame in
            let offset = p.hasSelf ? 1 : 0
            frame.setParameter(offset, try p.coercions[0].apply(a, loc))
            frame.setParameter(offset + 1, try p.coercions[1].apply(b, loc))
            return try execute(p, frame, loc)
        }
    }

    /// Comparisons through declared operators (`!=` from `==`, `>` from `<`, as Swift derives them).
    func userComparison(_ op: String, _ a: Value, _ b: Value, _ loc: Loc) throws -> Bool? {
        guard Interpreter.operatorType(a) != nil || Interpreter.operatorType(b) != nil else { return nil }
        func call(_ o: String, _ x: Value, _ y: Value) throws -> Bool? {
            guard let r = try userOperator(o, x, y, loc) else { return nil }
            guard case .bool(let v) = r else { throw RuntimeError("operator '\(o)' must return a Bool", loc) }
            return v
        }
        if let r = try call(op, a, b) { return r }
        switch op {
        case "!=": return try call("==", a, b).map { !$0 }
        case ">": return try call("<", b, a)
        case "<=": return try call("<", b, a).map { !$0 }
        case ">=": return try call("<", a, b).map { !$0 }
        default: return nil
        }
    }

    /// A unary operator of a cell type (`static prefix func - (v: Vec) -> Vec`).
    func userPrefixOperator(_ op: String, _ a: Value, _ loc: Loc) throws -> Value? {
        guard let t = Interpreter.operatorType(a), let p = t.findStatic(op).first(where: { $0.paramCount == 1 }) else { return nil }
        return try invokePositional(p, selfValue: nil, [a], loc).0
    }
}
