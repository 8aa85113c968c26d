/// One entry of a basic index: an integer, a slice, `...`, or a new axis.
public enum TensorIndex: Sendable, Equatable {
    case at(Int)
    case slice(start: Int?, end: Int?, step: Int)
    case all
    case ellipsis
    case newAxis
}

/// Values usable inside `t[...]`: Int, ranges, and `TensorIndex`.
public protocol TensorIndexConvertible {
    var tensorIndex: TensorIndex { get }
}
extension Int: TensorIndexConvertible { public var tensorIndex: TensorIndex { .at(self) } }
extension TensorIndex: TensorIndexConvertible { public var tensorIndex: TensorIndex { self } }
extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound, step: 1) }
}
extension ClosedRange: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound + 1, step: 1) }
}
extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: nil, step: 1) }
}
extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound, step: 1) }
}
extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound + 1, step: 1) }
}

extension Tensor {
    /// Basic indexing (a view): `t[0]`, `t[1, 2]`, `t[0..<2]`, `t[TensorIndex.all, 1]`.
    public subscript(_ items: TensorIndexConvertible...) -> Tensor {
        get throws { try index(items.map { $0.tensorIndex }) }
    }

    /// Basic indexing with an explicit list of index entries (Python's `t[a, b:c, ..., None]`).
    public func index(_ items: [TensorIndex]) throws -> Tensor {
        let out = try Tensor.applyIndex(self, items)
        if Autograd.active(self) {
            let shape = self.shape, dt = dtype
            Autograd.record(out, "SliceBackward0", [self], Rules.indexing(shape, dt) { try Tensor.applyIndex($0, items) })
        }
        return out
    }

    /// The view selected by `items` (no autograd).
    static func applyIndex(_ t: Tensor, _ items: [TensorIndex]) throws -> Tensor {
        let consuming = items.filter { $0 != .newAxis && $0 != .ellipsis }.count
        if consuming > t.rank { throw TensorError.shape("too many indices for tensor of dimension \(t.rank)") }
        if items.filter({ $0 == .ellipsis }).count > 1 { throw TensorError.shape("an index can only have a single ellipsis ('...')") }
        var expanded: [TensorIndex] = []
        for it in items {
            if it == .ellipsis { expanded += Array(repeating: .all, count: t.rank - consuming) } else { expanded.append(it) }
        }
        var shape: [Int] = [], strides: [Int] = []
        var offset = t.offset
        var d = 0
        for it in expanded {
            switch it {
            case .newAxis:
                shape.append(1); strides.append(0)
            case .at(let i):
                let n = t.shape[d]
                let j = i < 0 ? i + n : i
                if j < 0 || j >= n { throw TensorError.indexOutOfRange(index: i, dim: d, size: n) }
                offset += j * t.strides[d]
                d += 1
            case .all:
                shape.append(t.shape[d]); strides.append(t.strides[d]); d += 1
            case let .slice(start, end, step):
                guard step > 0 else { throw TensorError.invalidArgument("slice step must be positive") }
                let n = t.shape[d]
                func clampIdx(_ v: Int) -> Int { let w = v < 0 ? v + n : v; return Swift.min(Swift.max(w, 0), n) }
                let s = start.map(clampIdx) ?? 0
                let e = Swift.max(end.map(clampIdx) ?? n, s)
                let len = (e - s + step - 1) / step
                shape.append(len); strides.append(t.strides[d] * step)
                if len > 0 { offset += s * t.strides[d] }
                d += 1
            case .ellipsis: break
            }
        }
        while d < t.rank { shape.append(t.shape[d]); strides.append(t.strides[d]); d += 1 }
        return t.view(shape: shape, strides: strides, offset: offset)
    }

    /// `length` elements of `dim` from `start` (a view).
    public func narrow(_ dim: Int, start: Int, length: Int) throws -> Tensor {
        let d = try wrapDim(dim, rank)
        var items = [TensorIndex](repeating: .all, count: d)
        items.append(.slice(start: start, end: start + length, step: 1))
        return try index(items)
    }

    /// Copies values from `src` (broadcast to this view's shape) into this tensor's storage, in place
    /// (PyTorch's `t[...] = src` / `copy_`). Not recorded by autograd.
    public func copy_(_ src: Tensor) throws {
        let b = try src.expand(shape).detach()
        Convert.assign(self, from: b)
    }

    /// Fills this tensor's storage in place with a value.
    public func fill_(_ value: Double) {
        Convert.assign(self, from: Tensor.full([], value, dtype: dtype).view(shape: shape, strides: Array(repeating: 0, count: rank), offset: 0))
    }

    /// Rows along dim 0 selected by an int64 index tensor (`t[idx]`), or masked by a bool tensor (`t[mask]`).
    public subscript(_ selector: Tensor) -> Tensor {
        get throws {
            if selector.dtype == .bool || selector.dtype == .uint8 {
                let m = selector.toArray(Bool.self)
                guard selector.shape == Array(shape.prefix(selector.rank)) else {
                    throw TensorError.shape("The shape of the mask \(selector.shape) does not match the shape of the indexed tensor \(shape)")
                }
                let flat = try reshape([-1] + Array(shape[selector.rank...]))
                let rows = m.indices.filter { m[$0] }.map { Int64($0) }
                return try flat.indexSelect(0, try Tensor(rows, shape: [rows.count]))
            }
            return try indexSelect(0, selector)
        }
    }

    /// Entries of `dim` at `index` (int64), like `torch.index_select` (`index` may be n-d for dim 0).
    public func indexSelect(_ dim: Int, _ index: Tensor) throws -> Tensor {
        let d = try wrapDim(dim, rank)
        let idx = index.toArray(Int64.self)
        let n = shape[d]
        var parts: [Tensor] = []
        parts.reserveCapacity(idx.count)
        for i in idx {
            let j = Int(i)
            if j < -n || j >= n { throw TensorError.indexOutOfRange(index: j, dim: d, size: n) }
            parts.append(try narrow(d, start: j < 0 ? j + n : j, length: 1))
        }
        if parts.isEmpty {
            var s = shape; s[d] = 0
            return Tensor.zeros(s, dtype: dtype)
        }
        let out = try cat(parts, dim: d)
        if d == 0 && index.rank != 1 { return try out.reshape(index.shape + Array(shape[1...])) }
        return out
    }
}
