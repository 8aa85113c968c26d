/// The raw allocations a device offers (`cuMemAlloc`/`cuMemFree` on a GPU; a counting fake in tests).
public protocol DeviceMemory: AnyObject {
    /// Allocates `bytes` bytes of device memory; throws when the device is out of memory.
    func allocate(bytes: Int) throws(CUDAError) -> CUdeviceptr
    /// Frees an address `allocate` returned.
    func free(_ address: CUdeviceptr)
}
