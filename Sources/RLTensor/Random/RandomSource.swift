/// A seeded source of random numbers for tensor creation and sampling.
///
/// The engine's global generator (`Tensor.generator`) conforms; `manualSeed` reseeds it.
public protocol RandomSource: AnyObject {
    /// Reseeds the generator.
    func seed(_ s: UInt64)
    /// A uniform Double in [0, 1).
    func nextDouble() -> Double
    /// A standard normal Double.
    func nextGaussian() -> Double
}

/// PCG64 (XSL-RR 128/64, the permutation numpy's `PCG64` uses) with SplitMix64 seeding, plus
/// Box–Muller normals. A local stand-in until RLSupport's numpy-compatible generator is plugged in.
public final class PCG64Source: RandomSource {
    private var stateHi: UInt64 = 0, stateLo: UInt64 = 0
    private var incHi: UInt64 = 0, incLo: UInt64 = 1
    private var spare: Double?

    public init(seed s: UInt64 = 0) { seed(s) }

    public func seed(_ s: UInt64) {
        var sm = s
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        stateHi = splitmix(); stateLo = splitmix()
        incHi = splitmix(); incLo = splitmix() | 1
        spare = nil
        _ = next()
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        // state = state * MULT + inc (128-bit)
        let mHi: UInt64 = 2549297995355413924, mLo: UInt64 = 4865540595714422341
        let (h, l) = stateLo.multipliedFullWidth(by: mLo)
        let hi = h &+ stateHi &* mLo &+ stateLo &* mHi
        let (nlo, c) = l.addingReportingOverflow(incLo)
        stateLo = nlo
        stateHi = hi &+ incHi &+ (c ? 1 : 0)
        let x = stateHi ^ stateLo
        let rot = stateHi >> 58
        return (x >> rot) | (x << ((64 &- rot) & 63))
    }

    public func nextDouble() -> Double { Double(next() >> 11) * (1.0 / 9007199254740992.0) }

    public func nextGaussian() -> Double {
        if let s = spare { spare = nil; return s }
        var u1 = nextDouble()
        while u1 <= 0 { u1 = nextDouble() }
        let u2 = nextDouble()
        let r = (-2 * _log(u1)).squareRoot()
        let th = 2 * Double.pi * u2
        spare = r * _sin(th)
        return r * _cos(th)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }

extension Tensor {
    /// The global generator used by `rand`, `randn`, sampling and initialisers.
    nonisolated(unsafe) public static var generator: RandomSource = PCG64Source(seed: 0)
}

/// Reseeds the global generator (PyTorch's `torch.manual_seed`).
public func manualSeed(_ seed: Int) {
    Tensor.generator.seed(UInt64(bitPattern: Int64(seed)))
}
