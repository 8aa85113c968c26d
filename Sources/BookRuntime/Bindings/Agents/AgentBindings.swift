import BookDSL
import RLAgents
import RLEnv
import RLSupport

/// Cell bindings for SB3-style agents: `DQN`, `PPO`, `A2C` (construct, `.load`), callbacks,
/// `evaluatePolicy`, `makeVecEnv`, and reading TensorBoard runs back (`tensorboardScalars`).
///
/// Agent and callback arguments are SB3's keyword arguments camelCased, accepted in any order.
/// An agent given no `seed:` takes the book's seed, so a book run is reproducible.
enum AgentBindings {
    static let names = ["DQN", "PPO", "A2C", "REINFORCE", "EvalCallback", "CheckpointCallback", "StopTrainingOnRewardThreshold", "CallbackList",
                        "evaluatePolicy", "makeVecEnv", "tensorboardScalars"]

    static let common = ["policy", "env", "learningRate", "policyKwargs", "tensorboardLog", "verbose", "seed", "device", "statsWindowSize"]

    static func install(into interpreter: Interpreter, session: RunSession) {
        func output(_ args: Arguments) -> (String) -> Void {
            let interp = args.interpreter
            return { s in interp?.output(s) }
        }
        func agent(_ name: String, extra: [String], build: @escaping (Arguments, String, VecEnv, Schedule, PolicyKwargs, String?, Int, Int?, String, @escaping (String) -> Void) throws -> BaseAlgorithm,
                   load: @escaping (String, VecEnv?, Int, @escaping (String) -> Void) throws -> BaseAlgorithm, lrDefault: Double) {
            let make: (Arguments) throws -> Value = { args in
                try AgentArguments.check(args, name, allowed: common + extra, positional: 2)
                guard let policy = AgentArguments.value(args, "policy", index: 0)?.asString else {
                    throw BindingError("\(name) needs a policy: \(name)(policy: \"MlpPolicy\", env: env)")
                }
                guard let envValue = AgentArguments.value(args, "env", index: 1) else {
                    throw BindingError("\(name) needs an environment: \(name)(policy: \"\(policy)\", env: env)")
                }
                let verbose = try args.int("verbose", default: 0)
                let out = output(args)
                let device = try args.string("device", default: "auto")
                if verbose >= 1 { out("Using cpu device\n") }
                let env = try vecEnv(envValue, args, verbose: verbose, output: out, function: name)
                let lr = try AgentArguments.schedule(args.value("learningRate"), default: lrDefault, what: "learning rate", interpreter: args.interpreter)
                let tb = AgentArguments.value(args, "tensorboardLog")?.asString
                let seed = try AgentArguments.value(args, "seed").map { v -> Int in
                    guard let i = v.asInt else { throw BindingError("seed must be an Int") }
                    return i
                } ?? session.seed
                let model = try build(args, policy, env, lr, try AgentArguments.policyKwargs(args.value("policyKwargs")), tb, verbose, seed, device, out)
                if let w = AgentArguments.value(args, "statsWindowSize")?.asInt { model.statsWindowSize = max(1, w) }
                model.fileRoot = session.outDir
                let agent = AgentObject(model, session: session)
                agent.construction = EngineConstruction(.global(name, member: nil), args)
                return .native(agent)
            }
            let loadFn: (Arguments) throws -> Value = { args in
                try AgentArguments.check(args, "\(name).load", allowed: ["path", "env", "verbose"], positional: 1)
                guard let p = AgentArguments.value(args, "path", index: 0)?.asString else {
                    throw BindingError("\(name).load needs a path: \(name).load(\"Saved_Models/best_model\", env: env)")
                }
                let out = output(args)
                let verbose = try args.int("verbose", default: 0)
                let env = try AgentArguments.value(args, "env").map { try vecEnv($0, args, verbose: verbose, output: out, function: "\(name).load") }
                let model = try load(try session.path(p, for: .read), env, verbose, out)
                model.fileRoot = session.outDir
                let agent = AgentObject(model, session: session)
                agent.construction = EngineConstruction(.global(name, member: "load"), args)
                return .native(agent)
            }
            interpreter.defineGlobal(name, .native(AgentTypeObject(name: name, make: make, load: loadFn)))
        }

        agent("DQN", extra: ["bufferSize", "learningStarts", "batchSize", "tau", "gamma", "trainFreq", "gradientSteps", "targetUpdateInterval",
                             "explorationFraction", "explorationInitialEps", "explorationFinalEps", "maxGradNorm", "doubleQ", "optimizeMemoryUsage"],
              build: { a, policy, env, lr, kw, tb, verbose, seed, device, out in
                  var c = DQN.Config()
                  c.bufferSize = try a.int("bufferSize", default: c.bufferSize)
                  c.learningStarts = try a.int("learningStarts", default: c.learningStarts)
                  c.batchSize = try a.int("batchSize", default: c.batchSize)
                  c.tau = try a.double("tau", default: c.tau)
                  c.gamma = try a.double("gamma", default: c.gamma)
                  c.trainFreq = try trainFreq(a.value("trainFreq"), default: c.trainFreq)
                  c.gradientSteps = try a.int("gradientSteps", default: c.gradientSteps)
                  c.targetUpdateInterval = try a.int("targetUpdateInterval", default: c.targetUpdateInterval)
                  c.explorationFraction = try a.double("explorationFraction", default: c.explorationFraction)
                  c.explorationInitialEps = try a.double("explorationInitialEps", default: c.explorationInitialEps)
                  c.explorationFinalEps = try a.double("explorationFinalEps", default: c.explorationFinalEps)
                  c.maxGradNorm = try a.double("maxGradNorm", default: c.maxGradNorm)
                  c.doubleQ = try a.bool("doubleQ", default: false)
                  return try DQN(policy: policy, env: env, learningRate: lr, config: c, policyKwargs: kw, tensorboardLog: tb,
                                 verbose: verbose, seed: seed, device: device, output: out)
              }, load: { try DQN.load($0, env: $1, verbose: $2, output: $3) }, lrDefault: 1e-4)

        agent("PPO", extra: ["nSteps", "batchSize", "nEpochs", "gamma", "gaeLambda", "clipRange", "clipRangeVf", "normalizeAdvantage",
                             "entCoef", "vfCoef", "maxGradNorm", "targetKl"],
              build: { a, policy, env, lr, kw, tb, verbose, seed, device, out in
                  var c = PPO.Config()
                  c.nSteps = try a.int("nSteps", default: c.nSteps)
                  c.batchSize = try a.int("batchSize", default: c.batchSize)
                  c.nEpochs = try a.int("nEpochs", default: c.nEpochs)
                  c.gamma = try a.double("gamma", default: c.gamma)
                  c.gaeLambda = try a.double("gaeLambda", default: c.gaeLambda)
                  c.clipRange = try AgentArguments.schedule(a.value("clipRange"), default: 0.2, what: "clip range", interpreter: a.interpreter)
                  if let v = AgentArguments.value(a, "clipRangeVf") {
                      c.clipRangeVf = try AgentArguments.schedule(v, default: 0, what: "value clip range", interpreter: a.interpreter)
                  }
                  c.normalizeAdvantage = try a.bool("normalizeAdvantage", default: true)
                  c.entCoef = try a.double("entCoef", default: c.entCoef)
                  c.vfCoef = try a.double("vfCoef", default: c.vfCoef)
                  c.maxGradNorm = try a.double("maxGradNorm", default: c.maxGradNorm)
                  if AgentArguments.value(a, "targetKl") != nil { c.targetKl = try a.double("targetKl") }
                  return try PPO(policy: policy, env: env, learningRate: lr, config: c, policyKwargs: kw, tensorboardLog: tb,
                                 verbose: verbose, seed: seed, device: device, output: out)
              }, load: { try PPO.load($0, env: $1, verbose: $2, output: $3) }, lrDefault: 3e-4)

        agent("A2C", extra: ["nSteps", "gamma", "gaeLambda", "entCoef", "vfCoef", "maxGradNorm", "rmsPropEps", "useRmsProp", "normalizeAdvantage"],
              build: { a, policy, env, lr, kw, tb, verbose, seed, device, out in
                  var c = A2C.Config()
                  c.nSteps = try a.int("nSteps", default: c.nSteps)
                  c.gamma = try a.double("gamma", default: c.gamma)
                  c.gaeLambda = try a.double("gaeLambda", default: c.gaeLambda)
                  c.entCoef = try a.double("entCoef", default: c.entCoef)
                  c.vfCoef = try a.double("vfCoef", default: c.vfCoef)
                  c.maxGradNorm = try a.double("maxGradNorm", default: c.maxGradNorm)
                  c.rmsPropEps = try a.double("rmsPropEps", default: c.rmsPropEps)
                  c.useRmsProp = try a.bool("useRmsProp", default: true)
                  c.normalizeAdvantage = try a.bool("normalizeAdvantage", default: false)
                  return try A2C(policy: policy, env: env, learningRate: lr, config: c, policyKwargs: kw, tensorboardLog: tb,
                                 verbose: verbose, seed: seed, device: device, output: out)
              }, load: { try A2C.load($0, env: $1, verbose: $2, output: $3) }, lrDefault: 7e-4)

        agent("REINFORCE", extra: ["gamma", "normalizeReturns", "hidden"],
              build: { a, policy, env, lr, _, _, verbose, seed, _, out in
                  var c = REINFORCE.Config()
                  c.gamma = try a.double("gamma", default: c.gamma)
                  c.normalizeReturns = try a.bool("normalizeReturns", default: true)
                  if let h = a.value("hidden")?.asArray { c.hidden = try AgentArguments.ints(h, "hidden") }
                  return try REINFORCE(policy: policy, env: env, learningRate: lr, config: c, verbose: verbose, seed: seed, output: out)
              }, load: { try REINFORCE.load($0, env: $1, verbose: $2, output: $3) }, lrDefault: 1e-4)

        interpreter.defineFunction("makeVecEnv", signature: nil) { args in
            try AgentArguments.check(args, "makeVecEnv", allowed: ["envId", "nEnvs", "seed", "envKwargs"], positional: 1)
            guard let id = AgentArguments.value(args, "envId", index: 0)?.asString else {
                throw BindingError("makeVecEnv needs an env id: makeVecEnv(\"CartPole-v1\", nEnvs: 4)")
            }
            let n = try args.int("nEnvs", default: 1)
            guard n >= 1 else { throw BindingError("nEnvs must be at least 1, got \(n)") }
            var kwargs: [(String, EnvArg)] = []
            if let v = AgentArguments.value(args, "envKwargs") {
                guard case .dict(let d) = v else { throw BindingError("envKwargs must be a dictionary such as [\"continuous\": false]") }
                for (k, x) in zip(d.keys, d.values) {
                    guard let key = k.asString else { throw BindingError("envKwargs keys must be strings") }
                    kwargs.append((key, try EnvConversion.arg(x, name: key)))
                }
            }
            EnvBindings.registerEnvironments()
            let envs = try (0..<n).map { _ in try Gym.make(id, orderedKwargs: kwargs) }
            let v = try VecEnv(envs)
            v.seed(try AgentArguments.value(args, "seed").map { s -> Int in
                guard let i = s.asInt else { throw BindingError("seed must be an Int") }
                return i
            } ?? session.seed)
            return .native(AgentVecEnvObject(v))
        }

        interpreter.defineFunction("EvalCallback", signature: nil) { args in
            try AgentArguments.check(args, "EvalCallback", allowed: ["evalEnv", "callbackOnNewBest", "callbackAfterEval", "nEvalEpisodes", "evalFreq",
                                                                     "logPath", "bestModelSavePath", "deterministic", "render", "verbose", "warn"], positional: 1)
            guard let e = AgentArguments.value(args, "evalEnv", index: 0) else { throw BindingError("EvalCallback needs evalEnv:") }
            let out = output(args)
            let env = try vecEnv(e, args, verbose: 0, output: out, function: "EvalCallback")
            let path = { (label: String) throws -> String? in try AgentArguments.value(args, label)?.asString.map { try session.resolve($0) } }
            return .native(CallbackObject(try EvalCallback(
                evalEnv: env, callbackOnNewBest: try callback(AgentArguments.value(args, "callbackOnNewBest"), args),
                callbackAfterEval: try callback(AgentArguments.value(args, "callbackAfterEval"), args),
                nEvalEpisodes: try args.int("nEvalEpisodes", default: 5), evalFreq: try args.int("evalFreq", default: 10_000),
                logPath: path("logPath"), bestModelSavePath: path("bestModelSavePath"),
                deterministic: try args.bool("deterministic", default: true), verbose: try args.int("verbose", default: 1)),
                madeBy: EngineConstruction(.global("EvalCallback", member: nil), args)))
        }
        interpreter.defineFunction("CheckpointCallback", signature: nil) { args in
            try AgentArguments.check(args, "CheckpointCallback", allowed: ["saveFreq", "savePath", "namePrefix", "verbose"], positional: 0)
            guard let p = args.value("savePath")?.asString else { throw BindingError("CheckpointCallback needs savePath:") }
            return .native(CallbackObject(try CheckpointCallback(saveFreq: try args.int("saveFreq"), savePath: session.resolve(p),
                                                                 namePrefix: try args.string("namePrefix", default: "rl_model"),
                                                                 verbose: try args.int("verbose", default: 0)),
                                          madeBy: EngineConstruction(.global("CheckpointCallback", member: nil), args)))
        }
        interpreter.defineFunction("StopTrainingOnRewardThreshold", signature: nil) { args in
            try AgentArguments.check(args, "StopTrainingOnRewardThreshold", allowed: ["rewardThreshold", "verbose"], positional: 0)
            return .native(CallbackObject(StopTrainingOnRewardThreshold(rewardThreshold: try args.double("rewardThreshold"),
                                                                        verbose: try args.int("verbose", default: 0)),
                                          madeBy: EngineConstruction(.global("CheckpointCallback", member: nil), args)))
        }
        interpreter.defineFunction("CallbackList", signature: Signature("_")) { args in
            guard let arr = args.value(nil)?.asArray else { throw BindingError("CallbackList takes an array of callbacks: CallbackList([evalCallback, checkpoint])") }
            return .native(CallbackObject(CallbackList(try arr.map { v in
                guard let c = try callback(v, args) else { throw BindingError("CallbackList got nil") }
                return c
            }), madeBy: EngineConstruction(.global("CallbackList", member: nil), args)))
        }
        interpreter.defineFunction("evaluatePolicy", signature: nil) { args in
            try AgentArguments.check(args, "evaluatePolicy", allowed: ["model", "env", "nEvalEpisodes", "deterministic", "returnEpisodeRewards"], positional: 2)
            guard case .native(let o)? = AgentArguments.value(args, "model", index: 0), let m = o as? AgentObject else {
                throw BindingError("evaluatePolicy needs a model: evaluatePolicy(model, env: env, nEvalEpisodes: 10)")
            }
            guard let e = AgentArguments.value(args, "env", index: 1) else { throw BindingError("evaluatePolicy needs env:") }
            let env = try vecEnv(e, args, verbose: 0, output: output(args), function: "evaluatePolicy")
            let interp = args.interpreter
            let r = try evaluatePolicy(m.model, env: env, nEvalEpisodes: try args.int("nEvalEpisodes", default: 10),
                                       deterministic: try args.bool("deterministic", default: true), onStep: { try interp?.checkStop() })
            if try args.bool("returnEpisodeRewards", default: false) {
                return .tuple(TupleBox.make([.array(r.episodeRewards.map { .double($0) }), .array(r.episodeLengths.map { .int($0) })]))
            }
            return .tuple(TupleBox.make([.double(r.mean), .double(r.std)]))
        }
        interpreter.defineFunction("tensorboardScalars", signature: nil) { args in
            try AgentArguments.check(args, "tensorboardScalars", allowed: ["path", "tag"], positional: 1)
            guard let p = AgentArguments.value(args, "path", index: 0)?.asString else {
                throw BindingError("tensorboardScalars needs a run folder: tensorboardScalars(model.tensorboardLogDir!, tag: \"eval/mean_reward\")")
            }
            let path = try session.path(p, for: .read)
            let files = FileIO.isDirectory(path) ? TensorBoardWriter.eventFiles(in: path) : [path]
            guard !files.isEmpty else { throw BindingError("no TensorBoard event files in \(p)") }
            var rows: [(tag: String, step: Int, value: Double, wallTime: Double)] = []
            for f in files { rows += try TensorBoardWriter.readScalars(path: f) }
            let tags = Array(Set(rows.map(\.tag))).sorted()
            if let tag = args.value("tag")?.asString {
                guard tags.contains(tag) else {
                    let hint = DidYouMean.suggest(tag, from: tags).map { "; did you mean '\($0)'?" } ?? ""
                    throw BindingError("no scalar '\(tag)' in \(p)\(hint) (it has \(tags.joined(separator: ", ")))")
                }
                let sel = rows.filter { $0.tag == tag }
                return .tuple(TupleBox.make([.array(sel.map { .int($0.step) }), .array(sel.map { .double($0.value) })], labels: ["steps", "values"]))
            }
            return .array(tags.map { .string($0) })
        }
    }

    /// SB3's `train_freq`: an Int, or `(n, "step")`.
    static func trainFreq(_ v: Value?, default def: Int) throws -> Int {
        guard let v, let u = v.unwrapped else { return def }
        if let i = u.asInt { return i }
        if case .tuple(let t) = u, t.values.count == 2, let n = t.values[0].asInt, let unit = t.values[1].asString {
            guard unit == "step" else { throw BindingError("trainFreq in \"\(unit)\" units is not supported yet; use steps: trainFreq: (4, \"step\")") }
            return n
        }
        throw BindingError("trainFreq must be an Int or (n, \"step\"), got '\(u.typeName)'")
    }

    /// The VecEnv for a cell value: one made by `makeVecEnv` or an agent, an env, an array of envs, or an env id.
    static func vecEnv(_ v: Value, _ args: Arguments, verbose: Int, output: (String) -> Void, function: String) throws -> VecEnv {
        let u = v.unwrapped ?? v
        if case .native(let o) = u {
            if let a = o as? AgentVecEnvObject {
                // SB3's `_wrap_env` transposes a VecEnv's channel-last images too, and says so
                if verbose >= 1 && a.env.layout.isTransposed { output("Wrapping the env in a VecTransposeImage.\n") }
                return a.env
            }
            if o is VectorEnvObject {
                throw BindingError("\(function) takes a Gymnasium env or a VecEnv from makeVecEnv(...); Gymnasium's vector envs reset on the next step, which SB3's algorithms do not expect: use makeVecEnv(\"CartPole-v1\", nEnvs: 4)")
            }
        }
        if let id = u.asString {
            EnvBindings.registerEnvironments()
            return try BaseAlgorithm.wrap([try Gym.make(id)], verbose: verbose, output: output)
        }
        if let arr = u.asArray {
            return try BaseAlgorithm.wrap(try arr.map { try WrapperBindings.env($0, args, function: function) }, verbose: verbose, output: output)
        }
        return try BaseAlgorithm.wrap([try WrapperBindings.env(u, args, function: function)], verbose: verbose, output: output)
    }

    /// A callback from a cell value: a callback object, a closure `{ locals in ... return true }`, or an array (a CallbackList).
    static func callback(_ v: Value?, _ args: Arguments) throws -> BaseCallback? {
        guard let v, let u = v.unwrapped else { return nil }
        switch u {
        case .native(let o as CallbackObject): return o.callback
        case .array(let items): return CallbackList(try items.compactMap { try callback($0, args) })
        case .function:
            let interp = args.interpreter
            return FunctionCallback { locals, model in
                guard let interp else { return true }
                let episodes: [Value] = locals.episodes.map { e in
                    .dict(DictBox(keys: [.string("r"), .string("l"), .string("t")], values: [.double(e.reward), .int(e.length), .double(e.time)]))
                }
                let d = DictBox(keys: [.string("numTimesteps"), .string("rewards"), .string("dones"), .string("episodes")],
                                values: [.int(locals.numTimesteps), .array(locals.rewards.map { .double($0) }),
                                         .array(locals.dones.map { .bool($0) }), .array(episodes)])
                if let e = locals.explorationRate { d.set(.string("explorationRate"), .double(e)) }
                let r = try interp.call(u, [.dict(d)])
                if case .void = r { return true }
                guard let b = r.asBool else { throw BindingError("a callback closure must return a Bool (false stops training), it returned '\(r.typeName)'") }
                return b
            }
        default:
            throw BindingError("callback must be an EvalCallback, CheckpointCallback, CallbackList, an array of callbacks or a closure { locals in ... return true }, got '\(u.typeName)'")
        }
    }
}
