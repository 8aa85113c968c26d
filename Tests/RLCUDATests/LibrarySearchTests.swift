import Testing
@testable import RLCUDA

@Suite struct LibrarySearchTests {
    /// A fake file system: the glob patterns that exist and what they expand to.
    static func search(_ env: [String: String], files: [String: [String]]) -> LibrarySearch {
        LibrarySearch(environment: { env[$0] }, expand: { files[$0] ?? [] })
    }

    @Test func overrideThenCudaPathThenSonamesThenFoldersThenWheels() {
        let s = Self.search(["RLBOOK_CUDA_PATH": "/a:/b", "VIRTUAL_ENV": "/venv"],
                            files: ["/a/libnvrtc.so.[0-9]*": ["/a/libnvrtc.so.11.2", "/a/libnvrtc.so.12"],
                                    "/usr/local/cuda/lib64/libnvrtc.so": ["/usr/local/cuda/lib64/libnvrtc.so"],
                                    "/venv/lib/python3*/site-packages": ["/venv/lib/python3.11/site-packages"],
                                    "/venv/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.[0-9]*":
                                        ["/venv/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12"]])
        let c = s.candidates(for: .nvrtc)
        #expect(Array(c[0...1]) == ["/a/libnvrtc.so.12", "/a/libnvrtc.so.11.2"])   // newest first
        let soname = c.firstIndex(of: "libnvrtc.so.12")!, system = c.firstIndex(of: "/usr/local/cuda/lib64/libnvrtc.so")!
        let wheel = c.firstIndex(of: "/venv/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12")!
        #expect(1 < soname && soname < system && system < wheel)
        #expect(Set(c).count == c.count)
    }

    @Test func anExplicitLibraryPathIsTheOnlyOneTried() {
        let file = Self.search(["RLBOOK_NVRTC_PATH": "/x/libnvrtc.so.12", "RLBOOK_CUDA_PATH": "/a"], files: [:])
        #expect(file.candidates(for: .nvrtc) == ["/x/libnvrtc.so.12"])
        let folder = Self.search(["RLBOOK_NVRTC_PATH": "/x"], files: ["/x/libnvrtc.so.[0-9]*": ["/x/libnvrtc.so.12"]])
        #expect(folder.candidates(for: .nvrtc) == ["/x/libnvrtc.so.12"])
        let empty = Self.search(["RLBOOK_NVRTC_PATH": "/nowhere"], files: [:])
        #expect(empty.candidates(for: .nvrtc) == ["/nowhere"])
    }

    @Test func driverHasNoWheelAndIgnoresTheNVRTCOverride() {
        let s = Self.search(["RLBOOK_NVRTC_PATH": "/x/libnvrtc.so.12"], files: [:])
        let c = s.candidates(for: .driver)
        #expect(c.prefix(2) == ["libcuda.so.1", "libcuda.so"])
        #expect(!c.contains { $0.contains("nvrtc") || $0.contains("site-packages") })
    }

    @Test func aMissingLibraryListsWhereItLooked() {
        do {
            _ = try DynamicLibrary.open("libnothing", candidates: ["/nonexistent/libnothing.so.1", "libnothing-rlbook.so"])
            Issue.record("a missing library loaded")
        } catch {
            guard case .libraryNotFound(let lib, let tried, let msg) = error else { Issue.record("\(error)"); return }
            #expect(lib == "libnothing" && tried.count == 2 && !msg.isEmpty)
            #expect(error.description.contains("RLBOOK_CUDA_PATH"))
        }
    }
}
