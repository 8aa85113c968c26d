import Testing
import TestSupport
@testable import RLTensor

@Suite(.serialized) struct SeededTensorTests {
    @Test(.usesTheTensorGenerator) func randMatchesNumpyDefaultRng() throws {
        manualSeed(42)
        let r = Tensor.rand([3], dtype: .float64).scalars
        #expect(r == [0.7739560485559633, 0.4388784397520523, 0.8585979199113825])
        manualSeed(7)
        let n = Tensor.randn([3], dtype: .float64).scalars
        #expect(n == [0.0012301533574825742, 0.2987455375084699, -0.2741378553622176])
    }
}

@Test func viewsShareStorageAndIndexingWorks() throws {
    let t = try Tensor.arange(0, 24).reshape([2, 3, 4])
    #expect(t.dtype == .int64)
    let s = try t[1, 1..<3, TensorIndex.slice(start: nil, end: nil, step: 2)]
    #expect(s.shape == [2, 2])
    #expect(s.scalars == [16, 18, 20, 22])
    let p = try t.permute([2, 0, 1])
    #expect(p.shape == [4, 2, 3])
    #expect(!p.isContiguous)
    #expect(try p.contiguous().reshape([-1]).scalars.prefix(4) == [0, 4, 8, 12])
    #expect(try t[-1, -1, -1].item == 23)
    #expect(throws: TensorError.self) { try t[2] }
    #expect(throws: TensorError.self) { try p.view([24]) }
    try s.copy_(Tensor.full([2, 2], 7, dtype: .int64))
    #expect(try t[1, 1, 0].item == 7)
    #expect(try t.unsqueeze(0).shape == [1, 2, 3, 4])
    #expect(try t.flatten(startDim: 1).shape == [2, 12])
    #expect(try Tensor.zeros([2, 1, 3]).squeeze().shape == [2, 3])
    let m = try Tensor([1.0, -2.0, 3.0])
    #expect(try m[m > 0.0].scalars == [1, 3])
    #expect(try m[try Tensor([2, 0])].scalars == [3, 1])
}

@Test func printsLikePyTorch() throws {
    #expect(try Tensor([[1.0, 2.0], [3.0, 4.0]]).description == "tensor([[1., 2.],\n        [3., 4.]])")
    #expect(Tensor.scalar(3.5).description == "tensor(3.5000)")
    #expect(try Tensor([true, false]).description == "tensor([ True, False])")
    #expect(try Tensor([0.00001, 1000.0]).description == "tensor([1.0000e-05, 1.0000e+03])")
    let x = try Tensor([1.0, 2.0], requiresGrad: true)
    #expect((x * 2.0).sum().description == "tensor(6., grad_fn=<SumBackward0>)")
    #expect(try (Tensor.arange(0, 30, dtype: .float32) / 7.0).description == "tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n        1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n        2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n        3.8571, 4.0000, 4.1429])")
    #expect(try Tensor([1.0, 2000.0]).description == "tensor([1.0000e+00, 2.0000e+03])")
    #expect(try Tensor.arange(0, 25).description == "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n        18, 19, 20, 21, 22, 23, 24])")
    #expect(try (Tensor.arange(0, 24, dtype: .float32) / 3.0).reshape([2, 12]).description == "tensor([[0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n         3.0000, 3.3333, 3.6667],\n        [4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667, 6.0000, 6.3333, 6.6667,\n         7.0000, 7.3333, 7.6667]])")
    #expect(Tensor.zeros([2, 2, 2]).description == "tensor([[[0., 0.],\n         [0., 0.]],\n\n        [[0., 0.],\n         [0., 0.]]])")
}

@Test func dtypesAndPromotion() throws {
    let i = try Tensor([1, 2, 3])
    #expect(i.dtype == .int64)
    #expect((i + 1.0).dtype == .int64)
    #expect((i + 0.5).dtype == .float32)
    #expect((i / 2.0).dtype == .float32)
    #expect(try (i + Tensor([1.0, 1.0, 1.0], dtype: .float64)).dtype == .float64)
    #expect((i > 1.0).dtype == .bool)
    #expect(i.to(.uint8).to(.float64).scalars == [1, 2, 3])
    #expect(try Tensor([1.5]).long().item == 1)
    #expect(try Tensor([300], dtype: .uint8).scalars == [44])
    #expect(try i.sum().itemValue == .int(6))
    #expect(try i.float().mean().itemValue == .double(2))
    #expect(throws: TensorError.self) { try i.mean() }
}

@Test func autogradSemantics() throws {
    let w = try Tensor([1.0, 2.0], dtype: .float64, requiresGrad: true)
    for _ in 0..<2 { try (w * w).sum().backward() }
    #expect(w.grad!.scalars == [4, 8])          // accumulates across calls
    let d = w.detach()
    #expect(!d.requiresGrad)
    let y = noGrad { w * 3.0 }
    #expect(!y.requiresGrad)
    #expect(throws: TensorError.self) { try y.sum().backward() }
    let z = w * 3.0
    #expect(throws: TensorError.self) { try z.backward() }   // non-scalar without a seed
    w.grad = nil
    try z.backward(try Tensor([1.0, 0.5], dtype: .float64))
    #expect(w.grad!.scalars == [3, 1.5])
    // A tensor used twice gets both contributions.
    let a = try Tensor([2.0], dtype: .float64, requiresGrad: true)
    let b = try a * a + a
    try b.sum().backward()
    #expect(a.grad!.scalars == [5])
}

@Test func errorsAreTypedNotTraps() throws {
    let a = Tensor.zeros([2, 3])
    #expect(throws: TensorError.self) { try a.matmul(Tensor.zeros([2, 3])) }
    #expect(throws: TensorError.self) { try a.reshape([4, 2]) }
    #expect(throws: TensorError.self) { try a.sum(dim: 2) }
    #expect(throws: TensorError.self) { try a.gather(dim: 1, index: Tensor([[5]])) }
    #expect(throws: TensorError.self) { try cat([a, Tensor.zeros([2, 2, 1])], dim: 0) }
    #expect(throws: TensorError.self) { try conv2d(Tensor.zeros([1, 2, 3, 3]), Tensor.zeros([1, 3, 2, 2])) }
    #expect(throws: TensorError.self) { try Tensor([[1.0, 2.0], [3.0]]) }
    do { _ = try a.sum(dim: 5) } catch let e as TensorError {
        #expect(e.description == "Dimension out of range (expected to be in range of [-2, 1], but got 5)")
    }
}

@Test func safetensorsRoundTrip() throws {
    let t = try Tensor([[1.5, -2.0], [0.25, 8.0]], dtype: .float64)
    let bytes = try Safetensors.encode([("a", t), ("b", try Tensor([1, 2, 3])), ("c", try Tensor([true, false]))], metadata: ["format": "pt"])
    #expect(Int(bytes[0]) % 8 == 0)   // header padded to 8 bytes, as safetensors writes it
    let (back, meta) = try Safetensors.decode(bytes)
    #expect(meta["format"] == "pt")
    #expect(back.map { $0.0 } == ["a", "b", "c"])
    #expect(back[0].1.scalars == t.scalars && back[0].1.dtype == .float64)
    #expect(back[1].1.toArray(Int64.self) == [1, 2, 3])
    #expect(back[2].1.toArray(Bool.self) == [true, false])
    #expect(throws: TensorError.self) { try Safetensors.decode(Array(bytes.prefix(20))) }
}

@Test func gradientsFlowThroughDtypeConversionAndViews() throws {
    let x = try Tensor([1.0, -2.0, 3.0], dtype: .float64, requiresGrad: true)
    let y = try (x.float().double() * x).sum()      // float32 round trip: exact for these values
    try y.backward()
    #expect(x.grad!.scalars == [2, -4, 6])
    let z = try Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64, requiresGrad: true)
    try (z.t().contiguous() * Tensor([[1.0, 10.0], [100.0, 1000.0]], dtype: .float64)).sum().backward()
    #expect(z.grad!.scalars == [1, 100, 10, 1000])
    let w = try Tensor([[1.0, 5.0], [7.0, 2.0]], dtype: .float64, requiresGrad: true)
    let (v, i) = try w.max(dim: 1)
    #expect(i.toArray(Int64.self) == [1, 0])
    try v.sum().backward()
    #expect(w.grad!.scalars == [0, 1, 1, 0])
}
