import RLTensor

/// Lightning Fabric's reduce operations for `allReduce` on tensors.
public enum TensorReduceOp: String, Sendable, CaseIterable {
    case mean, sum, max, min
    var mpi: MPIReduceOp { self == .max ? .max : (self == .min ? .min : .sum) }
}

/// Collectives on tensors: in place on contiguous float32/float64 tensors, and bucketed lists of
/// tensors (one flat buffer and one MPI call per dtype, never one call per tensor).
extension ProcessGroup {
    /// Reduces a float tensor across processes, in place; `mean` divides the sum by the world size.
    public func allReduce(_ t: Tensor, op: TensorReduceOp = .mean) throws {
        guard t.dtype == .float32 || t.dtype == .float64 else {
            throw DistributedError.invalidArgument("allReduce needs a float32 or float64 tensor, got \(t.dtype.torchName); convert it with .float() or .double() first")
        }
        guard t.isContiguous else { throw DistributedError.invalidArgument("allReduce works in place on contiguous tensors; call .contiguous() first") }
        if size == 1 { return }
        if t.dtype == .float32 {
            try t.withUnsafeMutableScalars(Float.self) { b in
                try allReduce(b.baseAddress!, count: b.count, element: .float32, op: op.mpi)
                if op == .mean { let k = Float(size); for i in b.indices { b[i] /= k } }
            }
        } else {
            try t.withUnsafeMutableScalars(Double.self) { b in
                try allReduce(b.baseAddress!, count: b.count, element: .float64, op: op.mpi)
                if op == .mean { let k = Double(size); for i in b.indices { b[i] /= k } }
            }
        }
    }

    /// Copies rank `root`'s values of every tensor into the others' (one `MPI_Bcast` per dtype).
    /// Used by `setup` so every process starts from the same weights.
    public func broadcast(_ tensors: [Tensor], root: Int = 0) throws {
        if size == 1 { return }
        try Self.checkFloat(tensors, what: "broadcast")
        for (dtype, group) in Self.byDType(tensors) {
            try Bucket.withFlat(group, dtype: dtype, read: { $0 }) { ptr, count, element in
                try broadcast(ptr, count: count, element: element, root: root)
            }
        }
    }

    /// Averages the gradients of `parameters` across processes, in place: the flat gradient bucket
    /// of each dtype goes through one `MPI_Allreduce` (sum), then is divided by the world size.
    /// A parameter without a gradient on this process counts as zeros (so that every process sends
    /// buffers of the same length); it gets a gradient only when another process had one.
    public func averageGradients(_ parameters: [Tensor]) throws {
        if size == 1 { return }
        try Self.checkFloat(parameters, what: "averageGradients")
        for (dtype, group) in Self.byDType(parameters) {
            try Bucket.withFlatGradients(group, dtype: dtype) { ptr, count, element in
                try allReduce(ptr, count: count, element: element, op: .sum)
                if element == .float32 {
                    let p = ptr.assumingMemoryBound(to: Float.self), k = Float(size)
                    for i in 0..<count { p[i] /= k }
                } else {
                    let p = ptr.assumingMemoryBound(to: Double.self), k = Double(size)
                    for i in 0..<count { p[i] /= k }
                }
            }
        }
    }

    static func checkFloat(_ ts: [Tensor], what: String) throws {
        for t in ts where t.dtype != .float32 && t.dtype != .float64 {
            throw DistributedError.invalidArgument("\(what) handles float32 and float64 tensors; one has dtype \(t.dtype.torchName) and shape \(t.shape)")
        }
    }

    /// Tensors grouped by dtype, float32 first, order kept inside a group.
    static func byDType(_ ts: [Tensor]) -> [(DType, [Tensor])] {
        [DType.float32, .float64].compactMap { d in
            let g = ts.filter { $0.dtype == d }
            return g.isEmpty ? nil : (d, g)
        }
    }
}
