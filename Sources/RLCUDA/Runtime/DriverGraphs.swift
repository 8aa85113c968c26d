/// CUDA graphs through the driver: stream capture of the device's stream, instantiate, launch.
///
/// Capture uses `CU_STREAM_CAPTURE_MODE_THREAD_LOCAL`, so work must not allocate (cuMemAlloc) or
/// synchronise while captured: run the step eagerly first (`GraphPlanner`'s warm-up) so the caching
/// allocator already holds every block, and keep host copies out of the captured step.
public final class DriverGraphs: GraphExecutor {
    public struct Graph {
        let graph: CUhandle?
        let exec: CUhandle?
    }

    let device: CUDADevice

    public init(device: CUDADevice) throws(CUDAError) {
        guard device.driver.cuStreamBeginCapture != nil, device.driver.cuStreamEndCapture != nil,
              device.driver.cuGraphInstantiateWithFlags != nil, device.driver.cuGraphLaunch != nil else {
            throw .symbolMissing(library: "libcuda", path: device.driver.library.path, symbol: "cuStreamBeginCapture_v2/cuGraphInstantiateWithFlags (CUDA 11.4+)")
        }
        self.device = device
    }

    public func capture(_ body: () throws -> Void) throws -> Graph {
        let d = device.driver
        try d.check(d.cuStreamBeginCapture!(device.stream, 1), "cuStreamBeginCapture_v2")   // CU_STREAM_CAPTURE_MODE_THREAD_LOCAL
        var bodyError: Error? = nil
        do { try body() } catch { bodyError = error }
        var graph: CUhandle? = nil
        let end = d.cuStreamEndCapture!(device.stream, &graph)
        if let bodyError {
            if graph != nil { _ = d.cuGraphDestroy?(graph) }
            throw bodyError
        }
        try d.check(end, "cuStreamEndCapture")
        var exec: CUhandle? = nil
        do throws(CUDAError) {
            try d.check(d.cuGraphInstantiateWithFlags!(&exec, graph, 0), "cuGraphInstantiateWithFlags")
        } catch {
            _ = d.cuGraphDestroy?(graph)
            throw error
        }
        return Graph(graph: graph, exec: exec)
    }

    public func launch(_ g: Graph) throws {
        try device.driver.check(device.driver.cuGraphLaunch!(g.exec, device.stream), "cuGraphLaunch")
    }

    public func destroy(_ g: Graph) {
        _ = device.driver.cuGraphExecDestroy?(g.exec)
        _ = device.driver.cuGraphDestroy?(g.graph)
    }
}
