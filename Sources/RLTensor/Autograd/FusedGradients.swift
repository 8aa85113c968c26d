import RLSupport

/// One-pass kernels for gradient rules that were compositions of several tensor operations (each a
/// tensor, most with broadcasting bookkeeping): clamp's mask, maximum/minimum's tie split, softmax's and
/// log-softmax's row sums. Each computes exactly the composition's values (the same scalar operations in
/// the same order, the row sums by `Reduce.sumRow` as the reduction does), in one output tensor per
/// gradient. They return nil for the cases they do not cover (mixed dtypes, broadcasting, a softmax over
/// another than the last dimension), which keep the composed rules.
enum FusedGrad {
    /// clamp: `g * ((x ≥ lo) · (x ≤ hi)).to(g.dtype)`.
    static func clamp(_ g: Tensor, _ x: Tensor, _ lo: Double?, _ hi: Double?) -> Tensor? {
        guard g.dtype == x.dtype, g.shape == x.shape else { return nil }
        switch g.dtype {
        case .float32:
            // (the comparisons against the bounds in the tensor's dtype, as `x >= lo` compares)
            let l = lo.map { Float($0) }, h = hi.map { Float($0) }
            return Elementwise.apply(g, x, g.shape) { (gv: Float, xv: Float) -> Float in
                let inside = (l == nil || xv >= l!) && (h == nil || xv <= h!)
                return Float.times(gv, inside ? 1 : 0)
            }
        case .float64:
            return Elementwise.apply(g, x, g.shape) { (gv: Double, xv: Double) -> Double in
                let inside = (lo == nil || xv >= lo!) && (hi == nil || xv <= hi!)
                return Double.times(gv, inside ? 1 : 0)
            }
        default: return nil
        }
    }

    /// maximum/minimum of same-shape tensors: `win = a ≷ b`, `tie = (a == b)·0.5`, then `g·(win + tie)` and
    /// `g·((1 − win) − tie)`.
    static func extreme(_ g: Tensor, _ a: Tensor, _ b: Tensor, isMax: Bool) -> (Tensor, Tensor)? {
        guard g.dtype == a.dtype, a.dtype == b.dtype, g.shape == a.shape, a.shape == b.shape else { return nil }
        switch g.dtype {
        case .float32: return extremeT(Float.self, g, a, b, isMax)
        case .float64: return extremeT(Double.self, g, a, b, isMax)
        default: return nil
        }
    }

    static func extremeT<T: ArithElement & BinaryFloatingPoint>(_: T.Type, _ g: Tensor, _ a: Tensor, _ b: Tensor, _ isMax: Bool) -> (Tensor, Tensor) {
        let gc = g.contiguousData(as: T.self), ac = a.contiguousData(as: T.self), bc = b.contiguousData(as: T.self)
        let ga = Tensor(uninitialized: g.shape, dtype: T.dtype), gb = Tensor(uninitialized: g.shape, dtype: T.dtype)
        let gp = gc.pointer(T.self), ap = ac.pointer(T.self), bp = bc.pointer(T.self)
        let oa = ga.pointer(T.self), ob = gb.pointer(T.self)
        let half = T(0.5)
        withExtendedLifetime((gc, ac, bc)) {
            for i in 0..<g.count {
                let x = ap[i], y = bp[i]
                let win: T = (isMax ? x > y : x < y) ? 1 : 0
                let tie = T.times(x == y ? 1 : 0, half)
                oa[i] = T.times(gp[i], T.plus(win, tie))
                ob[i] = T.times(gp[i], T.minus(T.minus(1, win), tie))
            }
        }
        return (ga, gb)
    }

    /// softmax over the last dimension, from its output y: `y · (g − Σ_row(g·y))`.
    static func softmax(_ g: Tensor, _ y: Tensor, dim: Int) -> Tensor? {
        rowwise(g, y, dim) { (gp: UnsafeMutablePointer<Float>, yp: UnsafeMutablePointer<Float>, op: UnsafeMutablePointer<Float>, n: Int) in
            for k in 0..<n { op[k] = Float.times(gp[k], yp[k]) }
            let s = Reduce.sumRow(op, n)
            for k in 0..<n { op[k] = Float.times(yp[k], Float.minus(gp[k], s)) }
        } double: { gp, yp, op, n in
            for k in 0..<n { op[k] = Double.times(gp[k], yp[k]) }
            let s = Reduce.sumRow(op, n)
            for k in 0..<n { op[k] = Double.times(yp[k], Double.minus(gp[k], s)) }
        }
    }

    /// log-softmax over the last dimension, from its output y: `g − exp(y) · Σ_row g`.
    static func logSoftmax(_ g: Tensor, _ y: Tensor, dim: Int) -> Tensor? {
        rowwise(g, y, dim) { (gp: UnsafeMutablePointer<Float>, yp: UnsafeMutablePointer<Float>, op: UnsafeMutablePointer<Float>, n: Int) in
            let s = Reduce.sumRow(gp, n)
            for k in 0..<n { op[k] = Float.minus(gp[k], Float.times(Float.exp_(yp[k]), s)) }
        } double: { gp, yp, op, n in
            let s = Reduce.sumRow(gp, n)
            for k in 0..<n { op[k] = Double.minus(gp[k], Double.times(Double.exp_(yp[k]), s)) }
        }
    }

    /// Runs a row kernel over the rows of the last dimension of same-shape, same-dtype g and y.
    static func rowwise(_ g: Tensor, _ y: Tensor, _ dim: Int,
                        _ float: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void,
                        double: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void) -> Tensor? {
        guard y.rank >= 1, dim == y.rank - 1, g.shape == y.shape, g.dtype == y.dtype, y.shape[dim] > 0,
              y.count <= StridedLoop.blockSize else { return nil }
        let n = y.shape[dim], rows = y.count / n
        func go<T: TensorElement>(_: T.Type, _ body: (UnsafeMutablePointer<T>, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>, Int) -> Void) -> Tensor {
            let gc = g.contiguousData(as: T.self), yc = y.contiguousData(as: T.self)
            let out = Tensor(uninitialized: y.shape, dtype: T.dtype)
            withExtendedLifetime((gc, yc)) {
                let gp = gc.pointer(T.self), yp = yc.pointer(T.self), op = out.pointer(T.self)
                for r in 0..<rows { body(gp + r * n, yp + r * n, op + r * n, n) }
            }
            return out
        }
        switch y.dtype {
        case .float32: return go(Float.self, float)
        case .float64: return go(Double.self, double)
        default: return nil
        }
    }
}
