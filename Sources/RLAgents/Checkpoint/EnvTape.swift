import RLEnv
import RLSupport

/// How one env's current episode began (its generator's state and the seed passed to `reset`) and the
/// actions it took since: replaying them on the same env rebuilds its state exactly, since
/// Gymnasium's envs are deterministic given their generator and actions. This is how a checkpoint
/// restores environments whose physics it cannot serialise (CarRacing's Box2D world, a cell's env);
/// replay costs at most one episode of steps, and the result is checked against the observation the
/// checkpoint kept (`VecEnv.restoreState`).
struct EnvTape {
    /// The env's `npRandom` just before the episode's `reset`; nil before the first reset.
    var randomBefore: [UInt64]?
    var seed: Int?
    var actions: [EnvValue] = []
    /// The episode ran longer than a tape keeps; its state cannot be rebuilt.
    var overflowed = false
    static let maxActions = 2_000_000

    mutating func willReset(_ env: Env, seed: Int?) {
        randomBefore = env.npRandom.stateWords
        self.seed = seed
        actions.removeAll(keepingCapacity: true)
        overflowed = false
    }

    mutating func record(_ action: EnvValue) {
        if actions.count >= Self.maxActions { overflowed = true; actions.removeAll(); return }
        if !overflowed { actions.append(action) }
    }

    /// Rebuilds the episode on `env`; returns the last observation.
    func replay(on env: Env) throws -> EnvValue? {
        guard let randomBefore, !overflowed else { return nil }
        env.npRandom.setStateWords(randomBefore)
        var (obs, _) = try env.reset(seed: seed, options: nil)
        for a in actions {
            if Cancellation.isRequested { throw AgentError.invalidArgument("stopped while rebuilding an environment's episode") }
            obs = try env.step(a).observation
        }
        return obs
    }

    // MARK: - Storing

    /// Writes tape `i` under `prefix`.
    func write(into s: inout TrainingState, prefix: String) throws {
        try s.put(prefix + "random", words: randomBefore ?? [])
        try s.put(prefix + "flags", ints: [randomBefore == nil ? 0 : 1, seed == nil ? 0 : 1, seed ?? 0, overflowed ? 1 : 0])
        // Actions: a kind per action (-1: an int; otherwise the index of its shape/dtype in `shapes`), then the numbers.
        var kinds: [Int] = [], ints: [Int] = [], numbers: [Double] = [], shapes: [String] = []
        for a in actions {
            switch a {
            case .int(let i): kinds.append(-1); ints.append(i)
            case .array(let arr):
                let key = arr.dtype.rawValue + ":" + arr.shape.map(String.init).joined(separator: ",")
                if let k = shapes.firstIndex(of: key) { kinds.append(k) } else { kinds.append(shapes.count); shapes.append(key) }
                numbers += arr.scalars
            default: throw AgentError.invalidArgument("an action of this env (\(a)) cannot be kept in a checkpoint")
            }
        }
        try s.put(prefix + "kinds", ints: kinds)
        try s.put(prefix + "ints", ints: ints)
        try s.put(prefix + "numbers", doubles: numbers)
        s.put(prefix + "shapes", string: shapes.joined(separator: ";"))
    }

    static func read(_ s: TrainingState, prefix: String) throws -> EnvTape {
        var t = EnvTape()
        let flags = try s.ints(prefix + "flags")
        guard flags.count == 4 else { throw AgentError.file("a checkpoint's env tape is corrupt") }
        if flags[0] == 1 { t.randomBefore = try s.words(prefix + "random") }
        t.seed = flags[1] == 1 ? flags[2] : nil
        t.overflowed = flags[3] == 1
        let kinds = try s.ints(prefix + "kinds"), ints = try s.ints(prefix + "ints"), numbers = try s.doubles(prefix + "numbers")
        let shapeText = try s.string(prefix + "shapes")
        let shapes: [(RLEnv.DType, [Int])] = try shapeText.isEmpty ? [] : shapeText.split(separator: ";").map { key in
            let parts = key.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let dtype = RLEnv.DType(rawValue: String(parts[0])) else { throw AgentError.file("a checkpoint's env tape is corrupt") }
            return (dtype, parts[1].split(separator: ",").compactMap { Int($0) })
        }
        var ii = 0, ni = 0
        t.actions.reserveCapacity(kinds.count)
        for k in kinds {
            if k == -1 {
                guard ii < ints.count else { throw AgentError.file("a checkpoint's env tape is corrupt") }
                t.actions.append(.int(ints[ii])); ii += 1
            } else {
                guard k >= 0, k < shapes.count else { throw AgentError.file("a checkpoint's env tape is corrupt") }
                let (dtype, shape) = shapes[k]
                let n = shape.reduce(1, *)
                guard ni + n <= numbers.count else { throw AgentError.file("a checkpoint's env tape is corrupt") }
                t.actions.append(.array(EnvArray(Array(numbers[ni..<(ni + n)]), shape: shape, dtype: dtype)))
                ni += n
            }
        }
        return t
    }
}
