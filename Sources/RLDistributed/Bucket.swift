import RLTensor

/// Flat buffers over a list of tensors of one dtype: copied in, handed to one MPI call, copied back.
enum Bucket {
    /// Packs `read(t)` of every tensor into one buffer, runs `body`, and copies the result back into
    /// the same tensors.
    static func withFlat(_ ts: [Tensor], dtype: DType, read: (Tensor) -> Tensor,
                         _ body: (UnsafeMutableRawPointer, Int, MPIElement) throws -> Void) throws {
        let targets = ts.map(read)
        try run(targets.map { $0 as Tensor? }, counts: targets.map(\.count), dtype: dtype, body) { i, src in
            try copy(from: src, into: targets[i], dtype: dtype)
        }
    }

    /// The same over gradients: missing gradients are zeros; results are written back into each
    /// parameter's gradient (a new contiguous one when it had none or a non-contiguous one).
    static func withFlatGradients(_ params: [Tensor], dtype: DType, _ body: (UnsafeMutableRawPointer, Int, MPIElement) throws -> Void) throws {
        let grads: [Tensor?] = params.map { p in
            guard let g = p.grad else { return nil }
            return g.isContiguous && g.dtype == dtype ? g : g.to(dtype).contiguous()
        }
        try run(grads, counts: params.map(\.count), dtype: dtype, body) { i, src in
            let p = params[i]
            if let g = p.grad, g.isContiguous, g.dtype == dtype {
                try copy(from: src, into: g, dtype: dtype)
            } else {
                let allZero = dtype == .float32 ? UnsafeBufferPointer(start: src.assumingMemoryBound(to: Float.self), count: p.count).allSatisfy { $0 == 0 }
                                                : UnsafeBufferPointer(start: src.assumingMemoryBound(to: Double.self), count: p.count).allSatisfy { $0 == 0 }
                if p.grad == nil && allZero { return }
                let g = Tensor.zeros(p.shape, dtype: dtype)
                try copy(from: src, into: g, dtype: dtype)
                p.grad = g
            }
        }
    }

    private static func run(_ sources: [Tensor?], counts: [Int], dtype: DType, _ body: (UnsafeMutableRawPointer, Int, MPIElement) throws -> Void,
                            writeBack: (Int, UnsafeMutableRawPointer) throws -> Void) throws {
        let total = counts.reduce(0, +)
        let element: MPIElement = dtype == .float32 ? .float32 : .float64
        let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(total, 1) * element.size, alignment: 16)
        defer { raw.deallocate() }
        var offset = 0
        for (i, s) in sources.enumerated() {
            let dst = raw + offset * element.size
            if let s {
                let c = s.isContiguous && s.dtype == dtype ? s : s.to(dtype).contiguous()
                if dtype == .float32 {
                    try c.withUnsafeMutableScalars(Float.self) { dst.copyMemory(from: $0.baseAddress!, byteCount: $0.count * 4) }
                } else {
                    try c.withUnsafeMutableScalars(Double.self) { dst.copyMemory(from: $0.baseAddress!, byteCount: $0.count * 8) }
                }
            } else {
                dst.initializeMemory(as: UInt8.self, repeating: 0, count: counts[i] * element.size)
            }
            offset += counts[i]
        }
        try body(raw, total, element)
        offset = 0
        for i in sources.indices {
            try writeBack(i, raw + offset * element.size)
            offset += counts[i]
        }
    }

    /// Copies `count(t)` elements from `src` into a tensor (contiguous: directly; else through `copy_`).
    static func copy(from src: UnsafeMutableRawPointer, into t: Tensor, dtype: DType) throws {
        if t.isContiguous && t.dtype == dtype {
            if dtype == .float32 {
                try t.withUnsafeMutableScalars(Float.self) { $0.baseAddress!.update(from: src.assumingMemoryBound(to: Float.self), count: $0.count) }
            } else {
                try t.withUnsafeMutableScalars(Double.self) { $0.baseAddress!.update(from: src.assumingMemoryBound(to: Double.self), count: $0.count) }
            }
            return
        }
        let tmp = Tensor.zeros(t.shape, dtype: dtype)
        try copy(from: src, into: tmp, dtype: dtype)
        try t.copy_(tmp)
    }
}
