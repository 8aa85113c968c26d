/// A colour palette of at most 256 RGB colours, and the mapping of images onto it.
///
/// When the images use 256 colours or fewer, the palette is exact (lossless). Otherwise it is built
/// by median cut (Heckbert 1982) over a 5-bit-per-channel histogram: the box with the largest
/// (pixel count × longest side) is split at the weighted median of its longest side, and each
/// final box contributes the pixel-weighted mean of its colours; a few k-means (Lloyd) passes then
/// move each colour to the centre of the pixels nearest to it.
public struct Palette: Sendable, Hashable {
    /// RGB triples, `count * 3` bytes.
    public private(set) var rgb: [UInt8]
    /// Whether every colour of the source images is in the palette exactly.
    public let isExact: Bool

    public var count: Int { rgb.count / 3 }

    public init(rgb: [UInt8], isExact: Bool = false) {
        self.rgb = rgb
        self.isExact = isExact
    }

    /// A palette for RGB images (gray and RGBA are converted with `ImageOps.rgb`).
    public static func build(for images: [RGBImage], maxColors: Int = 256) -> Palette {
        let maxColors = max(2, min(256, maxColors))
        if let exact = exactColors(images, limit: maxColors) { return Palette(rgb: exact, isExact: true) }
        // 5-bit histogram.
        var hist = [Int](repeating: 0, count: 1 << 15)
        var sums = [Int](repeating: 0, count: 3 << 15)
        for image in images {
            let im = ImageOps.rgb(image)
            im.pixels.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let r = Int(p[i]), g = Int(p[i + 1]), b = Int(p[i + 2])
                    let key = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                    hist[key] += 1
                    sums[key * 3] += r; sums[key * 3 + 1] += g; sums[key * 3 + 2] += b
                    i += 3
                }
            }
        }
        var bins: [Int] = []
        for k in 0..<(1 << 15) where hist[k] > 0 { bins.append(k) }
        func comp(_ key: Int, _ c: Int) -> Int { (key >> (10 - 5 * c)) & 31 }
        // Boxes are ranges of `bins`.
        var boxes: [(lo: Int, hi: Int)] = [(0, bins.count)]
        while boxes.count < maxColors {
            var bestIdx = -1, bestScore = 0, bestAxis = 0
            for (i, box) in boxes.enumerated() where box.hi - box.lo > 1 {
                var mn = [31, 31, 31], mx = [0, 0, 0], count = 0
                for j in box.lo..<box.hi {
                    let k = bins[j]
                    for c in 0..<3 { mn[c] = min(mn[c], comp(k, c)); mx[c] = max(mx[c], comp(k, c)) }
                    count += hist[k]
                }
                let ranges = (0..<3).map { mx[$0] - mn[$0] }
                // Green weighs more, as in perceptual luminance.
                let weighted = [ranges[0] * 3, ranges[1] * 4, ranges[2] * 2]
                let axis = weighted[1] >= weighted[0] && weighted[1] >= weighted[2] ? 1 : (weighted[0] >= weighted[2] ? 0 : 2)
                let score = (ranges[axis] + 1) * count
                if ranges[axis] > 0 && score > bestScore { bestScore = score; bestIdx = i; bestAxis = axis }
            }
            if bestIdx < 0 { break }
            let box = boxes[bestIdx]
            var slice = Array(bins[box.lo..<box.hi])
            slice.sort { (comp($0, bestAxis), $0) < (comp($1, bestAxis), $1) }
            bins.replaceSubrange(box.lo..<box.hi, with: slice)
            let total = slice.reduce(0) { $0 + hist[$1] }
            var acc = 0, cut = box.lo + 1
            for j in box.lo..<box.hi {
                acc += hist[bins[j]]
                if acc * 2 >= total { cut = j + 1; break }
            }
            cut = min(max(cut, box.lo + 1), box.hi - 1)
            boxes[bestIdx] = (box.lo, cut)
            boxes.append((cut, box.hi))
        }
        var rgb: [UInt8] = []
        for box in boxes {
            var n = 0, r = 0, g = 0, b = 0
            for j in box.lo..<box.hi {
                let k = bins[j]
                n += hist[k]; r += sums[k * 3]; g += sums[k * 3 + 1]; b += sums[k * 3 + 2]
            }
            if n == 0 { continue }
            rgb += [UInt8((r + n / 2) / n), UInt8((g + n / 2) / n), UInt8((b + n / 2) / n)]
        }
        if rgb.isEmpty { rgb = [0, 0, 0] }
        return Palette(rgb: refine(rgb, bins: bins, hist: hist, sums: sums, iterations: 6))
    }

    /// Lloyd (k-means) refinement of the median-cut colours over the histogram bins (each bin at
    /// the mean of its pixels, weighted by its count), with the mapper's weighted RGB distance.
    static func refine(_ start: [UInt8], bins: [Int], hist: [Int], sums: [Int], iterations: Int) -> [UInt8] {
        var centers = stride(from: 0, to: start.count, by: 3).map { (Double(start[$0]), Double(start[$0 + 1]), Double(start[$0 + 2])) }
        let points = bins.map { k -> (Double, Double, Double, Double) in
            let n = Double(hist[k])
            return (Double(sums[k * 3]) / n, Double(sums[k * 3 + 1]) / n, Double(sums[k * 3 + 2]) / n, n)
        }
        let k = centers.count
        for _ in 0..<iterations {
            var acc = [(Double, Double, Double, Double)](repeating: (0, 0, 0, 0), count: k)
            for p in points {
                var best = 0
                var bestD = Double.infinity
                for (j, c) in centers.enumerated() {
                    let dr = p.0 - c.0, dg = p.1 - c.1, db = p.2 - c.2
                    let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
                    if d < bestD { bestD = d; best = j }
                }
                acc[best].0 += p.0 * p.3; acc[best].1 += p.1 * p.3; acc[best].2 += p.2 * p.3; acc[best].3 += p.3
            }
            var moved = false
            for j in 0..<k where acc[j].3 > 0 {
                let c = (acc[j].0 / acc[j].3, acc[j].1 / acc[j].3, acc[j].2 / acc[j].3)
                if abs(c.0 - centers[j].0) + abs(c.1 - centers[j].1) + abs(c.2 - centers[j].2) > 0.05 { moved = true }
                centers[j] = c
            }
            if !moved { break }
        }
        var out: [UInt8] = []
        for c in centers {
            out += [UInt8(max(0, min(255, c.0.rounded()))), UInt8(max(0, min(255, c.1.rounded()))), UInt8(max(0, min(255, c.2.rounded())))]
        }
        return out
    }

    /// The distinct colours if there are at most `limit`, in order of first appearance.
    static func exactColors(_ images: [RGBImage], limit: Int) -> [UInt8]? {
        var table = ColorHashTable()
        var rgb: [UInt8] = []
        for image in images {
            let im = ImageOps.rgb(image)
            var overflow = false
            im.pixels.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let key = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
                    if table.find(key) == nil {
                        if table.count >= limit { overflow = true; return }
                        table.insert(key, UInt8(table.count))
                        rgb += [p[i], p[i + 1], p[i + 2]]
                    }
                    i += 3
                }
            }
            if overflow { return nil }
        }
        return rgb
    }
}

/// Open-addressing map from 24-bit colours to palette indices (at most 256 entries).
struct ColorHashTable {
    private var keys = [UInt32](repeating: UInt32.max, count: 1024)
    private var values = [UInt8](repeating: 0, count: 1024)
    private(set) var count = 0

    @inline(__always) func find(_ key: UInt32) -> UInt8? {
        var h = Int((key &* 2_654_435_761) >> 22)
        while true {
            let k = keys[h]
            if k == key { return values[h] }
            if k == UInt32.max { return nil }
            h = (h + 1) & 1023
        }
    }

    mutating func insert(_ key: UInt32, _ value: UInt8) {
        var h = Int((key &* 2_654_435_761) >> 22)
        while keys[h] != UInt32.max && keys[h] != key { h = (h + 1) & 1023 }
        if keys[h] != key { count += 1 }
        keys[h] = key
        values[h] = value
    }
}
