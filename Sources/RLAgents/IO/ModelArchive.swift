import RLEnv
import RLNN
import RLSupport
import RLTensor

/// A saved model: one zip file like SB3's `model.zip` (`common/save_util.py`), written atomically.
///
/// Members: `data` (JSON: the algorithm, policy, spaces, hyperparameters, progress),
/// `policy.safetensors` (the policy's state dict, PyTorch names), `policy.optimizer.safetensors`
/// (the optimizer's moment buffers and step counts), `_rlbook_version`, `system_info.txt`.
/// Learning-rate closures cannot be stored: a loaded model continues with the last learning rate used.
public enum ModelArchive {
    /// The version stored in saved files.
    public static let version = "0.2.0"

    /// `path` with `.zip` added when it has no extension (SB3's behaviour).
    public static func resolvedPath(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.contains(".") ? path : path + ".zip"
    }

    static func save(_ model: BaseAlgorithm, to path: String) throws {
        let file = resolvedPath(path)
        let lr = (try? model.learningRate(model.progressRemaining, what: "learning rate")) ?? 0
        var data: [(String, JSONValue)] = [
            ("algorithm", .string(model.algorithmName)), ("policy_class", .string(model.policyName)),
            ("rlbook_version", .string(version)),
            ("observation_layout", layoutJSON(model.layout)), ("action", actionJSON(model.action)),
            ("num_timesteps", .number(Double(model.numTimesteps))), ("n_updates", .number(Double(model.nUpdates))),
            ("episode_num", .number(Double(model.episodeNum))),
            ("learning_rate", .number(lr)), ("learning_rate_schedule", .string(model.learningRate.text)),
            ("seed", model.seed.map { .number(Double($0)) } ?? .null), ("n_envs", .number(Double(model.env?.numEnvs ?? 1))),
            ("policy_kwargs", kwargsJSON(model.policyKwargs)),
        ]
        data.append(("config", .object(model.configJSON())))
        let policyBytes = try Safetensors.encode(model.policyModule.stateDict().items, metadata: ["format": "pt"])
        var optimizerTensors: [(String, Tensor)] = []
        for (i, o) in model.optimizers.enumerated() {
            optimizerTensors += try o.stateTensors().map { ("\(i).\($0.0)", $0.1) }
        }
        let optimizerBytes = try Safetensors.encode(optimizerTensors)
        let zip = try ZipArchive.write([
            (name: "data", bytes: Array(JSONValue.object(data).text.utf8)),
            (name: "policy.safetensors", bytes: policyBytes),
            (name: "policy.optimizer.safetensors", bytes: optimizerBytes),
            (name: "_rlbook_version", bytes: Array(version.utf8)),
            (name: "system_info.txt", bytes: Array(systemInfo().utf8)),
        ])
        do { try FileIO.writeAtomically(zip, to: file) } catch {
            throw AgentError.file("could not save the model to \(file): \(error)")
        }
    }

    /// Reads a saved model; `expect` is the algorithm the caller loads with (`DQN.load`).
    public static func read(_ path: String, expect: String) throws -> (data: JSONValue, policy: StateDict, optimizer: [(String, Tensor)]) {
        let file = FileIO.exists(path) ? path : resolvedPath(path)
        guard FileIO.exists(file) else { throw AgentError.file("no saved model at \(file) (save one with model.save(\"\(path)\"))") }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(file) } catch { throw AgentError.file("could not read \(file): \(error)") }
        let entries: [(name: String, bytes: [UInt8])]
        do { entries = try ZipArchive.read(bytes) } catch { throw AgentError.file("\(file) is not a saved rlbook model (not a valid zip: \(error))") }
        func member(_ name: String) throws -> [UInt8] {
            guard let e = entries.first(where: { $0.name == name }) else {
                throw AgentError.file("\(file) is not a saved rlbook model: it has no '\(name)' member" + (entries.contains { $0.name == "policy.pth" } ? " (it looks like a Stable-Baselines3 file with PyTorch weights, which rlbook cannot read)" : ""))
            }
            return e.bytes
        }
        let data: JSONValue
        do { data = try JSONValue.parse(try member("data")) } catch let e as AgentError { throw e } catch {
            throw AgentError.file("\(file) is corrupt: its 'data' member is not valid JSON (\(error))")
        }
        guard case .string(let algo)? = data["algorithm"] else { throw AgentError.file("\(file) is corrupt: 'data' names no algorithm") }
        guard algo == expect else {
            throw AgentError.file("\(file) holds a \(algo) model, not a \(expect) one: load it with \(algo).load(\"\(path)\")")
        }
        let policy: StateDict, optimizer: [(String, Tensor)]
        do {
            policy = StateDict(try Safetensors.decode(try member("policy.safetensors")).tensors)
            optimizer = try Safetensors.decode(try member("policy.optimizer.safetensors")).tensors
        } catch let e as AgentError { throw e } catch {
            throw AgentError.file("\(file) is corrupt: \(error)")
        }
        return (data, policy, optimizer)
    }

    /// A saved model opened for `load`: what the model is built from, then `restore(into:)`.
    struct Opened {
        let data: JSONValue
        let policy: StateDict
        let optimizer: [(String, Tensor)]
        let layout: ObservationLayout
        let action: ActionKind
        let policyName: String
        let learningRate: Double
        var config: JSONValue { data["config"] ?? .null }
        var policyKwargs: PolicyKwargs { ModelArchive.kwargs(data["policy_kwargs"]) }

        func restore(into model: BaseAlgorithm) throws {
            try ModelArchive.restore(model, data: data, policy: policy, optimizer: optimizer)
        }
    }

    /// Reads a saved `expect` model and checks it against `env` (SB3's `check_for_correct_spaces`).
    static func open(_ path: String, expect: String, env: VecEnv?, defaultLearningRate: Double) throws -> Opened {
        let (data, policy, optimizer) = try read(path, expect: expect)
        let layout = try ModelArchive.layout(data["observation_layout"]), action = try ModelArchive.action(data["action"])
        if let env { try check(env, layout: layout, action: action) }
        var lr = defaultLearningRate
        if case .number(let d)? = data["learning_rate"] { lr = d }
        var policyName = "MlpPolicy"
        if case .string(let s)? = data["policy_class"] { policyName = s }
        return Opened(data: data, policy: policy, optimizer: optimizer, layout: layout, action: action, policyName: policyName, learningRate: lr)
    }

    /// Restores what `save` stored into a freshly built model of the same shape.
    static func restore(_ model: BaseAlgorithm, data: JSONValue, policy: StateDict, optimizer: [(String, Tensor)]) throws {
        do { try model.policyModule.loadStateDict(policy) } catch {
            throw AgentError.file("the saved policy does not fit this model: \(error)")
        }
        for (i, o) in model.optimizers.enumerated() {
            let mine = optimizer.filter { $0.0.hasPrefix("\(i).") }.map { (String($0.0.dropFirst("\(i).".count)), $0.1) }
            if !mine.isEmpty { try o.loadStateTensors(mine) }
        }
        func num(_ k: String) -> Double? { if case .number(let d)? = data[k] { return d }; return nil }
        model.numTimesteps = Int(num("num_timesteps") ?? 0)
        model.nUpdates = Int(num("n_updates") ?? 0)
        model.episodeNum = Int(num("episode_num") ?? 0)
    }

    /// SB3's `check_for_correct_spaces`.
    static func check(_ env: VecEnv, layout: ObservationLayout, action: ActionKind) throws {
        guard env.layout == layout else {
            throw AgentError.unsupportedEnv("Observation spaces do not match: \(env.observationSpace) (shape \(env.layout.envShape)) != the saved model's (shape \(layout.envShape))")
        }
        let kind = try BaseAlgorithm.actionKind(env.actionSpace, algorithm: "", discreteOnly: false)
        guard kind == action else { throw AgentError.unsupportedEnv("Action spaces do not match: \(env.actionSpace) != the saved model's") }
    }

    static func layoutJSON(_ l: ObservationLayout) -> JSONValue {
        let shape = JSONValue.array(l.envShape.map { .number(Double($0)) })
        switch l.kind {
        case .image(let c, let h, let w, let t):
            return .object([("kind", .string("image")), ("channels", .number(Double(c))), ("height", .number(Double(h))),
                            ("width", .number(Double(w))), ("transposed", .bool(t)), ("env_shape", shape)])
        case .vector(let n): return .object([("kind", .string("vector")), ("size", .number(Double(n))), ("env_shape", shape)])
        case .oneHot(let n, let s): return .object([("kind", .string("one_hot")), ("n", .number(Double(n))), ("start", .number(Double(s))), ("env_shape", shape)])
        }
    }

    static func layout(_ j: JSONValue?) throws -> ObservationLayout {
        func num(_ k: String) -> Int? { if case .number(let d)? = j?[k] { return Int(d) }; return nil }
        var shape: [Int] = []
        if case .array(let a)? = j?["env_shape"] { shape = a.compactMap { if case .number(let d) = $0 { return Int(d) }; return nil } }
        switch j?["kind"] {
        case .string("image")?:
            guard let c = num("channels"), let h = num("height"), let w = num("width") else { break }
            var t = false
            if case .bool(let b)? = j?["transposed"] { t = b }
            return ObservationLayout(kind: .image(channels: c, height: h, width: w, transposed: t), envShape: shape)
        case .string("vector")?:
            if let n = num("size") { return ObservationLayout(kind: .vector(n), envShape: shape) }
        case .string("one_hot")?:
            if let n = num("n") { return ObservationLayout(kind: .oneHot(n: n, start: num("start") ?? 0), envShape: shape) }
        default: break
        }
        throw AgentError.file("the saved model's observation layout is missing or corrupt")
    }

    static func actionJSON(_ a: ActionKind) -> JSONValue {
        switch a {
        case .discrete(let n, let s): return .object([("kind", .string("discrete")), ("n", .number(Double(n))), ("start", .number(Double(s)))])
        case .continuous(let d, let lo, let hi):
            return .object([("kind", .string("continuous")), ("dim", .number(Double(d))),
                            ("low", .array(lo.map { .number($0) })), ("high", .array(hi.map { .number($0) }))])
        }
    }

    static func action(_ j: JSONValue?) throws -> ActionKind {
        func num(_ k: String) -> Int? { if case .number(let d)? = j?[k] { return Int(d) }; return nil }
        func nums(_ k: String) -> [Double] { if case .array(let a)? = j?[k] { return a.compactMap { if case .number(let d) = $0 { return d }; return nil } }; return [] }
        switch j?["kind"] {
        case .string("discrete")?: if let n = num("n") { return .discrete(n: n, start: num("start") ?? 0) }
        case .string("continuous")?: if let d = num("dim") { return .continuous(dim: d, low: nums("low"), high: nums("high")) }
        default: break
        }
        throw AgentError.file("the saved model's action space is missing or corrupt")
    }

    static func kwargsJSON(_ k: PolicyKwargs) -> JSONValue {
        .object([("net_arch_pi", k.netArchPi.map { .array($0.map { .number(Double($0)) }) } ?? .null),
                 ("net_arch_vf", k.netArchVf.map { .array($0.map { .number(Double($0)) }) } ?? .null),
                 ("activation_fn", k.activation.map { .string($0.rawValue) } ?? .null), ("ortho_init", .bool(k.orthoInit)),
                 ("log_std_init", .number(k.logStdInit)), ("features_dim", .number(Double(k.featuresDim))),
                 ("normalize_images", .bool(k.normalizeImages))])
    }

    static func kwargs(_ j: JSONValue?) -> PolicyKwargs {
        var k = PolicyKwargs()
        func ints(_ key: String) -> [Int]? { if case .array(let a)? = j?[key] { return a.compactMap { if case .number(let d) = $0 { return Int(d) }; return nil } }; return nil }
        k.netArchPi = ints("net_arch_pi")
        k.netArchVf = ints("net_arch_vf")
        if case .string(let s)? = j?["activation_fn"] { k.activation = Activation(rawValue: s) }
        if case .bool(let b)? = j?["ortho_init"] { k.orthoInit = b }
        if case .number(let d)? = j?["log_std_init"] { k.logStdInit = d }
        if case .number(let d)? = j?["features_dim"] { k.featuresDim = Int(d) }
        if case .bool(let b)? = j?["normalize_images"] { k.normalizeImages = b }
        return k
    }

    static func systemInfo() -> String {
        #if os(Linux)
        let osName = "Linux"
        #else
        let osName = "Darwin"
        #endif
        return "- OS: \(osName)\n- rlbook: \(version)\n- Accelerator: cpu\n"
    }
}
