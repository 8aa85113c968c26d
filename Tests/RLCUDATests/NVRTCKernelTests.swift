import Testing
@testable import RLCUDA

/// NVRTC compiles every generated kernel module (no GPU needed). NVRTC comes from `RLBOOK_NVRTC_PATH`
/// or the usual places (including `.build/venv-cuda`, where `.ci/nvrtc-check.sh` installs the
/// `nvidia-cuda-nvrtc-cu12` wheel). Without it these tests are skipped, with the reason shown; when
/// `RLBOOK_NVRTC_PATH` is set they run and a missing library fails them.
enum NVRTCFixture {
    static let compiler: Result<NVRTCCompiler, CUDAError> = Result { () throws(CUDAError) in try NVRTCCompiler() }
    static var enabled: Bool {
        if case .success = compiler { return true }
        return LibrarySearch.processEnvironment("RLBOOK_NVRTC_PATH") != nil
    }
    static func get() throws -> NVRTCCompiler { try compiler.get() }
}

@Suite(.enabled(if: NVRTCFixture.enabled, "libnvrtc not found (run .ci/nvrtc-check.sh, or set RLBOOK_NVRTC_PATH to libnvrtc.so)"))
struct NVRTCKernelTests {
    @Test(arguments: KernelCatalog.all.map(\.module))
    func moduleCompilesForAmpere(module: String) throws {
        let nvrtc = try NVRTCFixture.get()
        let src = try #require(KernelCatalog.module(module))
        let ptx = try nvrtc.compile(module: module, source: src.source, options: NVRTCCompiler.options(computeCapability: 8, 0))
        #expect(ptx.contains(".target sm_80"))
        for k in src.kernels {
            #expect(ptx.contains(".entry \(k)("), "kernel \(k) is declared by the Swift side but not defined in module \(module)")
        }
    }

    @Test func everyModuleCompilesForVolta() throws {
        let nvrtc = try NVRTCFixture.get()
        for src in KernelCatalog.all {
            _ = try nvrtc.compile(module: src.module, source: src.source, options: NVRTCCompiler.options(computeCapability: 7, 0))
        }
    }

    @Test func aBrokenKernelReportsNVRTCsLog() throws {
        let nvrtc = try NVRTCFixture.get()
        let bad = "extern \"C\" __global__ void k(float* y) { y[0] = undefined_name; }"
        let result = Result { () throws(CUDAError) -> String in
            try nvrtc.compile(module: "broken", source: bad, options: NVRTCCompiler.options(computeCapability: 8, 0))
        }
        guard case .failure(let error) = result else { Issue.record("a kernel with an undefined name compiled"); return }
        guard case .compile(let module, _, let log) = error else { Issue.record("wrong error \(error)"); return }
        #expect(module == "broken")
        #expect(log.contains("undefined_name"))
        #expect(error.description.contains("broken") && error.description.contains("undefined_name"))
    }

    @Test func kernelNamesAreUniqueAcrossModules() {
        let names = KernelCatalog.all.flatMap(\.kernels)
        #expect(Set(names).count == names.count)
    }
}
