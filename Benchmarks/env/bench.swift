// rlbook RLEnv benchmark: CartPole-v1 through Gym.make (single env), unwrapped, and the native
// batched CartPole (256 envs). Compiled in release by run.sh against the package's built modules.
// Each measurement is the best of `repeats` runs (the build machine is shared and noisy).
import RLEnv
import RLSupport

func seconds() -> Double { Clock.monotonic() }

let args = CommandLine.arguments
let singleSteps = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
let batchSteps = args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000
let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3
let numEnvs = 256

/// Best rate (work / seconds) over `repeats` runs of `body`, which returns the work it did.
func best(_ body: () throws -> Double) rethrows -> Double {
    var rate = 0.0
    for _ in 0..<max(1, repeats) {
        let t0 = seconds()
        let work = try body()
        rate = max(rate, work / (seconds() - t0))
    }
    return rate
}

do {
    // Single env through the full Gym.make wrapper stack, random actions from the action space.
    let env = try Gym.make("CartPole-v1")
    try env.actionSpace.seed(0)
    try env.reset(seed: 0)
    let single = try best {
        for _ in 0..<singleSteps {
            let r = try env.step(env.actionSpace.sample())
            if r.terminated || r.truncated { try env.reset() }
        }
        return Double(singleSteps)
    }
    print("single_steps_per_s \(single)")

    // The unwrapped env (no TimeLimit / OrderEnforcing / PassiveEnvChecker), as Gymnasium's `env.unwrapped`.
    let raw = CartPoleEnv()
    try raw.actionSpace.seed(0)
    try raw.reset(seed: 0)
    let unwrapped = try best {
        for _ in 0..<singleSteps {
            let r = try raw.step(raw.actionSpace.sample())
            if r.terminated { try raw.reset() }
        }
        return Double(singleSteps)
    }
    print("unwrapped_steps_per_s \(unwrapped)")

    // Native batched CartPole, 256 envs, random actions from a numpy-compatible generator,
    // observations copied out as float32 every step.
    let v = try CartPoleVectorEnv(numEnvs: numEnvs)
    try v.reset(seed: 0)
    let g = NumpyGenerator(seed: 1)
    var actions = [Int](repeating: 0, count: numEnvs)
    var rewards = [Double](repeating: 0, count: numEnvs)
    var term = [Bool](repeating: false, count: numEnvs)
    var trunc = [Bool](repeating: false, count: numEnvs)
    var obs = [Float](repeating: 0, count: numEnvs * 4)
    let batched = try best {
        for _ in 0..<batchSteps {
            for i in 0..<numEnvs { actions[i] = Int(g.nextUInt32() & 1) }
            try v.stepInPlace(actions: actions, rewards: &rewards, terminated: &term, truncated: &trunc)
            v.observationBuffer(into: &obs)
        }
        return Double(batchSteps * numEnvs)
    }
    print("batched_steps_per_s \(batched)")

    // The same batch through the generic VectorEnv API (boxed observations and actions).
    let api = try best {
        for _ in 0..<batchSteps {
            let a = EnvValue.array(EnvArray(ints: (0..<numEnvs).map { _ in Int(g.nextUInt32() & 1) }))
            _ = try v.step(a)
        }
        return Double(batchSteps * numEnvs)
    }
    print("batched_api_steps_per_s \(api)")
} catch {
    print("error: \(error)")
}
