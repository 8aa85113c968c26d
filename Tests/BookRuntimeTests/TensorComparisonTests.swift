import Testing
import TestSupport
@testable import BookRuntime

/// Comparisons with tensors as values give elementwise bool tensors (PyTorch's `t > 0`).
@Test(.usesTheTensorGenerator) func tensorComparisonsGiveMasks() {
    let h = TensorCellHarness()
    let out = h.ok("""
    let t = Tensor([1.0, -2.0, 3.0])
    let mask = t > 0
    print(mask)
    print(t[t > 0])
    print(t == 3.0)
    print(0 < t)
    let one = Tensor([5.0])
    if one > 2 { print("single element: Bool") }
    print(t[2...])
    """)
    #expect(out == """
    tensor([ True, False,  True])
    tensor([1., 3.])
    tensor([False, False,  True])
    tensor([ True, False,  True])
    single element: Bool
    tensor([3.])

    """)
    let err = h.failure("let u = Tensor([1.0, 2.0])\nif u > 0 { print(1) }")
    #expect(err?.message.contains("not a Bool") == true)
}
