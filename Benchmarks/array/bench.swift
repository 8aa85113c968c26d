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

@main enum SeamBench {
    static func main() throws {
        let args = CommandLine.arguments
        let cartSteps = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
        let carSteps = args.count > 2 ? Int(args[2]) ?? 500 : 500
        let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3

        let cart = CartPoleEnv()
        try cart.reset(seed: 0)
        var a = 0
        let cartNative = try best(repeats) {
            for _ in 0..<cartSteps {
                a ^= 1
                let r = try cart.step(.int(a))
                if r.terminated { try cart.reset() }
            }
            return Double(cartSteps)
        }
        print("cartpole_native \(cartNative.rate) \(cartNative.allocs)")
        var held: Tensor? = nil
        let cartCell = try best(repeats) {
            for _ in 0..<cartSteps {
                a ^= 1
                let r = try cart.step(.int(a))
                held = try observationTensor(r.observation)
                if r.terminated { try cart.reset() }
            }
            return Double(cartSteps)
        }
        print("cartpole_cell \(cartCell.rate) \(cartCell.allocs)")

        let car = try Gym.make("CarRacing-v3")
        try car.reset(seed: 1)
        let gas = EnvValue.array(EnvArray(float32: [0, 0.5, 0]))
        let carNative = try best(repeats) {
            for _ in 0..<carSteps {
                let r = try car.step(gas)
                if r.terminated || r.truncated { try car.reset() }
            }
            return Double(carSteps)
        }
        print("carracing_native \(carNative.rate) \(carNative.allocs)")
        let carCell = try best(repeats) {
            for _ in 0..<carSteps {
                let r = try car.step(gas)
                held = try observationTensor(r.observation)
                if r.terminated || r.truncated { try car.reset() }
            }
            return Double(carSteps)
        }
        print("carracing_cell \(carCell.rate) \(carCell.allocs)")

        // Tensor from one observation (CarRacing 96x96x3 uint8, CartPole 4 float32).
        let frame = try car.step(gas).observation
        let pole = try cart.step(.int(0)).observation
        let n = 200_000
        let frameRate = try best(repeats) { for _ in 0..<n { held = try observationTensor(frame) }; return Double(n) }
        let poleRate = try best(repeats) { for _ in 0..<n { held = try observationTensor(pole) }; return Double(n) }
        print("tensor_from_frame_ns \(1e9 / frameRate.rate) \(frameRate.allocs)")
        print("tensor_from_cartpole_obs_ns \(1e9 / poleRate.rate) \(poleRate.allocs)")
        if held == nil { print("unreachable") }
    }
}
