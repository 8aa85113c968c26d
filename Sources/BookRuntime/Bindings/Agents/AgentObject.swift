import BookDSL
import RLSupport
import BookReport
import RLAgents
import RLEnv
import RLTensor

/// A DQN, PPO or A2C model as cells see it (SB3's names, camelCased):
///
/// ```swift
/// model.learn(totalTimesteps: 20_000, callback: evalCallback, progressBar: true)
/// let (action, _) = model.predict(obs, deterministic: true)
/// model.save("Saved_Models/dqn_final")            // Saved_Models/dqn_final.zip in the report folder
/// print(model.policy)                             // the network, printed as PyTorch prints it
/// ```
final class AgentObject: NativeObject, CacheConstructible {
    let model: BaseAlgorithm
    let session: RunSession
    private var envObject: Value?
    /// The call that made this agent (`DQN(policy:env:...)`, `DQN.load(...)`): how the cell cache makes it again.
    var construction: EngineConstruction?

    init(_ model: BaseAlgorithm, session: RunSession) {
        self.model = model
        self.session = session
    }

    var typeName: String { model.algorithmName }
    var description: String { "<\(model.algorithmName) \(model.policyName), \(model.numTimesteps) timesteps>" }
    var memberNames: [String] {
        ["learn", "predict", "save", "getEnv", "setEnv", "env", "policy", "numTimesteps", "explorationRate", "learningRate",
         "tensorboardLogDir", "episodeRewards", "replayBuffer", "replayBufferBytesPerTransition", "setLogger", "verbose", "seed", "device"]
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "env": return try envValue()
        case "policy": return .native(ModuleObject(model.policyModule))
        case "numTimesteps": return .int(model.numTimesteps)
        case "explorationRate": return (model as? DQN).map { .double($0.explorationRate) } ?? .nilValue
        case "learningRate": return .double((try? model.learningRate(model.progressRemaining, what: "learning rate")) ?? 0)
        case "tensorboardLogDir": return model.tensorboardRunDir.map { .string($0) } ?? .nilValue
        case "episodeRewards": return .array(model.env?.episodeHistory.map { .double($0.reward) } ?? [])
        case "replayBufferBytesPerTransition": return (model as? DQN).map { .double($0.replayBuffer.bytesPerTransition) } ?? .nilValue
        case "replayBuffer": return (model as? DQN).map { .native(ReplayBufferObject($0.replayBuffer)) } ?? .nilValue
        case "verbose": return .int(model.verbose)
        case "seed": return model.seed.map { .int($0) } ?? .nilValue
        case "device": return .string(model.device)
        default: return nil
        }
    }

    func setMember(_ name: String, _ value: Value) throws -> Bool {
        guard name == "verbose" else { return false }
        guard let v = value.asInt else { throw BindingError("verbose must be an Int (0, 1 or 2)") }
        model.verbose = v
        return true
    }

    func envValue() throws -> Value {
        guard let env = model.env else { return .nilValue }
        if let v = envObject, case .native(let o) = v, (o as? AgentVecEnvObject)?.env === env { return v }
        let o = AgentVecEnvObject(env)
        o.owner = self
        let v = Value.native(o)
        envObject = v
        return v
    }

    func cacheState() throws -> [UInt8] { try model.trainingState().encoded() }

    func restoreCacheState(_ bytes: [UInt8]) throws { try model.restoreTrainingState(try TrainingState.decode(bytes)) }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "learn": return try learn(args)
        case "predict": return try predict(args)
        case "getEnv":
            try args.expect(name, "")
            return try envValue()
        case "setEnv":
            guard let v = args.value(nil) else { throw BindingError("setEnv needs an environment") }
            try model.setEnv(try AgentBindings.vecEnv(v, args, verbose: 0, output: model.output, function: "setEnv"))
            return .void
        case "save":
            try AgentArguments.check(args, "save", allowed: ["path"], positional: 1)
            guard let p = AgentArguments.value(args, "path", index: 0)?.asString else { throw BindingError("save needs a path: model.save(\"Saved_Models/dqn_final\")") }
            try model.save(try session.resolve(p))
            return .void
        case "setLogger":
            try AgentArguments.check(args, "setLogger", allowed: ["folder", "formats"], positional: 2)
            let folder = AgentArguments.value(args, "folder", index: 0)?.asString
            let formats = (AgentArguments.value(args, "formats", index: 1)?.asArray ?? [.string("stdout"), .string("csv")]).compactMap { $0.asString }
            model.customLogger = try Logger.configure(folder: try folder.map { try session.resolve($0) }, formats: formats,
                                                      displayFolder: folder, write: model.output)
            return .void
        default: return nil
        }
    }

    func learn(_ args: Arguments) throws -> Value {
        try AgentArguments.check(args, "learn", allowed: ["totalTimesteps", "callback", "logInterval", "tbLogName", "resetNumTimesteps", "progressBar"], positional: 1)
        guard let total = AgentArguments.value(args, "totalTimesteps", index: 0)?.asInt else {
            throw BindingError("learn needs totalTimesteps: model.learn(totalTimesteps: 10_000)")
        }
        let user = try AgentBindings.callback(AgentArguments.value(args, "callback"), args)
        // Ctrl-C and the cell's timeout stop training between steps.
        let interp = args.interpreter
        // ... and the live report shows the training's progress (steps, steps/s, time left).
        let model = self.model, session = self.session
        session.restartProgressClock()
        var lastReport = -Double.infinity
        let stop = FunctionCallback { _, _ in
            try interp?.checkStop()
            let now = Clock.monotonic()
            if now - lastReport >= 0.5 {
                lastReport = now
                session.reportProgress(done: model.numTimesteps, total: model.totalTimesteps)
            }
            return true
        }
        let cb: BaseCallback = user.map { CallbackList([stop, $0]) } ?? stop
        // Training checkpoints (`--checkpoint-every`), and `--resume` continuing from the last one.
        var store: LearnCheckpointFile?
        if var plan = session.learnCheckpoints, plan.interval > 0 || plan.resume {
            plan.calls += 1
            session.learnCheckpoints = plan
            store = LearnCheckpointFile(folder: plan.folder, cellKey: plan.cellKey, call: plan.calls, interval: plan.interval > 0 ? plan.interval : .infinity,
                                        resume: plan.resume, output: model.output, say: { Platform.writeStandardError($0) })
        }
        let originalOutput = model.output
        if let store {
            model.output = { s in store.transcript += s; originalOutput(s) }
            model.checkpointStore = store
        }
        defer { model.output = originalOutput; model.checkpointStore = nil }
        let progressBar = try args.bool("progressBar", default: false)
        let reset = try args.bool("resetNumTimesteps", default: true)
        let tb = AgentArguments.value(args, "tbLogName")?.asString
        switch model {
        case let m as DQN:
            try m.learn(totalTimesteps: total, callback: cb, logInterval: try args.int("logInterval", default: 4), tbLogName: tb,
                        resetNumTimesteps: reset, progressBar: progressBar)
        case let m as PPO:
            try m.learn(totalTimesteps: total, callback: cb, logInterval: try args.int("logInterval", default: 1), tbLogName: tb,
                        resetNumTimesteps: reset, progressBar: progressBar)
        case let m as A2C:
            try m.learn(totalTimesteps: total, callback: cb, logInterval: try args.int("logInterval", default: 100), tbLogName: tb,
                        resetNumTimesteps: reset, progressBar: progressBar)
        case let m as REINFORCE:
            try m.learn(totalTimesteps: total, callback: cb, logInterval: try args.int("logInterval", default: 100), progressBar: progressBar)
        default: throw BindingError("\(model.algorithmName) cannot learn")
        }
        // The TensorBoard run is among the files this cell wrote (the cell cache puts them back on a hit).
        if let run = model.tensorboardRunDir { _ = try? session.path(run, for: .write) }
        return .native(self)
    }

    /// `predict(obs, deterministic:)` → `(action, nil)`; a batch of observations gives a batch of actions.
    func predict(_ args: Arguments) throws -> Value {
        try AgentArguments.check(args, "predict", allowed: ["observation", "state", "episodeStart", "deterministic"], positional: 1)
        guard let v = AgentArguments.value(args, "observation", index: 0) else { throw BindingError("predict needs an observation") }
        let deterministic = try args.bool("deterministic", default: false)
        let layout = model.layout
        if let t = v.tensor, t.rank == layout.envShape.count + 1, !layout.envShape.isEmpty {
            var batch = ObservationBatch(layout: layout)
            let flat = EnvConversion.envArray(t.contiguous())
            let per = layout.envShape.reduce(1, *)
            let scalars = flat.scalars
            for i in 0..<t.shape[0] {
                try layout.append(.array(EnvArray(Array(scalars[(i * per)..<((i + 1) * per)]), shape: layout.envShape, dtype: flat.dtype)), to: &batch)
            }
            let actions = try model.predict(batch: batch, deterministic: deterministic)
            return .tuple(TupleBox.make([try AgentObject.batchedActions(actions), .nilValue]))
        }
        let obs: EnvValue
        if let t = v.tensor { obs = .array(EnvConversion.envArray(t)) } else if let i = v.asInt { obs = .int(i) } else { obs = try EnvConversion.envValue(v) }
        let action = try model.predict(obs, deterministic: deterministic)
        return .tuple(TupleBox.make([try EnvConversion.value(action), .nilValue]))
    }

    static func batchedActions(_ actions: [EnvValue]) throws -> Value {
        if actions.allSatisfy({ $0.intValue != nil }) {
            return TensorObject.value(try Tensor(actions.map { Int64($0.intValue!) }, shape: [actions.count]))
        }
        let rows = actions.map { $0.scalars.map { Float($0) } }
        return TensorObject.value(try Tensor(rows.flatMap { $0 }, shape: [rows.count, rows.first?.count ?? 0]))
    }
}

/// `DQN`, `PPO`, `A2C` as values: call to construct, `.load(path, env:)` to load.
final class AgentTypeObject: NativeObject {
    let name: String
    let make: (Arguments) throws -> Value
    let load: (Arguments) throws -> Value
    init(name: String, make: @escaping (Arguments) throws -> Value, load: @escaping (Arguments) throws -> Value) {
        self.name = name; self.make = make; self.load = load
    }
    var typeName: String { "\(name).Type" }
    var description: String { "<class '\(name)'>" }
    var memberNames: [String] { ["load"] }
    func callAsFunction(_ args: Arguments) throws -> Value? { try make(args) }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? { name == "load" ? try load(args) : nil }
}
