import Testing
import TestSupport
@testable import RLTensor

/// The conv weight's cached transposed layout (`DerivedLayouts`) must follow every in-place write:
/// after each kind of write, conv2d with the written weight equals conv2d with a fresh copy of it
/// (new storage, so nothing cached), exactly.
@Test(.usesTheTensorGenerator) func convWeightCacheFollowsInPlaceWrites() throws {
    manualSeed(7)
    let x = Tensor.randn([2, 3, 12, 12])
    let w = Tensor.randn([8, 3, 4, 4], requiresGrad: true)
    let b = Tensor.randn([8])
    func check(_ what: String) throws {
        let cached = try noGrad { try conv2d(x, w, bias: b, stride: 2) }
        let fresh = try noGrad { try conv2d(x, w.detach().clone(), bias: b, stride: 2) }
        #expect(cached.scalars == fresh.scalars, "conv2d after \(what) used a stale weight layout")
    }
    try check("nothing")
    try check("nothing, again (cached)")
    let v0 = w.version
    try w.copy_(Tensor.randn([8, 3, 4, 4]))
    #expect(w.version > v0)
    try check("copy_")
    w.fill_(0.25)
    try check("fill_")
    try w.withUnsafeMutableScalars(Float.self) { p in for i in 0..<p.count { p[i] = Float(i % 7) - 3 } }
    try check("withUnsafeMutableScalars (optimizers)")
    // A write through a view reaches the storage the whole weight shares.
    try w[2].fill_(-1)
    try check("fill_ on a view")
    try w[1].copy_(Tensor.randn([3, 4, 4]))
    try check("copy_ on a view")
}

/// The layout is built once per version: two lookups without a write return the same buffer, and a
/// write makes the next lookup build a new one. The version is shared by views and counts gradient
/// accumulation into an existing `.grad`.
@Test(.usesTheTensorGenerator) func derivedLayoutIsReusedUntilWritten() throws {
    let w = Tensor.randn([4, 6])
    var builds = 0
    func lookup() -> Tensor {
        DerivedLayouts.layout(.convTransposed, of: w, count: 24, Float.self) { p in
            builds += 1
            ConvKernels.transpose(UnsafePointer(w.pointer(Float.self)), rows: 4, cols: 6, into: p)
        }
    }
    let a = lookup(), b = lookup()
    #expect(a === b)
    #expect(builds == 1)
    let view = try w[1]
    let v = w.version
    view.fill_(3)
    #expect(w.version == v + 1 && view.version == w.version)
    let c = lookup()
    #expect(c !== a)
    #expect(builds == 2)
    #expect(c.scalars[1 * 4 + 1] == 3, "the rebuilt transpose holds the new values")

    let p = Tensor.randn([5], requiresGrad: true)
    try (p * 2).sum().backward()
    let g = p.grad!, gv = g.version
    try (p * 3).sum().backward()
    #expect(p.grad!.version > gv || p.grad! !== g, "accumulating into .grad counts as a write")
}
