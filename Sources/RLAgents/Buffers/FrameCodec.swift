/// A fast lossless byte codec for replay-buffer frames (PackBits-style run-length coding).
///
/// Rendered frames (CarRacing's road, grass squares and black bar) are mostly long runs of equal
/// bytes along each channel-first row, so runs compress well and decoding a batch of 64 frames stays
/// far cheaper than the network step that uses them.
///
/// Format: a control byte `c`; `c < 128` is followed by `c + 1` literal bytes; `c >= 128` by one byte
/// repeated `c - 125` times (3...130).
public enum FrameCodec {
    public static func encode(_ src: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(src.count / 4 + 16)
        src.withUnsafeBufferPointer { s in
            let n = s.count
            var i = 0
            var litStart = 0
            func flushLiterals(_ end: Int) {
                var a = litStart
                while a < end {
                    let len = min(128, end - a)
                    out.append(UInt8(len - 1))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: s[a..<(a + len)]))
                    a += len
                }
            }
            while i < n {
                let b = s[i]
                var j = i + 1
                while j < n && s[j] == b && j - i < 130 { j += 1 }
                if j - i >= 3 {
                    flushLiterals(i)
                    out.append(UInt8(j - i + 125))
                    out.append(b)
                    i = j
                    litStart = i
                } else {
                    i = j
                }
            }
            flushLiterals(n)
        }
        return out
    }

    /// Decodes `data` produced by `encode` into exactly `count` bytes (missing bytes are zero).
    public static func decode(_ data: [UInt8], count: Int) -> [UInt8] {
        var out = [UInt8]()
        decode(data, count: count, appendingTo: &out)
        return out
    }

    /// Decodes `data` into `count` bytes appended to `out` (no intermediate array: replay sampling
    /// decodes every frame of a batch straight into the batch).
    public static func decode(_ data: [UInt8], count: Int, appendingTo out: inout [UInt8]) {
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        out.withUnsafeMutableBufferPointer { all in
            let o = all.baseAddress! + base
            data.withUnsafeBufferPointer { d in
                var i = 0, w = 0
                while i < d.count && w < count {
                    let c = Int(d[i]); i += 1
                    if c < 128 {
                        let len = min(c + 1, count - w, d.count - i)
                        if len > 0 { (o + w).update(from: d.baseAddress! + i, count: len) }
                        w += len; i += c + 1
                    } else {
                        guard i < d.count else { break }
                        let len = min(c - 125, count - w)
                        (o + w).update(repeating: d[i], count: len)
                        i += 1
                        w += len
                    }
                }
            }
        }
    }

    /// Decodes `data` into `count` floats `Float(b) / 255` (missing bytes as 0): a replay batch's frames go
    /// straight to the network's input, scaled as `ObservationBatch.tensor` scales them, with no byte batch in
    /// between, and a run's value is computed once.
    public static func decode(_ data: [UInt8], count: Int, scaledInto o: UnsafeMutablePointer<Float>) {
        var w = 0
        ObservationBatch.byteScale.withUnsafeBufferPointer { tb in
            let table = tb.baseAddress!
            data.withUnsafeBufferPointer { d in
                var i = 0
                while i < d.count && w < count {
                    let c = Int(d[i]); i += 1
                    if c < 128 {
                        let len = min(c + 1, count - w, d.count - i)
                        if len > 0 { scaleBytes(d.baseAddress! + i, len, table, o + w) }
                        w += len; i += c + 1
                    } else {
                        guard i < d.count else { break }
                        let len = min(c - 125, count - w)
                        (o + w).update(repeating: table[Int(d[i])], count: len)
                        i += 1
                        w += len
                    }
                }
            }
        }
        if w < count { (o + w).update(repeating: 0, count: count - w) }
    }

    /// `count` raw bytes (`data`, missing bytes as 0) into floats `Float(b) / 255`.
    public static func scale(_ data: [UInt8], count: Int, into o: UnsafeMutablePointer<Float>) {
        let n = min(count, data.count)
        ObservationBatch.byteScale.withUnsafeBufferPointer { tb in
            data.withUnsafeBufferPointer { d in if n > 0 { scaleBytes(d.baseAddress!, n, tb.baseAddress!, o) } }
        }
        if n < count { (o + n).update(repeating: 0, count: count - n) }
    }

    /// o[j] = src[j] / 255 for j in 0..<n, 8 at a time in float32 (each lane the correctly rounded quotient,
    /// as in `ObservationBatch.tensor`), the tail from `table` (the same quotients).
    @inline(__always)
    static func scaleBytes(_ src: UnsafePointer<UInt8>, _ n: Int, _ table: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>) {
        var j = 0
        let sp = UnsafeRawPointer(src), op = UnsafeMutableRawPointer(o), d = SIMD8<Float>(repeating: 255)
        while j + 8 <= n {
            let b = sp.loadUnaligned(fromByteOffset: j, as: SIMD8<UInt8>.self)
            op.storeBytes(of: SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: b)) / d, toByteOffset: j &* 4, as: SIMD8<Float>.self)
            j &+= 8
        }
        while j < n { o[j] = table[Int(src[j])]; j += 1 }
    }
}
