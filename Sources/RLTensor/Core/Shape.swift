/// Shape arithmetic: element counts, contiguous strides, broadcasting.
enum ShapeMath {
    @inline(__always)
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for s in shape { n &*= s }
        return n
    }

    /// Row-major strides for a shape. Ranks up to 4 are built as array literals (a cached storage type)
    /// instead of `Array(repeating:count:)`, whose unspecialised allocation looks up generic metadata on
    /// every call: every new tensor needs its strides, so this is on the path of every small op.
    /// The strides of every contiguous rank-1 tensor, shared (an array per tensor was a malloc and a free).
    static let unitStrides = [1]

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        switch shape.count {
        case 0: return []
        case 1: return ShapeMath.unitStrides
        case 2: return [Swift.max(shape[1], 1), 1]
        case 3:
            let s1 = Swift.max(shape[2], 1)
            return [s1 &* Swift.max(shape[1], 1), s1, 1]
        case 4:
            let s2 = Swift.max(shape[3], 1), s1 = s2 &* Swift.max(shape[2], 1)
            return [s1 &* Swift.max(shape[1], 1), s1, s2, 1]
        default: break
        }
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        var i = shape.count - 1
        while i >= 0 {
            strides[i] = acc
            acc &*= max(shape[i], 1)
            i -= 1
        }
        return strides
    }

    /// The broadcast shape of two shapes, or PyTorch's error.
    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        if a == b { return a }
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i - (n - a.count), db = i - (n - b.count)
            let sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1
            if sa == sb || sb == 1 { out[i] = sa }
            else if sa == 1 { out[i] = sb }
            else { throw TensorError.broadcast(a: a, b: b, dim: i, sizeA: sa, sizeB: sb) }
        }
        return out
    }

    /// Strides to read a tensor of `shape`/`strides` as if broadcast to `target` (0 on expanded dims).
    static func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: target.count)
        let lead = target.count - shape.count
        for i in 0..<shape.count where shape[i] != 1 || target[i + lead] == 1 {
            out[i + lead] = shape[i] == 1 ? 0 : strides[i]
        }
        return out
    }

    static func validate(_ shape: [Int]) throws {
        for s in shape where s < 0 {
            throw TensorError.shape("Trying to create tensor with negative dimension \(s): \(shape)")
        }
    }
}
