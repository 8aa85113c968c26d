// rlbook RLEnv benchmark: CartPole-v1 through Gym.make (single env) and the native batched
// CartPole (256 envs). Compiled in release by run.sh against the package's built modules.
import RLEnv
import RLSupport

func seconds() -> Double { Clock.monotonic() }

let args = CommandLine.arguments
let singleSteps = args.count > 1 ? Int(args[1]) ?? 2_000_000 : 2_000_000
let batchSteps = args.count > 2 ? Int(args[2]) ?? 20_000 : 20_000
let numEnvs = 256

do {
    // Single env through the full Gym.make wrapper stack, random actions from the action space.
    let env = try Gym.make("CartPole-v1")
    try env.actionSpace.seed(0)
    try env.reset(seed: 0)
    var t0 = seconds()
    var episodes = 0
    for _ in 0..<singleSteps {
        let r = try env.step(env.actionSpace.sample())
        if r.terminated || r.truncated { try env.reset(); episodes += 1 }
    }
    var dt = seconds() - t0
    print("single_steps_per_s \(Double(singleSteps) / dt) episodes \(episodes)")

    // The unwrapped env (no TimeLimit / OrderEnforcing / PassiveEnvChecker), as Gymnasium's `env.unwrapped`.
    let raw = CartPoleEnv()
    try raw.actionSpace.seed(0)
    try raw.reset(seed: 0)
    t0 = seconds()
    for _ in 0..<singleSteps {
        let r = try raw.step(raw.actionSpace.sample())
        if r.terminated { try raw.reset() }
    }
    dt = seconds() - t0
    print("unwrapped_steps_per_s \(Double(singleSteps) / dt)")

    // Native batched CartPole, 256 envs, random actions from a numpy-compatible generator.
    let v = try CartPoleVectorEnv(numEnvs: numEnvs)
    try v.reset(seed: 0)
    let g = NumpyGenerator(seed: 1)
    var actions = [Int](repeating: 0, count: numEnvs)
    var rewards = [Double](repeating: 0, count: numEnvs)
    var term = [Bool](repeating: false, count: numEnvs)
    var trunc = [Bool](repeating: false, count: numEnvs)
    var obs = [Float](repeating: 0, count: numEnvs * 4)
    var total = 0.0
    t0 = seconds()
    for _ in 0..<batchSteps {
        for i in 0..<numEnvs { actions[i] = Int(g.nextUInt32() & 1) }
        try v.stepInPlace(actions: actions, rewards: &rewards, terminated: &term, truncated: &trunc)
        v.observationBuffer(into: &obs)
        total += rewards[0]
    }
    dt = seconds() - t0
    print("batched_steps_per_s \(Double(batchSteps * numEnvs) / dt) check \(total)")

    // The same batch through the generic VectorEnv API (boxed observations and actions).
    t0 = seconds()
    let boxedSteps = batchSteps / 4
    for _ in 0..<boxedSteps {
        let a = EnvValue.array(EnvArray(ints: (0..<numEnvs).map { _ in Int(g.nextUInt32() & 1) }))
        _ = try v.step(a)
    }
    dt = seconds() - t0
    print("batched_api_steps_per_s \(Double(boxedSteps * numEnvs) / dt)")
} catch {
    print("error: \(error)")
}
