// CarRacing speed: random discrete actions with rendering (the observation), and reset time.
// Built by run.sh against the release objects of RLSupport/RLRender/RLPhysics/RLEnv.
import RLEnv
import RLRender
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

final class SplitMix: CarRacingRandomSource {
    var s: UInt64
    init(_ seed: UInt64) { s = seed }
    func next() -> UInt64 { s &+= 0x9E3779B97F4A7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) }
    func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(next() >> 11) * 0x1p-53 }
    func integers(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

let args = CommandLine.arguments
let steps = args.count > 1 ? Int(args[1]) ?? 5000 : 5000
let quality = args.count > 2 ? args[2] : "fast"
let env = try! CarRacing(continuous: false, makeRandom: { SplitMix($0 ?? 7) })
env.renderQuality = quality == "exact" ? .exact : .fast(supersample: Int(quality.dropFirst(4)) ?? 4)
var rng = SplitMix(123)
// reset timing
var t0 = now()
let resets = 50
for i in 0..<resets { env.reset(seed: UInt64(i)) }
let resetMs = (now() - t0) / Double(resets) * 1000
// step timing
env.reset(seed: 1)
t0 = now()
var done = 0
for _ in 0..<steps {
    let r = try! env.step(rng.integers(5))
    if r.terminated || r.truncated { env.reset(); done += 1 }
}
let sps = Double(steps) / (now() - t0)
print("RESULT steps_per_s \(sps) reset_ms \(resetMs)")
