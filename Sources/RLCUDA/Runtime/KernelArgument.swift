/// One kernel parameter, packed by value for cuLaunchKernel (which takes a pointer to each parameter).
public enum KernelArgument: Sendable {
    case pointer(CUdeviceptr)
    case int64(Int64)
    case int32(Int32)
    case float(Float)
    case double(Double)
    /// A struct passed by value (e.g. `LaunchStrides.bytes`), 8-byte aligned.
    case bytes([UInt8])

    var size: Int {
        switch self {
        case .pointer, .int64, .double: return 8
        case .int32, .float: return 4
        case .bytes(let b): return b.count
        }
    }

    /// Calls `body` with the `void*[]` array cuLaunchKernel expects, pointing into one aligned buffer.
    static func withPacked<R>(_ args: [KernelArgument], _ body: (UnsafeMutablePointer<UnsafeMutableRawPointer?>) throws -> R) rethrows -> R {
        var offsets: [Int] = []
        var total = 0
        for a in args {
            total = (total + 7) & ~7
            offsets.append(total)
            total += a.size
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(total, 8), alignment: 16)
        defer { buffer.deallocate() }
        let pointers = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: max(args.count, 1))
        defer { pointers.deallocate() }
        for (i, a) in args.enumerated() {
            let p = buffer + offsets[i]
            switch a {
            case .pointer(let v): p.storeBytes(of: v, as: UInt64.self)
            case .int64(let v): p.storeBytes(of: v, as: Int64.self)
            case .int32(let v): p.storeBytes(of: v, as: Int32.self)
            case .float(let v): p.storeBytes(of: v, as: Float.self)
            case .double(let v): p.storeBytes(of: v, as: Double.self)
            case .bytes(let b): b.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: b.count) }
            }
            pointers[i] = p
        }
        return try body(pointers)
    }
}
