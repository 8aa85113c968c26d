// The env/tensor seam (issue 9): per-step cost of producing an observation and of turning it into a
// tensor, for CartPole-v1 and CarRacing-v3 (continuous, state pixels), natively and as a cell sees it
// (every observation becomes a Tensor the cell holds until the next step). Built by run.sh against
// the release objects; `shim.swift` (the tree's own) supplies `observationTensor` and `allocations`.
import RLEnv
import RLSupport
import RLTensor

/// Process CPU time: stable on a loaded machine.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Best rate over `repeats` runs of `body` (which returns its work), and buffer allocations per unit of work.
func best(_ repeats: Int, _ body: () throws -> Double) rethrows -> (rate: Double, allocs: Double) {
    var rate = 0.0, allocs = 0.0
    for _ in 0..<max(1, repeats) {
        let a0 = allocations(), t0 = now()
        let work = try body()
        rate = max(rate, work / (now() - t0))
        allocs = Double(allocations() - a0) / work
    }
    return (rate, allocs)
}

/// CartPole-v1 unwrapped, alternating actions; with `cell`, every observation becomes a tensor held until the next step.
@inline(never)
func cartPole(_ steps: Int, _ repeats: Int, cell: Bool) throws -> (rate: Double, allocs: Double) {
    let cart = CartPoleEnv()
    try cart.reset(seed: 0)
    var a = 0
    var held: Tensor? = nil
    let r = try best(repeats) {
        for _ in 0..<steps {
            a ^= 1
            let r = try cart.step(.int(a))
            if cell { held = try observationTensor(r.observation) }
            if r.terminated { try cart.reset() }
        }
        return Double(steps)
    }
    if cell && held == nil { print("unreachable") }
    return r
}

/// CarRacing-v3 (continuous) through `Gym.make`, constant gas.
@inline(never)
func carRacing(_ steps: Int, _ repeats: Int, cell: Bool) throws -> (rate: Double, allocs: Double) {
    let car = try Gym.make("CarRacing-v3")
    try car.reset(seed: 1)
    let gas = EnvValue.array(EnvArray(float32: [0, 0.5, 0]))
    var held: Tensor? = nil
    let r = try best(repeats) {
        for _ in 0..<steps {
            let r = try car.step(gas)
            if cell { held = try observationTensor(r.observation) }
            if r.terminated || r.truncated { try car.reset() }
        }
        return Double(steps)
    }
    if cell && held == nil { print("unreachable") }
    return r
}

/// Nanoseconds to make a tensor from one observation.
@inline(never)
func tensorFrom(_ obs: EnvValue, _ repeats: Int) throws -> (ns: Double, allocs: Double) {
    let n = 200_000
    var held: Tensor? = nil
    let r = try best(repeats) { for _ in 0..<n { held = try observationTensor(obs) }; return Double(n) }
    if held == nil { print("unreachable") }
    return (1e9 / r.rate, r.allocs)
}

@main enum SeamBench {
    static func main() throws {
        let args = CommandLine.arguments
        let cartSteps = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
        let carSteps = args.count > 2 ? Int(args[2]) ?? 500 : 500
        let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3
        for (name, cell) in [("cartpole_native", false), ("cartpole_cell", true)] {
            let r = try cartPole(cartSteps, repeats, cell: cell)
            print("\(name) \(r.rate) \(r.allocs)")
        }
        for (name, cell) in [("carracing_native", false), ("carracing_cell", true)] {
            let r = try carRacing(carSteps, repeats, cell: cell)
            print("\(name) \(r.rate) \(r.allocs)")
        }
        let car = try Gym.make("CarRacing-v3")
        try car.reset(seed: 1)
        let frame = try car.step(.array(EnvArray(float32: [0, 0.5, 0]))).observation
        let cart = CartPoleEnv()
        let pole = try cart.reset(seed: 0).observation
        let f = try tensorFrom(frame, repeats), p = try tensorFrom(pole, repeats)
        print("tensor_from_frame_ns \(f.ns) \(f.allocs)")
        print("tensor_from_cartpole_obs_ns \(p.ns) \(p.allocs)")
    }
}
