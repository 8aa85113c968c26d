/// NVRTC (`libnvrtc.so`), the run-time CUDA C++ compiler, as a table of C function pointers.
/// It needs no GPU: CI uses it to compile every kernel source.
struct NVRTCAPI: @unchecked Sendable {
    typealias Program = OpaquePointer
    typealias FnCreate = @convention(c) (UnsafeMutablePointer<Program?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32,
                                         UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias FnCompile = @convention(c) (Program?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias FnSize = @convention(c) (Program?, UnsafeMutablePointer<Int>?) -> Int32
    typealias FnGet = @convention(c) (Program?, UnsafeMutablePointer<CChar>?) -> Int32
    typealias FnDestroy = @convention(c) (UnsafeMutablePointer<Program?>?) -> Int32
    typealias FnErrorString = @convention(c) (Int32) -> UnsafePointer<CChar>?
    typealias FnVersion = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32

    let library: DynamicLibrary
    let nvrtcCreateProgram: FnCreate
    let nvrtcCompileProgram: FnCompile
    let nvrtcGetPTXSize: FnSize
    let nvrtcGetPTX: FnGet
    let nvrtcGetProgramLogSize: FnSize
    let nvrtcGetProgramLog: FnGet
    let nvrtcDestroyProgram: FnDestroy
    let nvrtcGetErrorString: FnErrorString
    let nvrtcVersion: FnVersion

    init(_ lib: DynamicLibrary) throws(CUDAError) {
        library = lib
        nvrtcCreateProgram = try lib.function("nvrtcCreateProgram")
        nvrtcCompileProgram = try lib.function("nvrtcCompileProgram")
        nvrtcGetPTXSize = try lib.function("nvrtcGetPTXSize")
        nvrtcGetPTX = try lib.function("nvrtcGetPTX")
        nvrtcGetProgramLogSize = try lib.function("nvrtcGetProgramLogSize")
        nvrtcGetProgramLog = try lib.function("nvrtcGetProgramLog")
        nvrtcDestroyProgram = try lib.function("nvrtcDestroyProgram")
        nvrtcGetErrorString = try lib.function("nvrtcGetErrorString")
        nvrtcVersion = try lib.function("nvrtcVersion")
    }

    func check(_ code: Int32, _ call: String) throws(CUDAError) {
        guard code != 0 else { return }
        throw .nvrtc(call: call, code: code, message: nvrtcGetErrorString(code).map { String(cString: $0) } ?? "unknown NVRTC error")
    }
}
