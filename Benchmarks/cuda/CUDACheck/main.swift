// rlcuda-check: the CUDA backend's device check (see ../device-check.sh and docs/cuda.md).
//
//   rlcuda-check [ops] [graphs] [cnn-step] [--require-gpu] [--reps N]
//
//   rlcuda-check precompile 80 90 [--out DIR]
//
// `precompile` compiles every kernel module with NVRTC for the given compute capabilities into the
// PTX cache (default: $XDG_CACHE_HOME/rlbook/cuda), so a GPU machine without NVRTC can run them.
// `ops` compares every operation of the CUDA backend with the CPU backend (float32, relative
// tolerance 1e-4; reductions over 100k elements 1e-3). `graphs` replays a captured CUDA graph of
// fused RMSprop steps and checks it against eager launches (GraphCheck.swift). `cnn-step` times a NatureCNN batch-32 training
// step (forward, MSE loss, backward, Adam) on the CPU backend, on the CUDA backend in staging mode, and
// resident on the device (ResidentNatureCNNStep: gradients checked against the CPU, eager and as a graph). Without a
// usable GPU the GPU parts print `skipped: <reason>` and exit 0 (2 with --require-gpu).
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import RLCUDA
import RLNN
import RLTensor

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

var args = Array(CommandLine.arguments.dropFirst())
let requireGPU = args.contains("--require-gpu")
/// `--cpu-vs-cpu`: runs the op checks with the CPU backend on both sides (checks the harness without a GPU).
let cpuVsCpu = args.contains("--cpu-vs-cpu")
var reps = 20
if let i = args.firstIndex(of: "--reps"), i + 1 < args.count, let n = Int(args[i + 1]) { reps = n; args.removeSubrange(i...i + 1) }
var outDir: String? = nil
if let i = args.firstIndex(of: "--out"), i + 1 < args.count { outDir = args[i + 1]; args.removeSubrange(i...i + 1) }
args.removeAll { $0.hasPrefix("--") }

if args.first == "precompile" {
    let archs = args.dropFirst().compactMap { Int($0) }
    guard !archs.isEmpty, archs.count == args.count - 1 else {
        fputs("rlcuda-check precompile: give compute capabilities as numbers, e.g. 80 90\n", stderr)
        exit(64)
    }
    do {
        let nvrtc = try NVRTCCompiler()
        print("NVRTC \(nvrtc.version.0).\(nvrtc.version.1) from \(nvrtc.libraryPath)")
        for a in archs {
            let files = try KernelCache.precompile(with: nvrtc, major: a / 10, minor: a % 10, folder: outDir)
            print("sm_\(a): \(files.count) modules -> \(outDir ?? KernelCache.diskFolder ?? "?")")
        }
        exit(0)
    } catch {
        fputs("rlcuda-check precompile: \(error)\n", stderr)
        exit(1)
    }
}

let parts = args.isEmpty ? ["ops", "graphs", "cnn-step"] : args
for p in parts where !["ops", "graphs", "cnn-step"].contains(p) {
    fputs("rlcuda-check: unknown part '\(p)'; use ops, graphs and/or cnn-step\n", stderr)
    exit(64)
}

let gpu: CUDABackend?
switch CUDARuntime.backend() {
case .success(let b):
    gpu = b
    let d = b.device
    print("device: \(d.name), compute capability \(d.computeCapability.major).\(d.computeCapability.minor), \(d.totalMemory >> 20) MiB, driver \(d.driverVersion)")
    print("gemm: \(d.cublasUnavailableReason.map { "rl_gemm kernel (cuBLAS not used: \($0))" } ?? "cuBLAS")")
case .failure(let e):
    gpu = nil
    print("skipped: no usable CUDA backend: \(e)")
}

var failed = 0
let other: Backend? = cpuVsCpu ? CPUBackend() : gpu
if parts.contains("ops"), let other {
    let cpu = CPUBackend()
    let checks = try opChecks()
    var worst = 0.0
    for c in checks {
        let tol = c.name.contains("100003") ? 1e-3 : 1e-4
        let before = gpu?.fallbacks ?? 0
        do {
            let want = try c.run(cpu), got = try c.run(other)
            guard let e = maxError(want, got) else { print("FAIL \(c.name): shapes or dtypes differ"); failed += 1; continue }
            let fellBack = (gpu?.fallbacks ?? 0) > before
            worst = max(worst, e)
            if e > tol || fellBack {
                print("FAIL \(c.name): max relative error \(e)\(fellBack ? " (fell back to the CPU)" : "")")
                failed += 1
            } else {
                print("ok   \(c.name): \(e)")
            }
        } catch {
            print("FAIL \(c.name): \(error)")
            failed += 1
        }
    }
    print("ops (\(other.name)): \(checks.count - failed)/\(checks.count) agree with the CPU backend (worst relative error \(worst))")
    if let gpu, !cpuVsCpu {
        let s = gpu.device.allocator.stats
        print("GPU ops \(gpu.gpuOps), fallbacks \(gpu.fallbacks); allocator: \(s.deviceAllocations) cuMemAlloc, \(s.cacheHits) cache hits, \(s.reservedBytes >> 20) MiB reserved")
    }
}

if parts.contains("graphs") {
    if let gpu {
        do {
            if try !graphCheck(gpu, steps: reps * 5) { failed += 1 }
        } catch {
            print("FAIL graphs: \(error)")
            failed += 1
        }
    } else {
        print("graphs: skipped (no usable CUDA backend)")
    }
}

if parts.contains("cnn-step") {
    func natureCNN(_ nActions: Int) -> Sequential {
        Sequential(Conv2d(4, 32, kernelSize: 8, stride: 4), ReLU(), Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                   Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten(), Linear(3136, 512), ReLU(), Linear(512, nActions))
    }
    func time(_ backend: Backend) throws -> Double {
        try with(backend) {
            manualSeed(0)
            let net = natureCNN(6)
            let opt = try Adam(net.parameters(), lr: 1e-4)
            let x = Tensor.rand([32, 4, 84, 84]), y = Tensor.randn([32, 6])
            func step() throws {
                opt.zeroGrad()
                try mseLoss(try net(x), y).backward()
                try opt.step()
            }
            for _ in 0..<3 { try step() }
            var best = Double.infinity
            for _ in 0..<reps { let t0 = now(); try step(); best = min(best, now() - t0) }
            return best
        }
    }
    print("naturecnn_b32_train_step cpu \(try time(CPUBackend()) * 1e3) ms (best of \(reps))")
    if let gpu {
        do {
            if try !residentCheck(gpu, reps: reps) { failed += 1 }
        } catch {
            print("FAIL resident step: \(error)")
            failed += 1
        }
        print("naturecnn_b32_train_step cuda-staging \(try time(gpu) * 1e3) ms (best of \(reps); every op copies through host memory)")
    } else {
        print("naturecnn_b32_train_step cuda: skipped (no usable CUDA backend)")
    }
}

if gpu == nil && requireGPU { exit(2) }
exit(failed == 0 ? 0 : 1)
