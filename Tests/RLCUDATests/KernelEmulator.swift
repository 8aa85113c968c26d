import Foundation
@testable import RLCUDA

/// Runs the generated CUDA kernels on the CPU: each module is compiled as C++ (clang++) with a shim
/// that defines the CUDA keywords away and launches one thread with a one-thread block, so the
/// kernels' grid-stride loops cover every element in order. This checks the kernels' index math and
/// formulas without a GPU; it does not check parallel behaviour (shuffles, shared memory, races) —
/// the device check does. The tiled GEMM kernel needs 16×16 threads and is not emulated.
final class KernelEmulator {
    static let shim = """
    #include <cmath>
    #include <cstdint>
    #define __global__
    #define __device__
    #define __forceinline__ inline
    #define __restrict__ __restrict
    #define __shared__ static
    #define RL_EMULATED 1
    struct rl_dim3 { unsigned x, y, z; };
    static rl_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};
    static inline void __syncthreads() {}
    template <class V> static inline V __shfl_down_sync(unsigned, V v, int) { return v; }
    static inline int atomicExch(int* p, int v) { int o = *p; *p = v; return o; }
    template <class V> static inline V atomicAdd(V* p, V v) { V o = *p; *p += v; return o; }

    """

    static let clang: String? = {
        for c in ["/opt/swift/usr/bin/clang++", "/usr/bin/clang++", "/usr/bin/g++"] where FileManager.default.isExecutableFile(atPath: c) { return c }
        return nil
    }()

    let handle: UnsafeMutableRawPointer

    /// Compiles `module` (plus `extra` C++ appended, e.g. wrappers) into a shared library and opens it.
    init(_ module: KernelSource, extra: String = "") throws {
        guard let cxx = Self.clang else { throw CUDAError.unsupported("kernel emulation without clang++") }
        // One folder per emulator: dlopen caches libraries by path, and tests run in parallel.
        let dir = NSTemporaryDirectory() + "rlcuda-emu-\(getpid())-\(module.module)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let src = dir + "/k.cpp", lib = dir + "/k.so"
        try (Self.shim + module.source + extra).write(toFile: src, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cxx)
        p.arguments = ["-std=c++14", "-O1", "-shared", "-fPIC", "-w", src, "-o", lib]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw CUDAError.compile(module: module.module, options: ["clang++ emulation"], log: log)
        }
        guard let h = dlopen(lib, RTLD_NOW | RTLD_LOCAL) else { throw CUDAError.unsupported("dlopen \(lib)") }
        handle = h
        try? FileManager.default.removeItem(atPath: dir)      // the mapping stays valid
    }

    func fn<T>(_ name: String, as _: T.Type = T.self) throws -> T {
        guard let p = dlsym(handle, name) else { throw CUDAError.symbolMissing(library: "emulation", path: "", symbol: name) }
        return unsafeBitCast(p, to: T.self)
    }
}
