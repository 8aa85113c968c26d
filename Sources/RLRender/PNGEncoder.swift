/// A PNG encoder (gray, RGB, RGBA; 8 bits per sample) with per-row adaptive filtering and our own DEFLATE.
///
/// Filter choice per row is libpng's minimum-sum-of-absolute-differences heuristic
/// (PNG specification §12.8 "Filter selection"); chunks carry CRC-32s (§5.3).
public enum PNGEncoder {
    /// PNG file bytes for an image with 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) channels.
    public static func encode(_ image: RGBImage, level: Int = 6) -> [UInt8] {
        let filtered = filterRows(image)
        let colorType: UInt8
        switch image.channels {
        case 1: colorType = 0
        case 2: colorType = 4
        case 3: colorType = 2
        default: colorType = 6
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        appendBE(&ihdr, UInt32(image.width))
        appendBE(&ihdr, UInt32(image.height))
        ihdr += [8, colorType, 0, 0, 0]
        chunk(&out, "IHDR", ihdr)
        chunk(&out, "IDAT", Deflate.zlib(filtered, level: level))
        chunk(&out, "IEND", [])
        return out
    }

    /// The filtered scanlines (one filter-type byte then the filtered row) that PNG compresses.
    public static func filterRows(_ image: RGBImage) -> [UInt8] {
        let bpp = image.channels
        let stride = image.width * bpp
        let h = image.height
        var out = [UInt8](repeating: 0, count: (stride + 1) * h)
        var trial = [UInt8](repeating: 0, count: stride * 5)
        image.pixels.withUnsafeBufferPointer { px in
        out.withUnsafeMutableBufferPointer { dst in
        trial.withUnsafeMutableBufferPointer { tr in
            for y in 0..<h {
                let row = px.baseAddress! + y * stride
                let up: UnsafePointer<UInt8>? = y > 0 ? px.baseAddress! + (y - 1) * stride : nil
                var bestSum = Int.max
                var best = 0
                for f in 0..<5 {
                    if y == 0 && (f == 2 || f == 4) { continue } // same as None / Sub on the first row
                    let t = tr.baseAddress! + f * stride
                    var sum = 0
                    for i in 0..<stride {
                        let x = row[i]
                        let a: UInt8 = i >= bpp ? row[i - bpp] : 0
                        let b: UInt8 = up?[i] ?? 0
                        let c: UInt8 = (i >= bpp ? up?[i - bpp] : nil) ?? 0
                        let v: UInt8
                        switch f {
                        case 0: v = x
                        case 1: v = x &- a
                        case 2: v = x &- b
                        case 3: v = x &- UInt8((Int(a) + Int(b)) >> 1)
                        default: v = x &- paeth(a, b, c)
                        }
                        t[i] = v
                        sum += v < 128 ? Int(v) : 256 - Int(v)
                    }
                    if sum < bestSum { bestSum = sum; best = f }
                }
                let d = dst.baseAddress! + y * (stride + 1)
                d[0] = UInt8(best)
                (d + 1).update(from: tr.baseAddress! + best * stride, count: stride)
            }
        } } }
        return out
    }

    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func appendBE(_ out: inout [UInt8], _ v: UInt32) {
        out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func chunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
        appendBE(&out, UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        out += typeBytes
        out += data
        appendBE(&out, crc.value)
    }
}
