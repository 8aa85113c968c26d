/// A size-class pool of 64-byte aligned buffers, so that training loops reuse memory instead of
/// calling `malloc`/`free` for every intermediate tensor.
///
/// Buffers are rounded up to a power of two (at least 64 bytes); freed buffers go back on a per-class
/// free list, up to a total cap, and are reused by the next request of the same class.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    /// Free-list heads per size class. The lists are intrusive: a free buffer's first 8 bytes hold the
    /// next free buffer of its class (every buffer is at least 64 bytes), so taking or returning one is a
    /// few pointer moves under the lock, with no array bookkeeping (retain/release, uniqueness checks).
    private let heads: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private var pooledBytes = 0
    private let cap = 512 << 20
    private let lock = NSLockLite()
    private var allocationCount = 0

    /// Buffers handed out so far (pooled or new): the counting hook that benchmarks and tests read to
    /// see how many arrays a step creates (every `ArrayBuffer`, so every array copy or conversion, is one).
    public var allocations: Int {
        lock.lock(); defer { lock.unlock() }
        return allocationCount
    }

    init() {
        heads = .allocate(capacity: 64)
        heads.initialize(repeating: nil, count: 64)
        // near the memory budget the free lists go back to the system before anything is refused
        MemoryBudget.addRelief { [unowned self] in self.trim() }
    }

    /// Frees every pooled buffer.
    func trim() {
        lock.lock()
        var free: [UnsafeMutableRawPointer] = []
        for cls in 0..<64 {
            while let p = heads[cls] {
                heads[cls] = p.load(as: UnsafeMutableRawPointer?.self)
                free.append(p)
            }
        }
        pooledBytes = 0
        lock.unlock()
        for p in free { p.deallocate() }
    }

    @inline(__always)
    public static func sizeClass(_ bytes: Int) -> Int {
        let b = max(bytes, 64)
        return Int.bitWidth - (b - 1).leadingZeroBitCount
    }

    /// A buffer of at least `bytes` bytes (contents undefined) and its size class.
    public func allocate(_ bytes: Int) -> (UnsafeMutableRawPointer, Int) {
        let (p, cls, _) = take(bytes)
        return (p, cls)
    }

    /// `allocate`, and whether the buffer is fresh zero pages nobody may touch: a large buffer the
    /// process has no room for stops the cell computing it (the interpreter reports the memory
    /// budget at the call and drops the result; loops that poll stop early), and from 32 MB glibc
    /// maps it fresh, so it needs no zero fill either.
    public func take(_ bytes: Int) -> (UnsafeMutableRawPointer, Int, untouchedZero: Bool) {
        let cls = BufferPool.sizeClass(bytes)
        lock.lock()
        allocationCount &+= 1
        if let p = heads[cls] {
            heads[cls] = p.load(as: UnsafeMutableRawPointer?.self)
            pooledBytes -= 1 << cls
            lock.unlock()
            return (p, cls, false)
        }
        lock.unlock()
        var refused = false
        if bytes >= MemoryBudget.checkedSize, let resident = MemoryBudget.residentAfterRelief(adding: bytes), Cancellation.requestMemoryStop() {
            MemoryWatchdog.noteRefusal(bytes, resident: resident)
            refused = true
        }
        return (UnsafeMutableRawPointer.allocate(byteCount: 1 << cls, alignment: 64), cls, refused && bytes >= 32 << 20)
    }

    /// Returns a buffer to the pool (or to the system when the pool is full).
    public func release(_ p: UnsafeMutableRawPointer, sizeClass cls: Int) {
        lock.lock()
        if pooledBytes + (1 << cls) <= cap {
            p.storeBytes(of: heads[cls], as: UnsafeMutableRawPointer?.self)
            heads[cls] = p
            pooledBytes += 1 << cls
            lock.unlock()
            return
        }
        lock.unlock()
        p.deallocate()
    }
}
