/// cuBLAS (`libcublas.so`, v2 API) as a table of C function pointers.
///
/// cuBLAS is column-major. rlbook's tensors are row-major, and a row-major `[r, c]` matrix is the same
/// bytes as a column-major `[c, r]` one (its transpose). So row-major `C = op(A)·op(B)` is computed as
/// column-major `Cᵀ = op(B)ᵀ·op(A)ᵀ`: swap the operands, swap m and n, keep each operand's transpose
/// flag, and pass each row-major row length as the leading dimension. See `GEMMPlan`.
struct CUBLASAPI: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias FnCreate = @convention(c) (UnsafeMutablePointer<Handle?>?) -> Int32
    typealias FnHandle = @convention(c) (Handle?) -> Int32
    typealias FnSetStream = @convention(c) (Handle?, CUhandle?) -> Int32
    typealias FnSgemmStridedBatched = @convention(c) (Handle?, Int32, Int32, Int32, Int32, Int32,
                                                      UnsafePointer<Float>?, UnsafePointer<Float>?, Int32, Int64,
                                                      UnsafePointer<Float>?, Int32, Int64,
                                                      UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int32, Int64, Int32) -> Int32
    typealias FnDgemmStridedBatched = @convention(c) (Handle?, Int32, Int32, Int32, Int32, Int32,
                                                      UnsafePointer<Double>?, UnsafePointer<Double>?, Int32, Int64,
                                                      UnsafePointer<Double>?, Int32, Int64,
                                                      UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int32, Int64, Int32) -> Int32

    let library: DynamicLibrary
    let cublasCreate: FnCreate
    let cublasDestroy: FnHandle
    let cublasSetStream: FnSetStream
    let cublasSgemmStridedBatched: FnSgemmStridedBatched
    let cublasDgemmStridedBatched: FnDgemmStridedBatched

    init(_ lib: DynamicLibrary) throws(CUDAError) {
        library = lib
        cublasCreate = try lib.function("cublasCreate_v2")
        cublasDestroy = try lib.function("cublasDestroy_v2")
        cublasSetStream = try lib.function("cublasSetStream_v2")
        cublasSgemmStridedBatched = try lib.function("cublasSgemmStridedBatched")
        cublasDgemmStridedBatched = try lib.function("cublasDgemmStridedBatched")
    }

    func check(_ status: Int32, _ call: String) throws(CUDAError) {
        guard status != 0 else { return }
        throw .cublas(call: call, status: status)
    }
}
