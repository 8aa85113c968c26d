import Testing
@testable import RLTensor

@Test func basicPrinting() throws {
    let t = try Tensor([[1.0, 2.0], [3.0, 4.0]])
    #expect(t.description == "tensor([[1., 2.],\n        [3., 4.]])")
    let u = try Tensor([1.5, 2.25])
    #expect(u.description == "tensor([1.5000, 2.2500])")
    #expect(try Tensor([1, 2, 3]).description == "tensor([1, 2, 3])")
    let d = try Tensor([0.5], dtype: .float64, requiresGrad: true)
    #expect(d.description == "tensor([0.5000], dtype=torch.float64, requires_grad=True)")
}

@Test func broadcastErrorMessage() throws {
    let a = Tensor.zeros([2, 3]), b = Tensor.zeros([2, 4])
    #expect(throws: TensorError.self) { try a + b }
    do { _ = try a + b } catch let e as TensorError {
        #expect(e.description == "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
    }
}

@Test func simpleGrad() throws {
    let x = try Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64, requiresGrad: true)
    let y = try (x * x).sum()
    try y.backward()
    #expect(x.grad!.scalars == [2, 4, 6, 8])
    let w = try Tensor([[1.0, 0.5], [-1.0, 2.0]], dtype: .float64, requiresGrad: true)
    let z = try x.matmul(w).relu().sum()
    try z.backward()
    #expect(w.grad != nil)
}
