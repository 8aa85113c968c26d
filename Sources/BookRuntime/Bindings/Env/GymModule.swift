import BookDSL
import RLEnv
import RLSupport

/// The `gym` global: Gymnasium's top-level functions with camelCased keyword arguments.
///
/// ```swift
/// let env = gym.make("CarRacing-v3", continuous: false, renderMode: "rgb_array")
/// let envs = gym.makeVec("CartPole-v1", numEnvs: 8, vectorizationMode: "sync")
/// for id in gym.registry.keys { print(id) }
/// print(gym.spec("CartPole-v1"))
/// gym.register(id: "Corridor-v0", entryPoint: Corridor, maxEpisodeSteps: 50)
/// ```
///
/// `gym.spaces.X`, `gym.wrappers.X` and `gym.vector.X` reach the same functions as the globals.
final class GymModule: NativeObject {
    let spaces: EnvNamespace
    let wrappers: EnvNamespace
    let vector: EnvNamespace
    let registryObject = RegistryObject(Gym.registry)
    /// Seeds envs made without explicit seeds from the book seed.
    let seeder: EnvSeeder

    init(spaces: [EnvHostFunction], wrappers: [EnvHostFunction], vector: [EnvHostFunction], seeder: EnvSeeder) {
        self.seeder = seeder
        self.spaces = EnvNamespace("gym.spaces", spaces)
        self.wrappers = EnvNamespace("gym.wrappers", wrappers)
        self.vector = EnvNamespace("gym.vector", vector)
    }

    var typeName: String { "gym" }
    var description: String { "<module 'gymnasium'>" }
    var memberNames: [String] {
        ["make", "makeVec", "registry", "register", "spec", "pprintRegistry", "spaces", "wrappers", "vector", "warnings"]
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "registry": return .native(registryObject)
        case "spaces": return .native(spaces)
        case "wrappers": return .native(wrappers)
        case "vector": return .native(vector)
        case "warnings": return .array(Gym.warnings.map { .string($0) })
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "make": return try make(args)
        case "makeVec": return try VectorEnvBindings.makeVec(args, seeder: seeder)
        case "spec": return .native(EnvSpecObject(try Gym.spec(try args.string(nil))))
        case "pprintRegistry":
            args.interpreter?.output(Gym.registry.pprint(numCols: try args.int("numCols", default: 3)) + "\n")
            return .void
        case "register": return try register(args)
        default: return nil
        }
    }

    /// `gym.make(id or spec, maxEpisodeSteps:, disableEnvChecker:, kwargs...)`.
    func make(_ args: Arguments) throws -> Value {
        guard let first = args.value(nil) else {
            throw BindingError("gym.make needs an environment id, e.g. gym.make(\"CartPole-v1\")")
        }
        let (kwargs, maxSteps, disable) = try GymModule.makeOptions(args, positionalAllowed: 1)
        if case .native(let o) = first, let s = o as? EnvSpecObject {
            return seeded(try Gym.make(spec: s.spec, orderedKwargs: kwargs, maxEpisodeSteps: maxSteps, disableEnvChecker: disable))
        }
        guard let id = first.asString else {
            throw BindingError("gym.make takes an environment id (String) or an EnvSpec, got a value of type '\(first.typeName)'")
        }
        return seeded(try Gym.make(id, orderedKwargs: kwargs, maxEpisodeSteps: maxSteps, disableEnvChecker: disable))
    }

    /// A new env, seeded from the book seed (cell-defined envs keep their own randomness).
    func seeded(_ env: Env) -> Value {
        if !(env.unwrapped is CellEnv) { seeder.seed(env) }
        return EnvObject.value(env)
    }

    /// Splits `gym.make`'s labelled arguments into Gymnasium kwargs and `make`'s own parameters.
    /// Keyword arguments in call order (the spec prints them so), `maxEpisodeSteps`, `disableEnvChecker`.
    static func makeOptions(_ args: Arguments, positionalAllowed: Int) throws -> ([(String, EnvArg)], Int?, Bool?) {
        if args.positional.count > positionalAllowed {
            throw BindingError("extra unlabelled argument in call to make; keyword arguments need labels, e.g. renderMode: \"rgb_array\"")
        }
        var kwargs: [(String, EnvArg)] = []
        var maxSteps: Int?
        var disable: Bool?
        for (v, l) in zip(args.values, args.labels) {
            guard let l else { continue }
            switch l {
            case "maxEpisodeSteps":
                if let u = v.unwrapped {
                    guard let i = u.asInt else { throw BindingError("maxEpisodeSteps must be an Int, got '\(u.typeName)'") }
                    maxSteps = i
                }
            case "disableEnvChecker":
                if let u = v.unwrapped {
                    guard let b = u.asBool else { throw BindingError("disableEnvChecker must be a Bool, got '\(u.typeName)'") }
                    disable = b
                }
            default:
                kwargs.append((l, try EnvConversion.arg(v, name: l)))
            }
        }
        return (kwargs, maxSteps, disable)
    }

    /// `gym.register(id:entryPoint:maxEpisodeSteps:rewardThreshold:nondeterministic:orderEnforce:disableEnvChecker:kwargs:)`.
    ///
    /// `entryPoint` is a cell class (an env class: instances are made with `ClassName()`), a closure
    /// returning an env, or the entry-point string of a registered environment (`kwargs:` then gives
    /// its default keyword arguments).
    func register(_ args: Arguments) throws -> Value {
        try EnvObject.checkLabels(args, allowed: ["id", "entryPoint", "maxEpisodeSteps", "rewardThreshold", "nondeterministic",
                                                  "orderEnforce", "disableEnvChecker", "kwargs"],
                                  method: "register(id:entryPoint:maxEpisodeSteps:rewardThreshold:nondeterministic:orderEnforce:disableEnvChecker:kwargs:)")
        let id = try args.string("id")
        guard let entry = args.value("entryPoint")?.unwrapped else { throw HostError.missing("entryPoint") }
        let maxSteps = args.value("maxEpisodeSteps")?.unwrapped.map { $0.asInt } ?? nil
        let threshold = try args.value("rewardThreshold")?.unwrapped.map { try EnvConversion.arg($0, name: "rewardThreshold") }
        let nondeterministic = try args.bool("nondeterministic", default: false)
        let orderEnforce = try args.bool("orderEnforce", default: true)
        let disableChecker = try args.bool("disableEnvChecker", default: false)
        var kwargs: [(String, EnvArg)] = []
        if let k = args.value("kwargs")?.unwrapped {
            guard case .dict(let d) = k else { throw BindingError("kwargs must be a dictionary such as [\"mapName\": \"8x8\"]") }
            for (key, v) in zip(d.keys, d.values) {
                guard let name = key.asString else { throw BindingError("kwargs keys must be Strings") }
                kwargs.append((name, try EnvConversion.arg(v, name: name)))
            }
        }
        if let ep = entry.asString {
            guard Gym.registry.creator(for: ep) != nil else {
                let known = Set(Gym.registry.values.compactMap { $0.entryPoint })
                throw BindingError("no environment implementation for entry point '\(ep)'\(DidYouMean.suggest(ep, from: known).map { "; did you mean '\($0)'?" } ?? "")")
            }
            let spec = try EnvSpec(id: id, entryPoint: ep, rewardThreshold: threshold, nondeterministic: nondeterministic,
                                   maxEpisodeSteps: maxSteps, orderEnforce: orderEnforce, disableEnvChecker: disableChecker, kwargs: kwargs)
            Gym.registry.register(spec)
            return .void
        }
        let isType: Bool
        switch entry {
        case .type: isType = true
        case .function: isType = false
        default:
            throw BindingError("entryPoint must be an environment class, a closure returning an environment, or an entry-point String; got a value of type '\(entry.typeName)'")
        }
        guard kwargs.isEmpty else {
            throw BindingError("kwargs: are not supported for environments defined in cells; give the class's properties default values instead")
        }
        weak let interp = args.interpreter
        let typeName = isType ? String(entry.typeName.dropLast(entry.typeName.hasSuffix(".Type") ? 5 : 0)) : id
        try Gym.register(id: id, entryPoint: isType ? "__main__:\(typeName)" : nil, rewardThreshold: threshold,
                         nondeterministic: nondeterministic, maxEpisodeSteps: maxSteps, orderEnforce: orderEnforce,
                         disableEnvChecker: disableChecker, kwargNames: ["renderMode"], renderModes: ["rgb_array"]) { k in
            guard let interp else { throw BindingError("the interpreter that registered \(id) is gone") }
            let made = try interp.call(entry, [])
            let env = try WrapperBindings.env(made, Arguments([], interpreter: interp), function: "gym.make(\"\(id)\")")
            if let mode = try k.renderMode() {
                guard let cell = env as? CellEnv else {
                    throw BindingError("renderMode: cannot be passed to \(id); create the env with the render mode inside the closure")
                }
                try cell.setRenderMode(mode)
            }
            return env
        }
        return .void
    }
}
