import RLCUDA
import RLTensor

/// CUDA graphs on the device: RMSprop (momentum 0.9) over NatureCNN's ten parameter tensors, `steps`
/// times eagerly (ten launches a step) and `steps` times through `GraphPlanner` + `DriverGraphs`
/// (warm-up, one capture, replays) from the same start. The two results must be bitwise equal.
/// Returns false on a mismatch.
func graphCheck(_ gpu: CUDABackend, steps: Int) throws -> Bool {
    let sizes = [8192, 32, 32768, 64, 36864, 64, 1_605_632, 512, 3072, 6]
    manualSeed(3)
    let starts = sizes.map { Tensor.randn([$0]).scalars.map { Float($0) } }
    let grads = sizes.map { Tensor.randn([$0]).scalars.map { Float($0) * 0.01 } }
    struct Set { var p: [CUdeviceptr] = [], g: [CUdeviceptr] = [], v: [CUdeviceptr] = [], b: [CUdeviceptr] = [] }
    func makeSet() throws -> Set {
        var s = Set()
        for (i, n) in sizes.enumerated() {
            s.p.append(try gpu.residentUpload(starts[i]))
            s.g.append(try gpu.residentUpload(grads[i]))
            s.v.append(try gpu.residentUpload([Float](repeating: 0, count: n)))
            s.b.append(try gpu.residentUpload([Float](repeating: 0, count: n)))
        }
        return s
    }
    func step(_ s: Set) throws {
        for (i, n) in sizes.enumerated() {
            try gpu.residentRMSprop(param: s.p[i], grad: s.g[i], squareAvg: s.v[i], momentumBuffer: s.b[i], count: n,
                                    lr: 1e-3, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0.9)
        }
    }
    let eager = try makeSet(), graphed = try makeSet()
    try gpu.device.synchronize()

    var t0 = now()
    for _ in 0..<steps { try step(eager) }
    try gpu.device.synchronize()
    let eagerTime = (now() - t0) / Double(steps)

    let planner = GraphPlanner<DriverGraphs, String>(executor: try DriverGraphs(device: gpu.device), warmupRuns: 2)
    var modes: [String: Int] = [:]
    t0 = now()
    for _ in 0..<steps { modes["\(try planner.run("rmsprop") { try step(graphed) })", default: 0] += 1 }
    try gpu.device.synchronize()
    let graphTime = (now() - t0) / Double(steps)

    var identical = true
    for (i, n) in sizes.enumerated() {
        let a = try gpu.residentDownload(eager.p[i], count: n), b = try gpu.residentDownload(graphed.p[i], count: n)
        if a != b { identical = false }
    }
    for s in [eager, graphed] { for p in s.p + s.g + s.v + s.b { gpu.residentRelease(p) } }
    print("graphs: RMSprop over NatureCNN's 10 tensors, \(steps) steps: eager \(eagerTime * 1e6) µs/step, "
          + "graph \(graphTime * 1e6) µs/step (modes \(modes.sorted { $0.key < $1.key })); results \(identical ? "identical" : "DIFFER")")
    if let why = planner.failures["rmsprop"] { print("graphs: capture failed: \(why)") }
    return identical && planner.failures.isEmpty
}
