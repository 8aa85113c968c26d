import Testing
import RLSupport
@testable import RLTensor

/// The array/tensor seam (issue 9): a tensor made from an `NDArray` wraps its buffer.
@Suite struct TensorNDArrayTests {
    @Test func aTensorFromAnArraySharesItsBuffer() throws {
        let a = NDArray(float32: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        let t = Tensor(a)
        #expect(t.sharesStorage(with: a))
        #expect(t.storage.data == a.buffer.data)
        #expect(t.shape == [2, 3] && t.dtype == .float32 && t.isContiguous)
        #expect(t.toArray(Float.self) == [1, 2, 3, 4, 5, 6])
        // Views of that tensor share it too.
        #expect(try t.index([.at(1)]).sharesStorage(with: a))
    }

    @Test func writingTheArrayAfterwardsLeavesTheTensorAlone() {
        var a = NDArray(float32: [1, 2, 3])
        let t = Tensor(a)
        a.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 42 }
        #expect(!t.sharesStorage(with: a))
        #expect(t.toArray(Float.self) == [1, 2, 3])
        #expect(a.toArray(Float.self) == [42, 2, 3])
    }

    @Test func aTensorBecomesAnArrayByOneCopy() throws {
        let t = try Tensor([1.5, 2.5, 3.5, 4.5] as [Double], shape: [2, 2])
        let a = t.toNDArray()
        #expect(!t.sharesStorage(with: a))
        #expect(a.dtype == .float64 && a.shape == [2, 2] && a.scalars == [1.5, 2.5, 3.5, 4.5])
        // Strided views are laid out row-major.
        let col = try t.transpose(0, 1).toNDArray()
        #expect(col.scalars == [1.5, 3.5, 2.5, 4.5])
        let f = t.toNDArray(dtype: .float32)
        #expect(f.dtype == .float32 && f.toArray(Float.self) == [1.5, 2.5, 3.5, 4.5])
    }

    @Test func dtypesRoundTrip() {
        let values: [Double] = [0, 1, 2, 255]
        for dtype in DType.tensorCases {
            let a = NDArray(values, shape: [2, 2], dtype: dtype)
            let t = Tensor(a)
            #expect(t.dtype == dtype && t.sharesStorage(with: a), "\(dtype)")
            let back = t.toNDArray()
            #expect(back == a, "\(dtype)")
        }
        // int8 / int32 arrays become int64 tensors (a widening copy), as the cells have always seen them.
        for dtype in [DType.int8, .int32] {
            let a = NDArray(ints: [-1, 0, 1], dtype: dtype)
            let t = Tensor(a)
            #expect(t.dtype == .int64 && !t.sharesStorage(with: a))
            #expect(t.toArray(Int64.self) == [-1, 0, 1])
        }
    }

    @Test func tensorMessagesUsePyTorchNames() throws {
        let t = Tensor.zeros([1], dtype: .float64)
        #expect(DType.float64.description == "float64" && DType.float64.torchName == "torch.float64")
        #expect(throws: TensorError.self) { try t.withUnsafeMutableScalars(Float.self) { _ in } }
        do { try t.withUnsafeMutableScalars(Float.self) { _ in } } catch { #expect("\(error)".contains("torch.float32")) }
        #expect(t.description.contains("dtype=torch.float64"))
    }
}
