import Foundation
@testable import RLCUDA

/// A `ResidentDevice` in host memory: "device addresses" are host addresses, kernels run through
/// `KernelEmulator` behind cuLaunchKernel-style trampolines (`emu_<kernel>(void** params)` unpacks the
/// parameter array by the kernel's own signature), and GEMMs are plain loops with the row-major
/// semantics `CUDABackend.gemm` promises. It checks how a resident computation composes kernels.
final class EmulatedDevice: ResidentDevice {
    static let trampoline = """
    #include <utility>
    #include <type_traits>
    template <class... A, std::size_t... I>
    static void rl_emu_call(void (*f)(A...), void** p, std::index_sequence<I...>) { f(*static_cast<typename std::remove_reference<A>::type*>(p[I])...); }
    template <class... A>
    static void rl_emu_launch(void (*f)(A...), void** p) { rl_emu_call(f, p, std::index_sequence_for<A...>{}); }

    """

    private var libraries: [String: KernelEmulator] = [:]
    private var blocks: [UnsafeMutableRawPointer] = []
    private(set) var launches = 0

    deinit { blocks.forEach { $0.deallocate() } }

    private func library(_ m: KernelSource) throws -> KernelEmulator {
        if let l = libraries[m.module] { return l }
        let extra = Self.trampoline + m.kernels.map { "extern \"C\" void emu_\($0)(void** p) { rl_emu_launch(\($0), p); }\n" }.joined()
        let l = try KernelEmulator(m, extra: extra)
        libraries[m.module] = l
        return l
    }

    func residentAllocate(floats: Int) throws -> CUdeviceptr {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(floats, 1) * 4, alignment: 64)
        p.initializeMemory(as: Float.self, repeating: .nan, count: max(floats, 1))     // unwritten reads show up as NaN
        blocks.append(p)
        return CUdeviceptr(UInt(bitPattern: p))
    }

    func residentUpload(_ values: [Float]) throws -> CUdeviceptr {
        let p = try residentAllocate(floats: values.count)
        values.withUnsafeBufferPointer { UnsafeMutablePointer<Float>(bitPattern: UInt(p))!.update(from: $0.baseAddress!, count: values.count) }
        return p
    }

    func residentDownload(_ p: CUdeviceptr, count: Int) throws -> [Float] {
        Array(UnsafeBufferPointer(start: UnsafePointer<Float>(bitPattern: UInt(p)), count: count))
    }

    func residentLaunch(_ module: KernelSource, _ kernel: String, count: Int, blockSize: Int, blocks: Int?, _ args: [KernelArgument]) throws {
        let f = try library(module).fn("emu_" + kernel, as: (@convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> Void).self)
        KernelArgument.withPacked(args) { f($0) }
        launches += 1
    }

    func residentGEMM(M: Int, N: Int, K: Int, transA: Bool, transB: Bool, a: CUdeviceptr, strideA: Int, b: CUdeviceptr, strideB: Int,
                      c: CUdeviceptr, strideC: Int, batch: Int) throws {
        let A = UnsafePointer<Float>(bitPattern: UInt(a))!, B = UnsafePointer<Float>(bitPattern: UInt(b))!
        let C = UnsafeMutablePointer<Float>(bitPattern: UInt(c))!
        for n in 0..<batch {
            let an = A + n * strideA, bn = B + n * strideB, cn = C + n * strideC
            for i in 0..<M {
                for j in 0..<N {
                    var s: Float = 0
                    for p in 0..<K { s += (transA ? an[p * M + i] : an[i * K + p]) * (transB ? bn[j * K + p] : bn[p * N + j]) }
                    cn[i * N + j] = s
                }
            }
        }
    }
}
