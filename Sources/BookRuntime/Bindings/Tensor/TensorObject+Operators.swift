import BookDSL
import RLTensor

/// Operators (`+ - * /`, comparisons, unary minus), subscripts and iteration of `Tensor` values.
extension TensorObject {
    /// Arithmetic gives tensors. Comparisons give bool tensors, except that a one-element result is a
    /// `Bool` (PyTorch's `bool(t)`), so `if loss < 0.01` works: the cell language evaluates every
    /// comparison as a condition and accepts only Bool results from engine objects.
    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        guard let r = try tensorOp(op, other, selfOnLeft: selfOnLeft) else { return nil }
        if ["<", ">", "<=", ">=", "==", "!="].contains(op), let t = r.tensor, t.count == 1 {
            return .bool(t.scalars[0] != 0)
        }
        return r
    }

    func tensorOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        let t = tensor
        if let s = other.asDouble, other.tensor == nil {
            // tensor ⊕ scalar (either side); comparisons flip when the scalar is on the left
            let r: Tensor
            switch op {
            case "+": r = t + s
            case "*": r = t * s
            case "-": r = selfOnLeft ? t - s : s - t
            case "/": r = selfOnLeft ? t / s : s / t
            case "<": r = selfOnLeft ? t < s : t > s
            case ">": r = selfOnLeft ? t > s : t < s
            case "<=": r = selfOnLeft ? t <= s : t >= s
            case ">=": r = selfOnLeft ? t >= s : t <= s
            case "==": r = t == s
            case "!=": r = t != s
            default: return nil
            }
            return TensorObject.value(r)
        }
        guard other.tensor != nil || other.asArray != nil || other.asBool != nil else { return nil }
        let o = try TensorConversion.tensor(other, like: t)
        let (a, b) = selfOnLeft ? (t, o) : (o, t)
        let r: Tensor
        switch op {
        case "+": r = try a + b
        case "-": r = try a - b
        case "*": r = try a * b
        case "/": r = try a / b
        case "<": r = try a < b
        case ">": r = try a > b
        case "<=": r = try a <= b
        case ">=": r = try a >= b
        case "==": r = try a == b
        case "!=": r = try a != b
        default: return nil
        }
        return TensorObject.value(r)
    }

    func unaryMinus() throws -> Value? { TensorObject.value(tensor.neg()) }

    /// `t[i]`, `t[i, j]`, `t[0..<2]`, `t[-1]`, `t[mask]` (bool tensor), `t[indices]` (int64 tensor).
    func subscriptGet(_ args: Arguments) throws -> Value? {
        if args.count == 1, let sel = args.values[0].tensor, sel.rank > 0 || sel.dtype == .bool {
            return TensorObject.value(try tensor[sel])
        }
        return TensorObject.value(try tensor.index(try TensorObject.indices(args)))
    }

    /// `t[i] = v`: writes a number or a tensor (broadcast) into the selected view, in place.
    func subscriptSet(_ args: Arguments, _ value: Value) throws -> Bool {
        let view = try tensor.index(try TensorObject.indices(args))
        if let d = value.asDouble { view.fill_(d) } else if let b = value.asBool { view.fill_(b ? 1 : 0) } else {
            try view.copy_(try TensorConversion.tensor(value, like: tensor))
        }
        return true
    }

    /// The rows along the first dimension.
    func iterate() throws -> [Value]? {
        guard tensor.rank > 0 else { throw BindingError("iteration over a 0-d tensor") }
        return try (0..<tensor.shape[0]).map { TensorObject.value(try tensor.index([.at($0)])) }
    }

    /// Subscript arguments as tensor index entries.
    static func indices(_ args: Arguments) throws -> [TensorIndex] {
        if let l = args.labels.compactMap({ $0 }).first { throw BindingError("Tensor subscripts take no labels (found '\(l):')") }
        return try args.values.map { v in
            if let i = v.asInt { return .at(i) }
            if let t = v.tensor, t.rank == 0, !t.dtype.isFloatingPoint, t.dtype != .bool { return .at(try t.intItem) }
            if case .range(let r) = v {
                func bound(_ b: Value?) throws -> Int? {
                    guard let b else { return nil }
                    guard let i = b.asInt else { throw BindingError("range bounds in a Tensor subscript must be Ints, not '\(b.typeName)'") }
                    return i
                }
                let lo = try bound(r.lower)
                var hi = try bound(r.upper)
                if r.closed, let h = hi { hi = h == -1 || h == Int.max ? nil : h + 1 }
                return .slice(start: lo, end: hi, step: 1)
            }
            if v.isNil { return .newAxis }
            throw BindingError("cannot index a Tensor with a value of type '\(v.typeName)'; use Ints, ranges like 0..<2, or a Tensor of indices")
        }
    }
}
