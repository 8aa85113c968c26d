import Testing
@testable import BookRuntime
import RLCUDA
import RLTensor

/// Device resolution on a machine without a usable GPU (CI): the GPU tests of this file skip elsewhere.
@Suite(.enabled(if: !CUDARuntime.isAvailable, "a CUDA GPU is usable here: these tests cover machines without one"))
struct DeviceProbeTests {
    @Test func cudaWithoutAGPUIsBackendUnavailableWithTheLoadersReason() {
        do {
            _ = try DeviceProbe.resolve("cuda")
            Issue.record("--device cuda resolved without a GPU")
        } catch {
            #expect(error.exitCode == 69)
            #expect(error.description.contains("--device cuda") && error.description.contains("--device cpu"))
            #expect(error.description.contains(DeviceProbe.cudaLoadFailure() ?? "?"))
        }
    }

    @Test func autoFallsBackToTheCPUAndSaysSoAtMostOnce() throws {
        var notes: [String] = []
        #expect(try DeviceProbe.resolve("auto", note: { notes.append($0) }) == "cpu")
        #expect(try DeviceProbe.resolve("auto", note: { notes.append($0) }) == "cpu")
        #expect(notes.count <= 1)
        #expect(notes.allSatisfy { $0.contains("runs on the CPU") })
        #expect(Tensor.backend.name == "cpu")
        #expect(try DeviceProbe.resolve("cpu") == "cpu")
    }
}
