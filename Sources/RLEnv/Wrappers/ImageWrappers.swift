/// Converts RGB uint8 observations to gray (Gymnasium `GrayscaleObservation`):
/// `sum(obs · [0.2125, 0.7154, 0.0721])` in float64, truncated to uint8; `keepDim` keeps a
/// trailing axis of 1.
public final class GrayscaleObservation: ObservationWrapper {
    public let keepDim: Bool
    static let weights = (0.2125, 0.7154, 0.0721)

    public init(_ env: Env, keepDim: Bool = false) throws {
        guard let box = env.observationSpace as? Box, let shape = box.shape, shape.count == 3, shape[2] == 3, box.dtype == .uint8 else {
            throw EnvError.invalidArgument("Expected the observation space to be a uint8 Box of shape (h, w, 3), got \(env.observationSpace)")
        }
        self.keepDim = keepDim
        super.init(env)
        self.observationSpace = try Box(low: 0, high: 255, shape: keepDim ? [shape[0], shape[1], 1] : [shape[0], shape[1]], dtype: .uint8)
    }

    /// The gray image of an RGB array (shape h x w x 3).
    public static func gray(_ a: EnvArray, keepDim: Bool) -> EnvArray {
        let px = a.bytes
        let h = a.shape.count > 0 ? a.shape[0] : 0, w = a.shape.count > 1 ? a.shape[1] : 0
        var out = [UInt8](repeating: 0, count: h * w)
        for i in 0..<min(h * w, px.count / 3) {
            let v = Double(px[3 * i]) * weights.0 + Double(px[3 * i + 1]) * weights.1 + Double(px[3 * i + 2]) * weights.2
            out[i] = UInt8(min(255, max(0, v)).rounded(.towardZero))
        }
        return EnvArray(uint8: out, shape: keepDim ? [h, w, 1] : [h, w])
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        guard case .array(let a) = observation, a.shape.count == 3, a.shape[2] == 3 else { return observation }
        return .array(GrayscaleObservation.gray(a, keepDim: keepDim))
    }
}

/// Resizes uint8 image observations to `(height, width)` with area interpolation (Gymnasium
/// `ResizeObservation`, `cv2.INTER_AREA`: area-weighted averages when shrinking, bilinear when growing).
public final class ResizeObservation: ObservationWrapper {
    public let height: Int
    public let width: Int

    public init(_ env: Env, shape: (Int, Int)) throws {
        guard let box = env.observationSpace as? Box, let s = box.shape, s.count == 2 || s.count == 3, box.dtype == .uint8 else {
            throw EnvError.invalidArgument("Expected the observation space to be a uint8 Box of 2 or 3 dimensions, got \(env.observationSpace)")
        }
        guard shape.0 > 0, shape.1 > 0 else { throw EnvError.invalidArgument("Expected shape to be positive, actual shape: \(shape)") }
        height = shape.0
        width = shape.1
        super.init(env)
        self.observationSpace = try Box(low: 0, high: 255, shape: [height, width] + s.dropFirst(2), dtype: .uint8)
    }

    /// Area resize of an (h, w[, c]) uint8 array.
    public static func resize(_ a: EnvArray, height: Int, width: Int) -> EnvArray {
        let h = a.shape[0], w = a.shape[1], c = a.shape.count > 2 ? a.shape[2] : 1
        let src = a.bytes
        var out = [UInt8](repeating: 0, count: height * width * c)
        let ys = axisWeights(src: h, dst: height), xs = axisWeights(src: w, dst: width)
        var acc = [Double](repeating: 0, count: c)
        for oy in 0..<height {
            for ox in 0..<width {
                for k in 0..<c { acc[k] = 0 }
                for (sy, wy) in ys[oy] {
                    for (sx, wx) in xs[ox] {
                        let base = (sy * w + sx) * c
                        for k in 0..<c { acc[k] += Double(src[base + k]) * wy * wx }
                    }
                }
                for k in 0..<c { out[(oy * width + ox) * c + k] = UInt8(min(255, max(0, acc[k].rounded(.toNearestOrEven)))) }
            }
        }
        return EnvArray(uint8: out, shape: a.shape.count > 2 ? [height, width, c] : [height, width])
    }

    /// Per output index, the (source index, weight) pairs: box-filter overlaps when shrinking,
    /// linear interpolation (half-pixel centres) when growing.
    static func axisWeights(src: Int, dst: Int) -> [[(Int, Double)]] {
        let scale = Double(src) / Double(dst)
        if scale >= 1 {
            return (0..<dst).map { o in
                let lo = Double(o) * scale, hi = lo + scale
                var out: [(Int, Double)] = []
                var i = Int(lo.rounded(.down))
                while Double(i) < hi && i < src {
                    let overlap = min(hi, Double(i + 1)) - max(lo, Double(i))
                    if overlap > 1e-12 { out.append((i, overlap / scale)) }
                    i += 1
                }
                return out
            }
        }
        return (0..<dst).map { o in
            let f = (Double(o) + 0.5) * scale - 0.5
            let i0 = Int(f.rounded(.down))
            let t = f - Double(i0)
            let a = min(max(i0, 0), src - 1), b = min(max(i0 + 1, 0), src - 1)
            return a == b ? [(a, 1.0)] : [(a, 1 - t), (b, t)]
        }
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        guard case .array(let a) = observation, a.shape.count >= 2 else { return observation }
        return .array(ResizeObservation.resize(a, height: height, width: width))
    }
}
