// CarRacing speed: random discrete actions with rendering (the observation), and reset time.
// Built by run.sh against the release objects of RLSupport/RLRender/RLPhysics/RLEnv.
import RLEnv
import RLRender
import RLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process CPU time: stable on a loaded machine (wall time would count time spent descheduled).
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

let args = CommandLine.arguments
let steps = args.count > 1 ? Int(args[1]) ?? 5000 : 5000
let quality = args.count > 2 ? args[2] : "fast"
let env = try! CarRacing(continuous: false, random: nil)
env.renderQuality = quality == "exact" ? .exact : .fast(supersample: Int(quality.dropFirst(4)) ?? 4)
let rng = NumpyGenerator(seed: 123)
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
    let r = try! env.step(rng.boundedInt(offset: 0, inclusiveRange: 4))
    if r.terminated || r.truncated { env.reset(); done += 1 }
}
let sps = Double(steps) / (now() - t0)
print("RESULT steps_per_s \(sps) reset_ms \(resetMs)")

// Vector scaling: N envs stepped on threads vs the same envs stepped in order (wall time).
func wall() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
if args.count > 3, let n = Int(args[3]), n > 1 {
    var rates: [Double] = []
    for parallel in [true, false] {
        let vec = try! CarRacingVector(numEnvs: n)
        vec.parallel = parallel
        vec.reset(seed: 0)
        let vsteps = max(1, steps / n)
        let t = wall()
        for _ in 0..<vsteps { _ = try! vec.step((0..<n).map { _ in rng.boundedInt(offset: 0, inclusiveRange: 4) }) }
        rates.append(Double(vsteps * n) / (wall() - t))
    }
    print("VECTOR envs \(n) parallel_env_steps_per_s \(rates[0]) sequential_env_steps_per_s \(rates[1])")
}
