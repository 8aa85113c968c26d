import Testing
import TestSupport
import RLTensor
@testable import RLCUDA

/// The kernels' index math, run on the CPU: broadcast offsets against RLTensor's own broadcasting,
/// the row-major GEMM plan against a column-major reference with cuBLAS's semantics, and argument packing.
@Suite struct LaunchMathTests {
    static func strides(_ s: [Int]) -> [Int] { CUDABackend.contiguousStrides(s) }

    @Test(.usesTheTensorGenerator, arguments: [([2, 3, 4], [4]), ([2, 1, 4], [3, 1]), ([5, 1], [1, 6]), ([1], [2, 3]), ([2, 3, 1, 5], [3, 4, 1]), ([7], [7])])
    func broadcastOffsetsMatchTheCPUBackend(aShape: [Int], bShape: [Int]) throws {
        let a = Tensor.randn(aShape), b = Tensor.randn(bShape)
        let expected = try CPUBackend().binary(.sub, a, b)
        let out = try #require(CUDABackend.broadcastShape(aShape, bShape))
        #expect(out == expected.shape)
        let ls = try #require(LaunchStrides(outShape: out, operands: [(aShape, Self.strides(aShape)), (bShape, Self.strides(bShape))]))
        let av = a.scalars, bv = b.scalars
        let got = (0..<expected.count).map { i -> Double in let (oa, ob, _) = ls.offsets(i); return Double(Float(av[oa]) - Float(bv[ob])) }
        #expect(got == expected.scalars)
    }

    @Test func contiguousDimensionsMerge() throws {
        let ls = try #require(LaunchStrides(outShape: [2, 3, 4, 5], operands: [([2, 3, 4, 5], Self.strides([2, 3, 4, 5])), ([4, 5], [5, 1])]))
        #expect(ls.shape == [6, 20])
        #expect(ls.strides[0] == [20, 1] && ls.strides[1] == [0, 1])
        let same = try #require(LaunchStrides(outShape: [8, 9], operands: [([8, 9], [9, 1]), ([8, 9], [9, 1])]))
        #expect(same.rank == 1)
    }

    @Test func stridesBytesMatchTheCStructLayout() throws {
        let ls = try #require(LaunchStrides(outShape: [3, 4], operands: [([3, 4], [4, 1]), ([4], [1])]))
        let bytes = ls.bytes
        #expect(bytes.count == 264)
        func word(_ i: Int) -> Int64 { bytes.withUnsafeBytes { $0.load(fromByteOffset: i * 8, as: Int64.self) } }
        #expect(ls.shape == [3, 4])
        #expect(word(0) == 3 && word(1) == 4)            // shape
        #expect(word(8) == 4 && word(9) == 1)            // a
        #expect(word(16) == 0 && word(17) == 1)          // b (broadcast rows)
        #expect(bytes.withUnsafeBytes { $0.load(fromByteOffset: 256, as: Int32.self) } == 2)
    }

    @Test func tooManyDimensionsOrMismatchedShapesAreRefused() {
        let shape = [2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
        let a = shape, b = shape.map { $0 == 1 ? 2 : 1 }
        let out = zip(a, b).map { max($0, $1) }
        #expect(LaunchStrides(outShape: out, operands: [(a, Self.strides(a)), (b, Self.strides(b))]) == nil)
        #expect(LaunchStrides(outShape: [3, 4], operands: [([3, 5], [5, 1])]) == nil)
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func rowMajorGEMMThroughTheColumnMajorCall(transA: Bool, transB: Bool) {
        let M = 3, N = 5, K = 4
        let A = (0..<M * K).map { Double($0 % 7) - 2.5 }, B = (0..<K * N).map { Double(($0 * 3) % 5) + 0.25 }
        func a(_ i: Int, _ p: Int) -> Double { transA ? A[p * M + i] : A[i * K + p] }
        func b(_ p: Int, _ j: Int) -> Double { transB ? B[j * K + p] : B[p * N + j] }
        var expected = [Double](repeating: 0, count: M * N)
        for i in 0..<M { for j in 0..<N { for p in 0..<K { expected[i * N + j] += a(i, p) * b(p, j) } } }
        let plan = GEMMPlan(M: M, N: N, K: K, transA: transA, transB: transB)
        let c = GEMMPlan.columnMajorReference(transX: plan.transFirst, transY: plan.transSecond, m: plan.m, n: plan.n, k: plan.k,
                                              x: B, ldx: plan.ldFirst, y: A, ldy: plan.ldSecond, ldc: plan.ldResult)
        #expect(c == expected)                         // column-major Cᵀ is the row-major C
    }

    @Test func kernelArgumentsAreAlignedAndInOrder() {
        let strides = [UInt8](repeating: 7, count: 264)
        KernelArgument.withPacked([.pointer(0xabc), .int32(5), .double(1.5), .bytes(strides), .float(2)]) { p in
            #expect(p[0]!.load(as: UInt64.self) == 0xabc)
            #expect(p[1]!.load(as: Int32.self) == 5)
            #expect(p[2]!.load(as: Double.self) == 1.5)
            #expect(p[3]!.load(as: UInt8.self) == 7 && p[3]!.load(fromByteOffset: 263, as: UInt8.self) == 7)
            #expect(p[4]!.load(as: Float.self) == 2)
            for i in 0..<5 { #expect(Int(bitPattern: p[i]!) % 8 == 0) }
        }
    }
}
