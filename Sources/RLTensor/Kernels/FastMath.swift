/// Vectorised float32 transcendental kernels (8 lanes per step, AVX2 on x86-64, NEON pairs on arm64).
///
/// `tanh` uses the clamped 13/6 rational minimax approximation from Eigen's `generic_fast_tanh_float`
/// (Eigen/src/Core/MathFunctionsImpl.h), accurate to a few float32 ulps; sigmoid is
/// 0.5 + 0.5·tanh(x/2). Float64 keeps libm for exactness against PyTorch fixtures.
enum FastMath {
    typealias V = SIMD8<Float>

    @inline(__always)
    static func tanh8(_ x0: V) -> V {
        let clampV = V(repeating: 7.90531110763549805)
        var x = x0.replacing(with: clampV, where: x0 .> clampV)
        x = x.replacing(with: -clampV, where: x .< -clampV)
        let x2 = x * x
        var p = V(repeating: -2.76076847742355e-16)
        p = x2 * p + V(repeating: 2.00018790482477e-13)
        p = x2 * p + V(repeating: -8.60467152213735e-11)
        p = x2 * p + V(repeating: 5.12229709037114e-08)
        p = x2 * p + V(repeating: 1.48572235717979e-05)
        p = x2 * p + V(repeating: 6.37261928875436e-04)
        p = x2 * p + V(repeating: 4.89352455891786e-03)
        p = p * x
        var q = V(repeating: 1.19825839466702e-06)
        q = x2 * q + V(repeating: 1.18534705686654e-04)
        q = x2 * q + V(repeating: 2.26843463243900e-03)
        q = x2 * q + V(repeating: 4.89352518554385e-03)
        let r = p / q
        // Tiny inputs: tanh(x) = x to float precision (keeps the sign of zero).
        return r.replacing(with: x0, where: abs(x0) .< V(repeating: 0.0004))
    }

    @inline(__always)
    static func abs(_ v: V) -> V { v.replacing(with: -v, where: v .< 0) }

    /// tanh over a contiguous buffer.
    static func tanh(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        while i + 8 <= n {
            d.storeBytes(of: tanh8(s.loadUnaligned(fromByteOffset: i * 4, as: V.self)), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        if i < n {
            var tmp = V()
            for k in 0..<(n - i) { tmp[k] = src[i + k] }
            let r = tanh8(tmp)
            for k in 0..<(n - i) { dst[i + k] = r[k] }
        }
    }

    /// Logistic sigmoid over a contiguous buffer: 0.5 + 0.5·tanh(x/2).
    static func sigmoid(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        let half = V(repeating: 0.5)
        while i + 8 <= n {
            let x = s.loadUnaligned(fromByteOffset: i * 4, as: V.self)
            d.storeBytes(of: half + half * tanh8(x * half), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        if i < n {
            var tmp = V()
            for k in 0..<(n - i) { tmp[k] = src[i + k] }
            let r = half + half * tanh8(tmp * half)
            for k in 0..<(n - i) { dst[i + k] = r[k] }
        }
    }
}
