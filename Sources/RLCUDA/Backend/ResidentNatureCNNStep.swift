import RLSupport

/// A NatureCNN training step (batch-N forward, MSE loss, backward, Adam) written directly against
/// device buffers: the path rlbook's tensors would take once they stay on the GPU, measured by the
/// device check (`rlcuda-check cnn-step`) eagerly and as a replayed CUDA graph. Every piece it uses
/// (im2col/col2im, GEMM, bias, relu and its gradient, reductions, fused Adam) is checked against the
/// CPU backend by `rlcuda-check ops`; the composition itself is checked there by comparing the loss
/// with the CPU backend's.
///
/// Layers: conv 4→32 k8 s4, conv 32→64 k4 s2, conv 64→64 k3 s1 (ReLU after each), linear 3136→512,
/// ReLU, linear 512→actions. The Adam bias corrections are kernel arguments, so a replayed graph
/// keeps those of the step it captured (fine for timing; a capturable Adam would read the step count
/// from device memory).
public final class ResidentNatureCNNStep {
    struct Conv { let c, h, o, k, s: Int; var oh: Int { (h - k) / s + 1 }; var ckk: Int { c * k * k }; var p: Int { oh * oh } }
    let b: ResidentDevice
    let n: Int, actions: Int
    let convs = [Conv(c: 4, h: 84, o: 32, k: 8, s: 4), Conv(c: 32, h: 20, o: 64, k: 4, s: 2), Conv(c: 64, h: 9, o: 64, k: 3, s: 1)]
    /// Parameters in `Module.parameters()` order (w1, b1, w2, b2, w3, b3, fc1.w, fc1.b, fc2.w, fc2.b) and their Adam state.
    var params: [CUdeviceptr] = [], grads: [CUdeviceptr] = [], m: [CUdeviceptr] = [], v: [CUdeviceptr] = []
    let sizes: [Int]
    var x: CUdeviceptr = 0, target: CUdeviceptr = 0
    var cols: [CUdeviceptr] = [], z: [CUdeviceptr] = [], a: [CUdeviceptr] = []
    var h: CUdeviceptr = 0, hr: CUdeviceptr = 0, q: CUdeviceptr = 0, dq: CUdeviceptr = 0, sq: CUdeviceptr = 0, sq2: CUdeviceptr = 0, loss: CUdeviceptr = 0
    var scratch: [CUdeviceptr] = []
    var dr: CUdeviceptr = 0, dh: CUdeviceptr = 0, da: [CUdeviceptr] = [], dz: [CUdeviceptr] = [], dcols: [CUdeviceptr] = []
    var perSample: [CUdeviceptr] = [], biasTmp: [CUdeviceptr] = []
    public private(set) var step = 0

    /// Uploads `parameters` (float32, in the order above), the input `[n, 4, 84, 84]` and the target `[n, actions]`.
    public init(device: ResidentDevice, parameters: [[Float]], input: [Float], target y: [Float], batch: Int, actions: Int) throws {
        b = device
        n = batch
        self.actions = actions
        sizes = parameters.map(\.count)
        for p in parameters {
            params.append(try b.residentUpload(p))
            grads.append(try b.residentAllocate(floats: p.count))
            m.append(try b.residentUpload([Float](repeating: 0, count: p.count)))
            v.append(try b.residentUpload([Float](repeating: 0, count: p.count)))
        }
        x = try b.residentUpload(input)
        target = try b.residentUpload(y)
        for c in convs {
            cols.append(try b.residentAllocate(floats: n * c.ckk * c.p))
            dcols.append(try b.residentAllocate(floats: n * c.ckk * c.p))
            z.append(try b.residentAllocate(floats: n * c.o * c.p))
            a.append(try b.residentAllocate(floats: n * c.o * c.p))
            dz.append(try b.residentAllocate(floats: n * c.o * c.p))
            da.append(try b.residentAllocate(floats: n * c.o * c.p))
            perSample.append(try b.residentAllocate(floats: n * c.o * c.ckk))
            biasTmp.append(try b.residentAllocate(floats: n * c.o))
        }
        h = try b.residentAllocate(floats: n * 512); hr = try b.residentAllocate(floats: n * 512)
        q = try b.residentAllocate(floats: n * actions); dq = try b.residentAllocate(floats: n * actions)
        sq = try b.residentAllocate(floats: n * actions); sq2 = try b.residentAllocate(floats: n * actions); loss = try b.residentAllocate(floats: 1)
        dr = try b.residentAllocate(floats: n * 512); dh = try b.residentAllocate(floats: n * 512)
    }

    private func k(_ name: String, _ count: Int, _ args: [KernelArgument]) throws {
        let module = name.hasPrefix("rl_im2col") || name.hasPrefix("rl_col2im") ? CUDABackend.conv[.f32]!
            : name.hasPrefix("rl_reduce") || name.hasPrefix("rl_softmax") ? CUDABackend.reduction[.f32]!
            : name.hasPrefix("rl_adam") ? CUDABackend.optim[.f32]! : CUDABackend.elementwise[.f32]!
        try b.residentLaunch(module, name, count: count, blockSize: 256, blocks: nil, args)
    }

    private func geo(_ c: Conv) -> [KernelArgument] {
        [n, c.c, c.h, c.h, c.k, c.k, c.s, c.s, 0, 0, c.oh, c.oh].map { .int32(Int32($0)) }
    }

    /// Queues one training step on the stream (no host synchronisation).
    public func run() throws {
        step += 1
        // Forward.
        var input = x
        for (i, c) in convs.enumerated() {
            try k("rl_im2col_f32", n * c.c * c.p, [.pointer(input), .pointer(cols[i])] + geo(c))
            try b.residentGEMM(M: c.o, N: c.p, K: c.ckk, transA: false, transB: false, a: params[2 * i], strideA: 0,
                       b: cols[i], strideB: c.ckk * c.p, c: z[i], strideC: c.o * c.p, batch: n)
            try k("rl_add_bias_f32", n * c.o * c.p, [.pointer(z[i]), .pointer(params[2 * i + 1]), .int64(Int64(n * c.o * c.p)), .int64(Int64(c.o)), .int64(Int64(c.p))])
            try k("rl_unary_relu_f32", n * c.o * c.p, [.pointer(z[i]), .pointer(a[i]), .int64(Int64(n * c.o * c.p))])
            input = a[i]
        }
        let flat = 3136
        try b.residentGEMM(M: n, N: 512, K: flat, transA: false, transB: true, a: a[2], strideA: 0, b: params[6], strideB: 0, c: h, strideC: 0, batch: 1)
        try k("rl_add_bias_f32", n * 512, [.pointer(h), .pointer(params[7]), .int64(Int64(n * 512)), .int64(512), .int64(1)])
        try k("rl_unary_relu_f32", n * 512, [.pointer(h), .pointer(hr), .int64(Int64(n * 512))])
        try b.residentGEMM(M: n, N: actions, K: 512, transA: false, transB: true, a: hr, strideA: 0, b: params[8], strideB: 0, c: q, strideC: 0, batch: 1)
        try k("rl_add_bias_f32", n * actions, [.pointer(q), .pointer(params[9]), .int64(Int64(n * actions)), .int64(Int64(actions)), .int64(1)])
        // MSE loss (mean over n·actions) and its gradient 2(q − y)/(n·actions).
        let count = n * actions
        try k("rl_binary_sub_f32_c", count, [.pointer(q), .pointer(target), .pointer(sq), .int64(Int64(count))])
        try k("rl_binary_scalar_mul_f32", count, [.pointer(sq), .float(2 / Float(count)), .int32(0), .pointer(dq), .int64(Int64(count))])
        try k("rl_binary_mul_f32_c", count, [.pointer(sq), .pointer(sq), .pointer(sq2), .int64(Int64(count))])
        try b.residentLaunch(CUDABackend.reduction[.f32]!, "rl_reduce_rows_sum_f32", count: 256, blockSize: 256, blocks: 1,
                            [.pointer(sq2), .pointer(loss), .int64(1), .int64(Int64(count))])
        // Backward through the linear layers.
        try b.residentGEMM(M: actions, N: 512, K: n, transA: true, transB: false, a: dq, strideA: 0, b: hr, strideB: 0, c: grads[8], strideC: 0, batch: 1)
        try k("rl_reduce_cols_sum_f32", actions, [.pointer(dq), .pointer(grads[9]), .int64(1), .int64(Int64(n)), .int64(Int64(actions))])
        try b.residentGEMM(M: n, N: 512, K: actions, transA: false, transB: false, a: dq, strideA: 0, b: params[8], strideB: 0, c: dr, strideC: 0, batch: 1)
        try k("rl_relu_backward_f32", n * 512, [.pointer(dr), .pointer(hr), .pointer(dh), .int64(Int64(n * 512))])
        try b.residentGEMM(M: 512, N: flat, K: n, transA: true, transB: false, a: dh, strideA: 0, b: a[2], strideB: 0, c: grads[6], strideC: 0, batch: 1)
        try k("rl_reduce_cols_sum_f32", 512, [.pointer(dh), .pointer(grads[7]), .int64(1), .int64(Int64(n)), .int64(512)])
        try b.residentGEMM(M: n, N: flat, K: 512, transA: false, transB: false, a: dh, strideA: 0, b: params[6], strideB: 0, c: da[2], strideC: 0, batch: 1)
        // Backward through the convolutions.
        for i in stride(from: 2, through: 0, by: -1) {
            let c = convs[i], size = n * c.o * c.p
            try k("rl_relu_backward_f32", size, [.pointer(da[i]), .pointer(a[i]), .pointer(dz[i]), .int64(Int64(size))])
            try b.residentLaunch(CUDABackend.reduction[.f32]!, "rl_reduce_rows_sum_f32", count: 0, blockSize: 256, blocks: min(n * c.o, 65_535),
                                [.pointer(dz[i]), .pointer(biasTmp[i]), .int64(Int64(n * c.o)), .int64(Int64(c.p))])
            try k("rl_reduce_cols_sum_f32", c.o, [.pointer(biasTmp[i]), .pointer(grads[2 * i + 1]), .int64(1), .int64(Int64(n)), .int64(Int64(c.o))])
            try b.residentGEMM(M: c.o, N: c.ckk, K: c.p, transA: false, transB: true, a: dz[i], strideA: c.o * c.p, b: cols[i], strideB: c.ckk * c.p,
                       c: perSample[i], strideC: c.o * c.ckk, batch: n)
            try k("rl_reduce_cols_sum_f32", c.o * c.ckk, [.pointer(perSample[i]), .pointer(grads[2 * i]), .int64(1), .int64(Int64(n)), .int64(Int64(c.o * c.ckk))])
            if i > 0 {
                try b.residentGEMM(M: c.ckk, N: c.p, K: c.o, transA: true, transB: false, a: params[2 * i], strideA: 0, b: dz[i], strideB: c.o * c.p,
                           c: dcols[i], strideC: c.ckk * c.p, batch: n)
                try k("rl_col2im_f32", n * c.c * c.h * c.h, [.pointer(dcols[i]), .pointer(da[i - 1])] + geo(c))
            }
        }
        // Adam (lr 1e-4, PyTorch defaults otherwise).
        let bc1 = 1 - Float(pow(0.9, Double(step))), bc2 = 1 - Float(pow(0.999, Double(step)))
        for (i, size) in sizes.enumerated() {
            try k("rl_adam_f32", size, [.pointer(params[i]), .pointer(grads[i]), .pointer(m[i]), .pointer(v[i]), .int64(Int64(size)),
                                        .float(1e-4), .float(0.9), .float(0.999), .float(1e-8), .float(0), .float(bc1), .float(bc2)])
        }
    }

    /// The loss of the last step (synchronises).
    public func lastLoss() throws -> Float { Float(try b.residentDownload(loss, count: 1)[0]) / Float(n * actions) }

    /// A parameter's gradient from the last step (synchronises).
    public func gradient(_ i: Int) throws -> [Float] { try b.residentDownload(grads[i], count: sizes[i]) }

    /// A parameter's current values (synchronises).
    public func parameter(_ i: Int) throws -> [Float] { try b.residentDownload(params[i], count: sizes[i]) }
}
