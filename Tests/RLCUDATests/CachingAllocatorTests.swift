import Testing
@testable import RLCUDA

/// A fake device: hands out increasing addresses, counts calls, and can run out of memory.
final class FakeDevice: DeviceMemory {
    var next: CUdeviceptr = 0x1000
    var allocations = 0, frees = 0
    var capacity = Int.max, used = 0
    var live: [CUdeviceptr: Int] = [:]
    func allocate(bytes: Int) throws(CUDAError) -> CUdeviceptr {
        guard used + bytes <= capacity else {
            throw .driver(call: "cuMemAlloc", code: 2, name: "CUDA_ERROR_OUT_OF_MEMORY", message: "out of memory")
        }
        allocations += 1
        used += bytes
        defer { next += CUdeviceptr(bytes) }
        live[next] = bytes
        return next
    }
    func free(_ address: CUdeviceptr) {
        frees += 1
        used -= live.removeValue(forKey: address) ?? 0
    }
}

@Suite struct CachingAllocatorTests {
    @Test func sizeClassesRoundLikePyTorch() {
        #expect(CachingAllocator.sizeClass(0) == 512)
        #expect(CachingAllocator.sizeClass(1) == 512)
        #expect(CachingAllocator.sizeClass(513) == 1024)
        #expect(CachingAllocator.sizeClass((1 << 20) - 1) == 1 << 20)
        #expect(CachingAllocator.sizeClass(1 << 20) == 2 << 20)
        #expect(CachingAllocator.sizeClass((2 << 20) + 1) == 4 << 20)
    }

    @Test func aTrainingLoopAllocatesFromTheDeviceOnlyInItsFirstStep() throws {
        let dev = FakeDevice()
        let a = CachingAllocator(device: dev)
        let sizes = [32 * 4 * 84 * 84, 32 * 32 * 20 * 20 * 4, 512 * 4, 4, 3136 * 512 * 4]
        for _ in 0..<10 {
            let ps = try sizes.map { try a.allocate($0) }
            #expect(Set(ps).count == ps.count)
            for p in ps { try a.release(p) }
        }
        #expect(dev.allocations == sizes.count)
        #expect(a.stats.deviceAllocations == sizes.count)
        #expect(a.stats.cacheHits == 9 * sizes.count)
        #expect(a.stats.inUseBytes == 0)
        #expect(a.stats.reservedBytes == sizes.map(CachingAllocator.sizeClass).reduce(0, +))
    }

    @Test func differentClassesAreNotMixed() throws {
        let dev = FakeDevice()
        let a = CachingAllocator(device: dev)
        let small = try a.allocate(100)
        try a.release(small)
        let big = try a.allocate(100_000)
        #expect(big != small)
        #expect(dev.allocations == 2)
        #expect(try a.allocate(400) == small)        // same 512-byte class
    }

    @Test func outOfMemoryReleasesTheCacheAndRetries() throws {
        let dev = FakeDevice()
        dev.capacity = 5 << 20
        let a = CachingAllocator(device: dev)
        let p = try a.allocate(1 << 20)               // 2 MiB class
        try a.release(p)                              // cached, still reserved on the device
        let q = try a.allocate(600 << 10)             // 2 MiB + 600 KiB reserved
        _ = q
        let r = try a.allocate(2 << 20)               // the cached 2 MiB block
        #expect(r == p)                               // served from the cache, no device call
        try a.release(r)
        let s = try a.allocate((2 << 20) + 1)         // 4 MiB class: only fits after the cached 2 MiB block is freed
        #expect(dev.frees == 1)
        #expect(a.stats.deviceFrees == 1)
        _ = s
        #expect(throws: CUDAError.self) { _ = try a.allocate(8 << 20) }
    }

    @Test func releasingAnUnknownAddressIsRefused() throws {
        let a = CachingAllocator(device: FakeDevice())
        let p = try a.allocate(10)
        try a.release(p)
        #expect(throws: CUDAError.self) { try a.release(p) }
        #expect(throws: CUDAError.self) { try a.release(0xdead) }
    }
}
