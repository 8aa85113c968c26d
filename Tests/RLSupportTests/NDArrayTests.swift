import Testing
import RLSupport

/// The one n-d array (issue 9): typed storage per dtype, copy-on-write, conversions.
@Suite struct NDArrayTests {
    @Test func everyDTypeStoresItsOwnElementType() {
        let values: [Double] = [-3.7, 0, 1, 2.5, 300]
        for dtype in DType.allCases {
            let a = NDArray(values, shape: [5], dtype: dtype)
            #expect(a.dtype == dtype && a.count == 5 && a.shape == [5])
            #expect(a.buffer.byteCount >= 5 * dtype.size)
            // Each element reads back as `astype(dtype)` rounds it.
            #expect(a.scalars == values.map { dtype.cast($0) }, "\(dtype)")
        }
        #expect(DType.int8.size == 1 && DType.int32.size == 4 && DType.bool.size == 1 && DType.float64.size == 8)
    }

    @Test func intsRoundTripThroughEveryIntegerDType() {
        for dtype in [DType.int8, .int32, .int64, .bool] {
            let a = NDArray(ints: [0, 1, 1, 0, 1], dtype: dtype)
            #expect(a.integers == [0, 1, 1, 0, 1], "\(dtype)")
        }
        #expect(NDArray(ints: [7, -2]).withUnsafeBufferPointer(as: Int64.self) { Array($0) } == [7, -2])
        #expect(NDArray(float32: [1, 2]).integers == nil)
    }

    @Test func copiesShareTheBufferUntilOneIsWritten() {
        let a = NDArray(float32: [1, 2, 3])
        var b = a
        #expect(a.buffer === b.buffer)
        b.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 9 }
        #expect(a.buffer !== b.buffer)
        #expect(a.toArray(Float.self) == [1, 2, 3])
        #expect(b.toArray(Float.self) == [9, 2, 3])
        // A unique value is written in place.
        let before = b.buffer.data
        b.withUnsafeMutableBufferPointer(as: Float.self) { $0[1] = 8 }
        #expect(b.buffer.data == before)
    }

    @Test func astypeAndReshape() {
        let a = NDArray(float64: [1.5, -2.25, 3], shape: [3])
        let f = a.astype(.float32)
        #expect(f.dtype == .float32 && f.toArray(Float.self) == [1.5, -2.25, 3])
        #expect(a.astype(.float64).buffer === a.buffer)
        let i = a.astype(.int64)
        #expect(i.integers == [1, -2, 3])
        let r = a.reshaped([3, 1])
        #expect(r?.shape == [3, 1] && r?.buffer === a.buffer)
        #expect(a.reshaped([2]) == nil)
        #expect(NDArray(uint8: [1, 2]).bytes == [1, 2])
        #expect(NDArray(float32: [300, -1, 2.7]).bytes == [255, 0, 2])
    }

    @Test func equalityComparesElements() {
        #expect(NDArray(float32: [1, 2]) == NDArray(float32: [1, 2]))
        #expect(NDArray(float32: [1, 2]) != NDArray(float64: [1, 2]))
        #expect(NDArray(float32: [1, 2]) != NDArray(float32: [1, 2], shape: [2, 1]))
        #expect(NDArray(float32: [.nan]) != NDArray(float32: [.nan]))
        #expect(NDArray(float32: [-0.0]) == NDArray(float32: [0]))
        #expect(NDArray(ints: [1, 0], dtype: .bool) == NDArray(ints: [5, 0], dtype: .bool))
    }

    @Test func allocationsAreCounted() {
        let before = BufferPool.shared.allocations
        _ = NDArray(zeros: [4], dtype: .float32)
        #expect(BufferPool.shared.allocations > before)
    }
}
