import Testing
@testable import RLTensor

/// `Tensor.containsNaN`: every position (vector body, block edges, scalar tail), both float dtypes, views,
/// and no version bump (it is a read).
@Test func containsNaNFindsEveryPositionInBothFloatTypes() throws {
    for dtype in [DType.float32, .float64] {
        for n in [0, 1, 7, 8, 9, 1023, 1024, 1025, 3000] {
            let clean = Tensor.zeros([n], dtype: dtype)
            #expect(!clean.containsNaN, "\(dtype) n=\(n)")
            for at in Set([0, n / 2, n - 1].filter { $0 >= 0 && $0 < n }) {
                var values = [Double](repeating: 1.5, count: n)
                values[at] = .nan
                let t = try Tensor(values, shape: [n], dtype: dtype)
                let before = t.version
                #expect(t.containsNaN, "\(dtype) n=\(n) at=\(at)")
                #expect(t.version == before)
            }
        }
    }
    let inf = try Tensor([Double.infinity, -.infinity, 0], shape: [3])
    #expect(!inf.containsNaN)
    let ints = Tensor.zeros([4], dtype: .int64)
    #expect(!ints.containsNaN)
    // A strided view: the NaN sits in a column the transpose makes non-contiguous.
    var grid = [Double](repeating: 0, count: 6)
    grid[5] = .nan
    let t = try Tensor(grid, shape: [2, 3]).transpose(0, 1)
    #expect(!t.isContiguous)
    #expect(t.containsNaN)
}
