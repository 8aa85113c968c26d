// Box2D env speed: random actions, rendering off (as in training): LunarLander discrete, continuous
// with wind, BipedalWalker and BipedalWalkerHardcore.
// Built by run.sh against the release objects of RLSupport/RLRender/RLPhysics/RLEnv.
import RLEnv
import RLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process CPU time: stable on a loaded machine.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

let args = CommandLine.arguments
let steps = args.count > 1 ? Int(args[1]) ?? 20000 : 20000
let rng = NumpyGenerator(seed: 123)

func bench(_ env: Env, continuous: Int) -> Double {
    try! env.reset(seed: 1)
    let t0 = now()
    for _ in 0..<steps {
        let a: EnvValue = continuous > 0
            ? .float32((0..<continuous).map { _ in Float(rng.uniform(low: -1, high: 1)) })
            : .int(rng.boundedInt(offset: 0, inclusiveRange: 3))
        let r = try! env.step(a)
        if r.terminated || r.truncated { try! env.reset() }
    }
    return Double(steps) / (now() - t0)
}

let d = bench(try! LunarLanderEnv(), continuous: 0)
let c = bench(try! LunarLanderEnv(continuous: true, enableWind: true), continuous: 2)
let w = bench(try! BipedalWalkerEnv(), continuous: 4)
let h = bench(try! BipedalWalkerEnv(hardcore: true), continuous: 4)
print("RESULT \(d) \(c) \(w) \(h)")
