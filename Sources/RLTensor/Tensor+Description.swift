import RLSupport

extension Tensor: CustomStringConvertible {
    /// PyTorch's printout: `tensor([[1., 2.],\n        [3., 4.]])`, with dtype / grad suffixes.
    public var description: String {
        let values = scalars
        let fmt = ValueFormatter(values: values, dtype: dtype)
        var body = ""
        let summarize = count > 1000
        if rank == 0 {
            body = fmt.format(values.first ?? 0)
        } else {
            body = Tensor.render(values, shape, ShapeMath.contiguousStrides(shape), 0, 0, fmt, summarize, indent: 7)
        }
        var suffix = ""
        if count == 0 && rank == 1 { body = "[]" }
        if dtype != .float32 && dtype != .int64 && dtype != .bool { suffix += ", dtype=\(dtype.torchName)" }
        if count == 0 && shape != [0] { suffix = ", size=\(shape)" + suffix }
        if let fn = gradFn { suffix += ", grad_fn=<\(fn.name)>" }
        else if _requiresGrad { suffix += ", requires_grad=True" }
        return "tensor(\(body)\(suffix))"
    }

    static func render(_ v: [Double], _ shape: [Int], _ strides: [Int], _ base: Int, _ depth: Int,
                       _ fmt: ValueFormatter, _ summarize: Bool, indent: Int) -> String {
        let n = shape[depth]
        var idx: [Int?] = Array(0..<n)
        if summarize && n > 6 { idx = [0, 1, 2, nil, n - 3, n - 2, n - 1] }
        if depth == shape.count - 1 {
            // PyTorch's _vector_str: wrap at linewidth 80 given the indent of this depth.
            let parts = idx.map { $0.map { fmt.format(v[base + $0 * strides[depth]]) } ?? "..." }
            let ind = indent + depth
            let perLine = Swift.max(1, (80 - ind) / (fmt.width + 2))
            var lines: [String] = []
            var i = 0
            while i < parts.count {
                lines.append(parts[i..<Swift.min(parts.count, i + perLine)].joined(separator: ", "))
                i += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: ind + 1)) + "]"
        }
        let sep = "," + String(repeating: "\n", count: shape.count - depth - 1) + String(repeating: " ", count: indent + depth + 1)
        let parts = idx.map { i -> String in
            guard let i else { return "..." }
            return render(v, shape, strides, base + i * strides[depth], depth + 1, fmt, summarize, indent: indent)
        }
        return "[" + parts.joined(separator: sep) + "]"
    }
}

/// Chooses PyTorch's number style for a tensor: integer-valued floats as `1.`, fixed `%.4f`,
/// or scientific `%.4e` when magnitudes span too much; right-aligned to a common width.
struct ValueFormatter {
    let dtype: DType
    var intMode = false
    var sciMode = false
    var width = 0

    init(values: [Double], dtype: DType) {
        self.dtype = dtype
        guard dtype.isFloatingPoint else {
            width = values.map { raw($0).count }.max() ?? 0
            return
        }
        let finite = values.filter { $0.isFinite }
        let nonzero = finite.map { Swift.abs($0) }.filter { $0 != 0 }
        intMode = finite.allSatisfy { $0.rounded() == $0 }
        if let mx = nonzero.max(), let mn = nonzero.min() {
            if intMode { sciMode = mx / mn > 1000 || mx > 1e8 }
            else { sciMode = mx / mn > 1000 || mx > 1e8 || mn < 1e-4 }
        }
        width = values.map { raw($0).count }.max() ?? 0
    }

    func raw(_ v: Double) -> String {
        switch dtype {
        case .bool: return v != 0 ? "True" : "False"
        case .int64, .uint8: return String(Int64(fromDouble: v))
        default:
            if v.isNaN { return "nan" }
            if v.isInfinite { return v < 0 ? "-inf" : "inf" }
            if sciMode { return cFormat("%.4e", v) }
            if intMode { return cFormat("%.0f", v) + "." }
            return cFormat("%.4f", v)
        }
    }

    func format(_ v: Double) -> String {
        let s = raw(v)
        return s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
