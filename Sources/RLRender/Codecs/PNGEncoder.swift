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
        guard stride > 0 else { return out }
        var trial = [UInt8](repeating: 0, count: stride * 5)
        let zero = [UInt8](repeating: 0, count: stride)
        image.pixels.withUnsafeBufferPointer { px in
        zero.withUnsafeBufferPointer { zp in
        out.withUnsafeMutableBufferPointer { dst in
        trial.withUnsafeMutableBufferPointer { tr in
            let t = tr.baseAddress!
            for y in 0..<h {
                let row = px.baseAddress! + y * stride
                let up = y > 0 ? px.baseAddress! + (y - 1) * stride : zp.baseAddress!
                var sums = [0, 0, 0, 0, 0]
                // None
                var sum = 0
                for i in 0..<stride { sum &+= weight(row[i]) }
                sums[0] = sum
                // Sub
                sum = 0
                let t1 = t + stride
                for i in 0..<bpp { t1[i] = row[i]; sum &+= weight(row[i]) }
                for i in bpp..<stride { let v = row[i] &- row[i - bpp]; t1[i] = v; sum &+= weight(v) }
                sums[1] = sum
                // Up
                sum = 0
                let t2 = t + 2 * stride
                for i in 0..<stride { let v = row[i] &- up[i]; t2[i] = v; sum &+= weight(v) }
                sums[2] = sum
                // Average
                sum = 0
                let t3 = t + 3 * stride
                for i in 0..<bpp { let v = row[i] &- (up[i] >> 1); t3[i] = v; sum &+= weight(v) }
                for i in bpp..<stride {
                    let v = row[i] &- UInt8((UInt16(row[i - bpp]) &+ UInt16(up[i])) >> 1)
                    t3[i] = v; sum &+= weight(v)
                }
                sums[3] = sum
                // Paeth
                sum = 0
                let t4 = t + 4 * stride
                for i in 0..<bpp { let v = row[i] &- up[i]; t4[i] = v; sum &+= weight(v) }
                for i in bpp..<stride {
                    let v = row[i] &- paeth(row[i - bpp], up[i], up[i - bpp])
                    t4[i] = v; sum &+= weight(v)
                }
                sums[4] = sum
                var best = 0
                for f in 1..<5 where sums[f] < sums[best] { best = f }
                let d = dst.baseAddress! + y * (stride + 1)
                d[0] = UInt8(best)
                if best == 0 { (d + 1).update(from: row, count: stride) } else { (d + 1).update(from: t + best * stride, count: stride) }
            }
        } } } }
        return out
    }

    /// |v| of a filtered byte read as signed (libpng's minimum-sum heuristic).
    @inline(__always)
    static func weight(_ v: UInt8) -> Int { v < 128 ? Int(v) : 256 - Int(v) }

    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let ia = Int(a), ib = Int(b), ic = Int(c)
        let pa = abs(ib - ic), pb = abs(ia - ic), pc = abs(ia + ib - 2 * ic)
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
