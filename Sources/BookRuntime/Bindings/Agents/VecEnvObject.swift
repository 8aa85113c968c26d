import BookDSL
import RLAgents
import RLEnv
import RLTensor

/// SB3's `DummyVecEnv` (made by `makeVecEnv`, or by an agent from a plain env) as cells see it:
/// `reset()` gives the batched observations, `step(actions)` → `(obs, rewards, dones, infos)` with
/// same-step resets, as SB3's VecEnv API.
final class AgentVecEnvObject: NativeObject, CacheConstructible {
    let env: VecEnv
    init(_ env: VecEnv) { self.env = env }
    /// The agent whose env this is (`model.getEnv()`); nil for `makeVecEnv`'s.
    weak var owner: AgentObject?

    /// An agent's env is made again by asking the agent for it; its state is the agent's.
    var construction: EngineConstruction? { owner.map { EngineConstruction(.method(.native($0), "getEnv")) } }
    func cacheState() throws -> [UInt8] { [] }
    func restoreCacheState(_ bytes: [UInt8]) throws {}

    var typeName: String { env.wrapperNames.first ?? "DummyVecEnv" }
    var description: String { "<\(typeName) num_envs=\(env.numEnvs) \(env.envs[0].description)>" }
    var memberNames: [String] { ["numEnvs", "observationSpace", "actionSpace", "reset", "step", "render", "close", "envs", "seed"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "numEnvs": return .int(env.numEnvs)
        case "observationSpace": return SpaceObject.value(env.observationSpace)
        case "actionSpace": return SpaceObject.value(env.actionSpace)
        case "envs": return .array(env.envs.map(EnvObject.value))
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "reset":
            try args.expect(name, "")
            return try AgentVecEnvObject.observations(try env.reset())
        case "seed":
            env.seed(args.value(nil).flatMap { $0.asInt })
            return .void
        case "step":
            guard let a = args.value(nil) else { throw BindingError("step needs one action per env") }
            let actions = try AgentVecEnvObject.actions(a, env: env)
            let r = try env.step(actions)
            let infos: [Value] = try r.infos.enumerated().map { i, info in
                var d = try EnvConversion.value(info)
                if case .dict(let box) = d {
                    let copy = DictBox(keys: box.keys, values: box.values)
                    if let ep = r.episodes[i] {
                        copy.set(.string("episode"), .dict(DictBox(keys: [.string("r"), .string("l"), .string("t")],
                                                                   values: [.double(ep.reward), .int(ep.length), .double(ep.time)])))
                    }
                    if let t = r.terminalObservations[i] { copy.set(.string("terminal_observation"), try EnvConversion.value(t)) }
                    copy.set(.string("TimeLimit.truncated"), .bool(r.truncated[i]))
                    d = .dict(copy)
                }
                return d
            }
            return .tuple(TupleBox.make([try AgentVecEnvObject.observations(r.observations), .array(r.rewards.map { .double($0) }),
                                    .array(r.dones.map { .bool($0) }), .array(infos)]))
        case "render":
            guard let f = try env.render() else { return .nilValue }
            return try EnvConversion.frame(f)
        case "close":
            env.close()
            return .void
        default: return nil
        }
    }

    /// Batched observations as a tensor `[numEnvs] + shape` in the env's own layout (HWC uint8 images).
    static func observations(_ b: ObservationBatch) throws -> Value {
        let l = b.layout
        switch l.kind {
        case .image(let c, let h, let w, let transposed):
            var bytes = b.bytes
            if transposed {
                // Back to HWC, as the env gives it (the agent sees CHW).
                bytes = [UInt8](repeating: 0, count: b.bytes.count)
                let plane = h * w
                for i in 0..<b.count {
                    let base = i * c * plane
                    for p in 0..<plane { for ch in 0..<c { bytes[base + p * c + ch] = b.bytes[base + ch * plane + p] } }
                }
            }
            return TensorObject.value(try Tensor(bytes, shape: [b.count] + l.envShape))
        case .vector:
            return TensorObject.value(try Tensor(b.floats, shape: [b.count] + l.envShape))
        case .oneHot(let n, let start):
            return .array((0..<b.count).map { i in .int((0..<n).first { b.floats[i * n + $0] == 1 }.map { $0 + start } ?? start) })
        }
    }

    /// One env action per env from a cell value (an array, or a tensor batched on its first axis).
    static func actions(_ v: Value, env: VecEnv) throws -> [EnvValue] {
        let items: [Value]
        if let a = v.asArray { items = a } else if let t = v.tensor, t.rank >= 1, t.shape[0] == env.numEnvs {
            items = try (0..<env.numEnvs).map { i in TensorObject.value(try t.index([.at(i)])) }
        } else if env.numEnvs == 1 {
            items = [v]
        } else {
            throw BindingError("step needs \(env.numEnvs) actions (one per env), got a value of type '\(v.typeName)'")
        }
        guard items.count == env.numEnvs else { throw BindingError("step needs \(env.numEnvs) actions (one per env), got \(items.count)") }
        return try items.map { try EnvConversion.envValue($0, space: env.actionSpace) }
    }
}
