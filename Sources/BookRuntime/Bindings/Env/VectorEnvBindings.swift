import BookDSL
import RLEnv
import RLSupport

/// `SyncVectorEnv([...])`, `AsyncVectorEnv([...])` and the vector part of `gym.makeVec`.
enum VectorEnvBindings {
    static let autoresetNames: [String: AutoresetMode] = [
        "nextStep": .nextStep, "NextStep": .nextStep, "NEXT_STEP": .nextStep, "next_step": .nextStep,
        "sameStep": .sameStep, "SameStep": .sameStep, "SAME_STEP": .sameStep, "same_step": .sameStep,
        "disabled": .disabled, "Disabled": .disabled, "DISABLED": .disabled,
    ]

    /// The most sub-environments a vector env may have.
    static let maxEnvs = 65_536

    /// `autoresetMode: .sameStep` / `"nextStep"`.
    static func autoresetMode(_ v: Value?) throws -> AutoresetMode {
        guard let v, let u = v.unwrapped else { return .nextStep }
        guard let name = u.symbolName, let mode = autoresetNames[name] else {
            let given = u.symbolName ?? u.typeName
            throw BindingError("unknown autoresetMode '\(given)'; use .nextStep, .sameStep or .disabled\(DidYouMean.suggest(given, from: ["nextStep", "sameStep", "disabled"]).map { "; did you mean '.\($0)'?" } ?? "")")
        }
        return mode
    }

    /// Environments from an array of env values or closures returning one (Gymnasium's `env_fns`).
    static func envs(_ v: Value?, _ args: Arguments, function: String) throws -> [Env] {
        guard let items = v?.unwrapped?.asArray, !items.isEmpty else {
            throw BindingError("\(function) takes a non-empty array of environments or closures making them, e.g. \(function)([{ gym.make(\"CartPole-v1\") }, { gym.make(\"CartPole-v1\") }])")
        }
        return try items.map { item in
            if case .function = item {
                guard let interp = args.interpreter else { throw BindingError("no interpreter to call the environment closure") }
                return try WrapperBindings.env(try interp.call(item, []), args, function: function)
            }
            return try WrapperBindings.env(item, args, function: function)
        }
    }

    /// A threaded vector env, refused for environments that run cell code.
    static func async(_ envs: [Env], autoresetMode: AutoresetMode) throws -> VectorEnv {
        if envs.contains(where: { CellEnv.runsCellCode($0) }) {
            throw BindingError("AsyncVectorEnv runs environments on worker threads, but these run cell code (a cell-defined env or a wrapper with a closure), which must stay on the cell's thread; use vectorizationMode: \"sync\" / SyncVectorEnv")
        }
        return try ThreadedVectorEnv(envs: envs, autoresetMode: autoresetMode)
    }

    static var functions: [EnvHostFunction] {
        [
            EnvHostFunction("SyncVectorEnv", "_, autoresetMode?") { a in
                .native(VectorEnvObject(try SyncVectorEnv(envs: try envs(a.value(nil), a, function: "SyncVectorEnv"),
                                                          autoresetMode: try autoresetMode(a.value("autoresetMode")))))
            },
            EnvHostFunction("AsyncVectorEnv", "_, autoresetMode?") { a in
                .native(VectorEnvObject(try async(try envs(a.value(nil), a, function: "AsyncVectorEnv"),
                                                  autoresetMode: try autoresetMode(a.value("autoresetMode")))))
            },
        ]
    }

    /// `gym.makeVec(id, numEnvs:, vectorizationMode:, autoresetMode:, wrappers:, kwargs...)`.
    static func makeVec(_ args: Arguments, seeder: EnvSeeder) throws -> Value {
        guard let id = args.value(nil)?.asString else { throw BindingError("gym.makeVec needs an environment id, e.g. gym.makeVec(\"CartPole-v1\", numEnvs: 4)") }
        var kwargs: [String: EnvArg] = [:]
        var numEnvs = 1
        var mode: String?
        var autoreset = AutoresetMode.nextStep
        var wrappers: [Value] = []
        for (v, l) in zip(args.values, args.labels) {
            guard let l else { continue }
            switch l {
            case "numEnvs": numEnvs = try args.int("numEnvs")
            case "vectorizationMode": mode = try args.string("vectorizationMode", default: nil)
            case "autoresetMode": autoreset = try autoresetMode(v)
            case "wrappers":
                guard let items = v.unwrapped?.asArray ?? (v.unwrapped.map { [$0] }) else { continue }
                wrappers = items
            default: kwargs[l] = try EnvConversion.arg(v, name: l)
            }
        }
        if args.positional.count > 1 { throw BindingError("gym.makeVec takes one id; other arguments need labels (numEnvs:, vectorizationMode:, ...)") }
        guard numEnvs > 0 else { throw BindingError("numEnvs must be positive, got \(numEnvs)") }
        guard numEnvs <= maxEnvs else { throw BindingError("numEnvs \(numEnvs) is more than rlbook allows (\(maxEnvs))") }
        if let m = mode, !["sync", "async", "vector_entry_point"].contains(m) {
            throw BindingError("Invalid vectorization mode: '\(m)', valid modes: ['async', 'sync', 'vector_entry_point']\(DidYouMean.suggest(m, from: ["async", "sync", "vector_entry_point"]).map { "; did you mean '\($0)'?" } ?? "")")
        }
        if mode == "vector_entry_point", let spec = try? Gym.findSpec(id), spec.name == "CarRacing", spec.namespace == nil {
            guard wrappers.isEmpty else { throw BindingError("wrappers: cannot be applied with vectorizationMode: \"vector_entry_point\"; use \"sync\" or \"async\"") }
            guard autoreset == .nextStep else { throw BindingError("CarRacing's vector entry point only supports autoresetMode: .nextStep") }
            let vec = try CarRacingVectorEnv(numEnvs: numEnvs, spec: spec, kwargs: kwargs)
            seeder.seed(vec)
            return .native(VectorEnvObject(vec))
        }
        if wrappers.isEmpty && mode != "async" {
            let vec = try Gym.makeVec(id, numEnvs: numEnvs, vectorizationMode: mode, autoresetMode: autoreset, kwargs: kwargs)
            seeder.seed(vec)
            return .native(VectorEnvObject(vec))
        }
        if mode == "vector_entry_point" { throw BindingError("wrappers: cannot be applied with vectorizationMode: \"vector_entry_point\"; use \"sync\" or \"async\"") }
        let spec = try Gym.findSpec(id)
        var envs: [Env] = []
        for _ in 0..<numEnvs {
            try Cancellation.checkpoint()
            var env = try Gym.make(spec: spec, kwargs: kwargs)
            if !(env.unwrapped is CellEnv) { seeder.seed(env) }
            for w in wrappers {
                guard case .function = w, let interp = args.interpreter else {
                    throw BindingError("wrappers must be closures taking and returning an env, e.g. wrappers: [{ GrayscaleObservation($0) }]")
                }
                env = try WrapperBindings.env(try interp.call(w, [EnvObject.value(env)]), args, function: "gym.makeVec wrappers")
            }
            envs.append(env)
        }
        let vec = mode == "async" ? try async(envs, autoresetMode: autoreset) : try SyncVectorEnv(envs: envs, autoresetMode: autoreset)
        vec.spec = spec
        if let s = seeder.next() { _ = try? vec.actionSpace.seed(s) }
        return .native(VectorEnvObject(vec))
    }
}
