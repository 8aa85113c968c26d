import RLSupport

/// A caching allocator for device memory: freed blocks are kept per size class and reused, so a
/// training step allocates nothing from the driver after its first iteration.
///
/// Size classes follow PyTorch's `c10/cuda/CUDACachingAllocator.cpp` rounding (`round_size`): requests
/// under 1 MiB round up to a multiple of 512 bytes, larger ones to a multiple of 2 MiB. Unlike PyTorch
/// blocks are not split; a request is served only by a cached block of exactly its class. When the
/// device is out of memory, every cached block is returned to the driver and the request is retried once.
public final class CachingAllocator: @unchecked Sendable {
    /// Counters for tests and the device check.
    public struct Stats: Equatable, Sendable {
        /// Calls to the device's allocate (cuMemAlloc).
        public var deviceAllocations = 0
        /// Calls to the device's free (cuMemFree).
        public var deviceFrees = 0
        /// Requests served from the cache.
        public var cacheHits = 0
        /// Bytes held from the device (in use + cached).
        public var reservedBytes = 0
        /// Bytes handed out and not yet released.
        public var inUseBytes = 0
    }

    public static let smallLimit = 1 << 20
    public static let smallGranule = 512
    public static let largeGranule = 2 << 20

    private let device: DeviceMemory
    private var cache: [Int: [CUdeviceptr]] = [:]
    private var live: [CUdeviceptr: Int] = [:]
    private let lock = NSLockLite()
    public private(set) var stats = Stats()

    public init(device: DeviceMemory) {
        self.device = device
    }

    /// The size class (rounded byte count) of a request.
    public static func sizeClass(_ bytes: Int) -> Int {
        let b = max(bytes, 1)
        let g = b < smallLimit ? smallGranule : largeGranule
        return (b + g - 1) / g * g
    }

    /// A block of at least `bytes` bytes.
    public func allocate(_ bytes: Int) throws(CUDAError) -> CUdeviceptr {
        let cls = Self.sizeClass(bytes)
        lock.lock()
        defer { lock.unlock() }
        if let p = cache[cls]?.popLast() {
            live[p] = cls
            stats.cacheHits += 1
            stats.inUseBytes += cls
            return p
        }
        let p: CUdeviceptr
        do {
            p = try device.allocate(bytes: cls)
        } catch {
            releaseCachedLocked()
            p = try device.allocate(bytes: cls)
        }
        stats.deviceAllocations += 1
        stats.reservedBytes += cls
        stats.inUseBytes += cls
        live[p] = cls
        return p
    }

    /// Returns a block to the cache. Releasing an address that is not live is a programming error and is refused.
    public func release(_ p: CUdeviceptr) throws(CUDAError) {
        lock.lock()
        defer { lock.unlock() }
        guard let cls = live.removeValue(forKey: p) else {
            throw .unsupported("releasing device address 0x\(String(p, radix: 16)), which this allocator did not hand out or was already released")
        }
        stats.inUseBytes -= cls
        cache[cls, default: []].append(p)
    }

    /// Returns every cached (unused) block to the device (PyTorch's `empty_cache`).
    public func releaseCached() {
        lock.lock()
        releaseCachedLocked()
        lock.unlock()
    }

    private func releaseCachedLocked() {
        for (cls, blocks) in cache {
            for p in blocks {
                device.free(p)
                stats.deviceFrees += 1
                stats.reservedBytes -= cls
            }
        }
        cache.removeAll()
    }
}
