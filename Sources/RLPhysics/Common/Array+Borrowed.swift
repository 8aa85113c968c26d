// Loops over arrays of bodies, fixtures and contacts without reference counting per element.
//
// A plain `for b in bodies` retains and releases every element (atomically), because the loop body
// may call code the compiler cannot see through; BipedalWalker's world has over 200 bodies (one per
// terrain edge) that the step visits several times, so that alone was a tenth of its time.

extension Array where Element: AnyObject {
    /// Calls `body` with each element and its index, at +0. The caller keeps the array (and so every
    /// element) alive for the loop: iterate a local copy when `body` may change the original.
    @inline(__always)
    func forEachBorrowed(_ body: (Int, Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                try Unmanaged.passUnretained(buf[i])._withUnsafeGuaranteedRef { try body(i, $0) }
                i &+= 1
            }
        }
    }
}
