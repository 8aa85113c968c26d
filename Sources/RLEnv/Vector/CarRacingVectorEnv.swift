import RLSupport

/// CarRacing's native batched simulation (`RLEnv.CarRacingVector`: one core per env, stepped on
/// threads, observations written into one buffer) as a `VectorEnv`, for
/// `gym.makeVec("CarRacing-v3", numEnvs: 8, vectorizationMode: "vector_entry_point")`.
///
/// Gymnasium has no vector entry point for CarRacing (EnvPool plays this role there); here it is the
/// fast path. Semantics follow Gymnasium's vector API: next-step autoreset, env i seeded with
/// `seed + i`, the 1000-step limit inside each env. No `info` entries and no rendering (the
/// observations are the 96x96 frames); use `vectorizationMode: "sync"` for those.
public final class CarRacingVectorEnv: VectorEnv {
    /// The batched cores.
    public let vector: CarRacingVector
    /// Whether actions are `[steer, gas, brake]` (else 0...4).
    public let continuous: Bool

    public static let kwargNames = ["continuous", "domainRandomize", "lapCompletePercent", "fixLapCompletion", "verbose"]

    public init(numEnvs: Int, spec: EnvSpec, kwargs: [String: EnvArg] = [:]) throws {
        var all = EnvKwargs(Dictionary(spec.kwargs, uniquingKeysWith: { $1 }), envID: spec.id)
        for (k, v) in kwargs { all.values[k] = v }
        for key in all.values.keys where !CarRacingVectorEnv.kwargNames.contains(key) {
            let hint = DidYouMean.suggest(key, from: CarRacingVectorEnv.kwargNames).map { " Did you mean: `\($0)`?" } ?? ""
            throw EnvError.unexpectedKeyword("CarRacing's vector entry point got an unexpected keyword argument '\(key)' (it renders no frames; use vectorizationMode: \"sync\" for renderMode).\(hint)")
        }
        continuous = try all.bool("continuous", default: true)
        do {
            vector = try CarRacingVector(numEnvs: numEnvs, continuous: continuous,
                                         domainRandomize: try all.bool("domainRandomize", default: false),
                                         lapCompletePercent: try all.double("lapCompletePercent", default: 0.95),
                                         fixLapCompletion: try all.bool("fixLapCompletion", default: false),
                                         version: spec.id == "CarRacing-v2" ? .v2 : .v3)
        } catch let e as CarRacingError {
            throw EnvError.invalidArgument(e.description)
        }
        let obs = try Box(low: 0, high: 255, shape: [96, 96, 3], dtype: .uint8)
        let act: Space = continuous ? try Box(low: [-1, 0, 0], high: [1, 1, 1]) : try Discrete(5)
        super.init(numEnvs: numEnvs, singleObservationSpace: obs, singleActionSpace: act, autoresetMode: .nextStep,
                   metadata: EnvMetadata(renderModes: [], renderFps: 50))
        self.spec = spec
    }

    /// The current observations, `[numEnvs, 96, 96, 3]` uint8.
    public func observations() -> EnvValue {
        .array(vector.observationArray)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        if let options, !options.isEmpty { throw EnvError.invalidArgument("CarRacing's vector entry point takes no reset options, got \(options.keys.sorted())") }
        vector.reset(seed: seed)
        return (observations(), Info())
    }

    @discardableResult
    public override func reset(seeds: [Int?], options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        guard seeds.count == numEnvs else { throw EnvError.invalidArgument("If seeds are passed as a list the length must match num_envs=\(numEnvs) but got length=\(seeds.count).") }
        if let first = seeds.first ?? nil, seeds.enumerated().allSatisfy({ $0.element == first + $0.offset }) {
            return try reset(seed: first, options: options)
        }
        if seeds.allSatisfy({ $0 == nil }) { return try reset(seed: nil, options: options) }
        throw EnvError.invalidArgument("CarRacing's vector entry point seeds env i with seed + i; pass one seed (or consecutive seeds)")
    }

    public override func step(_ actions: [EnvValue]) throws -> VectorStepResult {
        guard actions.count == numEnvs else { throw EnvError.invalidAction("Expected \(numEnvs) actions, got \(actions.count)") }
        let r: (rewards: [Double], terminated: [Bool], truncated: [Bool])
        do {
            if continuous {
                r = try vector.step(actions.map { $0.scalars })
            } else {
                r = try vector.step(try actions.map { a in
                    guard let i = a.intValue else { throw EnvError.invalidAction(EnvError.invalidActionMessage(a)) }
                    return i
                })
            }
        } catch let e as CarRacingError {
            throw EnvError.invalidAction(e.description)
        }
        return (observations(), r.rewards, r.terminated, r.truncated, Info())
    }

    public override func step(_ actions: EnvValue) throws -> VectorStepResult {
        try step(VectorEnv.split(actions, numEnvs))
    }

    public override var description: String { "CarRacingVectorEnv(\(spec?.id ?? "CarRacing-v3"), num_envs=\(numEnvs))" }
}
