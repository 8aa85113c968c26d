/// Fast paths of binary operators, compiled into the operator's closure: Int (and Double)
/// operands computed in place; anything else (a user type's overload, mixed kinds) goes to
/// `Interpreter.binaryOp`, which gives the same results.
///
/// The Int operators besides `+ - * / %` (`&`, `|`, `^`, the shifts, the wrapping `&+ &- &*`):
/// without these, every `i & 1` matched the operator's name against the names of `binaryOp`.
protocol IntOp {
    static func ints(_ a: Int, _ b: Int) -> Int
}
enum BitAndOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a & b } }
enum BitOrOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a | b } }
enum BitXorOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a ^ b } }
/// Swift's smart shifts: a negative amount shifts the other way, an amount of 64 or more gives
/// 0 (or -1 for `>>` of a negative number), as `binaryOp` computes them.
enum ShiftLeftOp: IntOp {
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { b >= 64 ? 0 : (b < 0 ? a >> -b : a << b) }
}
enum ShiftRightOp: IntOp {
    @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { b >= 64 ? (a < 0 ? -1 : 0) : (b < 0 ? a << -b : a >> b) }
}
enum MaskedShiftLeftOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a &<< b } }
enum MaskedShiftRightOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a &>> b } }
enum WrappingAddOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a &+ b } }
enum WrappingSubOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a &- b } }
enum WrappingMulOp: IntOp { @inline(__always) static func ints(_ a: Int, _ b: Int) -> Int { a &* b } }

extension Compiler {
    /// `l op r` for the operators of `IntOp`; nil for any other operator.
    func intOperator(_ op: String, _ le: @escaping Eval, _ re: @escaping Eval, _ loc: Loc) -> Eval? {
        switch op {
        case "&": return intOperator(BitAndOp.self, op, le, re, loc)
        case "|": return intOperator(BitOrOp.self, op, le, re, loc)
        case "^": return intOperator(BitXorOp.self, op, le, re, loc)
        case "<<": return intOperator(ShiftLeftOp.self, op, le, re, loc)
        case ">>": return intOperator(ShiftRightOp.self, op, le, re, loc)
        case "&<<": return intOperator(MaskedShiftLeftOp.self, op, le, re, loc)
        case "&>>": return intOperator(MaskedShiftRightOp.self, op, le, re, loc)
        case "&+": return intOperator(WrappingAddOp.self, op, le, re, loc)
        case "&-": return intOperator(WrappingSubOp.self, op, le, re, loc)
        case "&*": return intOperator(WrappingMulOp.self, op, le, re, loc)
        default: return nil
        }
    }

    func intOperator<O: IntOp>(_ o: O.Type, _ op: String, _ le: @escaping Eval, _ re: @escaping Eval, _ loc: Loc) -> Eval {
        let interp = self.interp
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b { return .int(O.ints(x, y)) }
            return try interp.binaryOp(op, a, b, loc)
        }
    }
}

extension Compiler {
    /// `a op b` where an operand is a local of the running frame (`i + j`, `x * dx`, `$0 + $1`):
    /// the local is read in place, with no closure call and no copy of its value. A left local
    /// is read before the right operand runs, as Swift evaluates them. Nil when neither is local.
    func arithOnSlots<O: ArithOp>(_ o: O.Type, _ le: @escaping Eval, _ re: @escaping Eval, _ loc: Loc, _ interp: Interpreter,
                                  _ slots: (Int?, Int?)) -> Eval? {
        switch slots {
        case (let ls?, let rs?):
            return { f in
                let s = f.slots
                if case .int(let x) = s[ls], case .int(let y) = s[rs] { return try Compiler.ints(O.self, x, y, loc) }
                if case .double(let x) = s[ls], case .double(let y) = s[rs] { return .double(O.doubles(x, y)) }
                return try interp.binaryOp(O.symbol, s[ls], s[rs], loc)
            }
        case (let ls?, nil):
            return { f in
                if case .int(let x) = f.slots[ls] {
                    let b = try re(f)
                    if case .int(let y) = b { return try Compiler.ints(O.self, x, y, loc) }
                    return try interp.binaryOp(O.symbol, .int(x), b, loc)
                }
                let a = f.slots[ls], b = try re(f)
                if case .int(let x) = a, case .int(let y) = b { return try Compiler.ints(O.self, x, y, loc) }
                if case .double(let x) = a, case .double(let y) = b { return .double(O.doubles(x, y)) }
                return try interp.binaryOp(O.symbol, a, b, loc)
            }
        case (nil, let rs?):
            return { f in
                let a = try le(f)
                if case .int(let x) = a, case .int(let y) = f.slots[rs] { return try Compiler.ints(O.self, x, y, loc) }
                if case .double(let x) = a, case .double(let y) = f.slots[rs] { return .double(O.doubles(x, y)) }
                return try interp.binaryOp(O.symbol, a, f.slots[rs], loc)
            }
        case (nil, nil):
            return nil
        }
    }

    /// `x op y` on Ints: the division-by-zero and overflow errors of `arith`.
    @inline(__always)
    static func ints<O: ArithOp>(_ o: O.Type, _ x: Int, _ y: Int, _ loc: Loc) throws -> Value {
        if O.checksZero && y == 0 { throw RuntimeError("division by zero", loc) }
        let (v, ov) = O.ints(x, y)
        if ov { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
        return .int(v)
    }
}
