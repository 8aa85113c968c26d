import BookDSL
import RLEnv
import RLSupport

/// Gymnasium's wrappers as functions taking an env (a `gym.make` env or a cell-defined env class):
/// `TimeLimit(env, maxEpisodeSteps: 100)`, `RecordEpisodeStatistics(env)`, `TransformReward(env) { r in r / 10 }`...
enum WrapperBindings {
    /// The env inside an argument: an `Env` value, or a cell object with `reset` / `step`.
    static func env(_ v: Value?, _ args: Arguments, function: String) throws -> Env {
        guard let v else { throw BindingError("\(function) needs an environment as its first argument") }
        if case .native(let o) = v, let e = o as? EnvObject { return e.env }
        if case .object = v {
            guard let interp = args.interpreter else { throw BindingError("no interpreter to run the cell environment") }
            return try CellEnv(object: v, interpreter: interp)
        }
        if case .optional(let w) = v { return try env(w, args, function: function) }
        throw BindingError("\(function) expects an environment (from gym.make, or a class with reset(seed:options:) and step(_:)), got a value of type '\(v.typeName)'")
    }

    /// A cell closure (or host function) argument.
    static func closure(_ v: Value?, function: String) throws -> Value {
        guard let v, case .function = v else {
            throw BindingError("\(function) needs a closure, e.g. \(function)(env) { x in ... }")
        }
        return v
    }

    static func space(_ v: Value?) throws -> Space? {
        guard let v, let u = v.unwrapped else { return nil }
        guard case .native(let o) = u, let s = o as? SpaceObject else {
            throw BindingError("expected a space (Discrete, Box, ...), got a value of type '\(u.typeName)'")
        }
        return s.space
    }

    /// `[h, w]`, `(h, w)` or a single size for both.
    static func shape2(_ v: Value?) throws -> (Int, Int) {
        guard let v else { throw HostError.missing("shape") }
        if let i = v.asInt { return (i, i) }
        var items: [Value] = v.asArray ?? []
        if case .tuple(let t) = v { items = t.values }
        guard items.count == 2, let h = items[0].asInt, let w = items[1].asInt else {
            throw BindingError("shape must be [height, width], got \(v)")
        }
        return (h, w)
    }

    static func numbers(_ v: Value?, _ name: String) throws -> [Double] {
        guard let v else { throw HostError.missing(name) }
        if let d = v.asDouble { return [d] }
        guard let (values, _, _) = EnvConversion.flatNumbers(v) else { throw BindingError("\(name) must be a number or an array of numbers") }
        return values
    }

    static func wrap(_ e: Env) -> Value { EnvObject.value(e) }

    static func functions(session: RunSession) -> [EnvHostFunction] {
        [
            EnvHostFunction("TimeLimit", "_, maxEpisodeSteps") { a in
                wrap(try TimeLimit(try env(a.value(nil), a, function: "TimeLimit"), maxEpisodeSteps: try a.int("maxEpisodeSteps")))
            },
            EnvHostFunction("RecordEpisodeStatistics", "_, bufferLength?, statsKey?") { a in
                let bufferLength = try a.int("bufferLength", default: 100)
                let statsKey = try a.string("statsKey", default: "episode")
                if case .native(let o)? = a.value(nil), let v = o as? VectorEnvObject {
                    return .native(VectorEnvObject(VectorRecordEpisodeStatistics(v.env, bufferLength: bufferLength, statsKey: statsKey)))
                }
                return wrap(RecordEpisodeStatistics(try env(a.value(nil), a, function: "RecordEpisodeStatistics"),
                                                    bufferLength: bufferLength, statsKey: statsKey))
            },
            EnvHostFunction("ClipAction", "_") { a in wrap(ClipAction(try env(a.value(nil), a, function: "ClipAction"))) },
            EnvHostFunction("RescaleAction", "_, minAction, maxAction") { a in
                wrap(try RescaleAction(try env(a.value(nil), a, function: "RescaleAction"),
                                       minAction: try numbers(a.value("minAction"), "minAction"),
                                       maxAction: try numbers(a.value("maxAction"), "maxAction")))
            },
            EnvHostFunction("TransformObservation", "_, observationSpace?, _?") { a in
                let inner = try env(a.value(nil), a, function: "TransformObservation")
                let f = try closure(a.value(nil, index: 1), function: "TransformObservation")
                weak let interp = a.interpreter
                let space = try space(a.value("observationSpace"))
                return wrap(TransformObservation(inner, observationSpace: space) { obs in
                    guard let interp else { throw BindingError("the interpreter is gone") }
                    return try EnvConversion.envValue(try interp.call(f, [try EnvConversion.value(obs)]), space: space)
                })
            },
            EnvHostFunction("TransformReward", "_, _") { a in
                let inner = try env(a.value(nil), a, function: "TransformReward")
                let f = try closure(a.value(nil, index: 1), function: "TransformReward")
                weak let interp = a.interpreter
                return wrap(TransformReward(inner) { r in
                    guard let interp else { throw BindingError("the interpreter is gone") }
                    let v = try interp.call(f, [.double(r)])
                    guard let d = v.asDouble else { throw BindingError("the TransformReward closure must return a Double, got '\(v.typeName)'") }
                    return d
                })
            },
            EnvHostFunction("TransformAction", "_, actionSpace?, _?") { a in
                let inner = try env(a.value(nil), a, function: "TransformAction")
                let f = try closure(a.value(nil, index: 1), function: "TransformAction")
                weak let interp = a.interpreter
                let newSpace = try space(a.value("actionSpace"))
                return wrap(TransformAction(inner, actionSpace: newSpace) { act in
                    guard let interp else { throw BindingError("the interpreter is gone") }
                    return try EnvConversion.envValue(try interp.call(f, [try EnvConversion.value(act)]), space: inner.actionSpace)
                })
            },
            EnvHostFunction("GrayscaleObservation", "_, keepDim?") { a in
                wrap(try GrayscaleObservation(try env(a.value(nil), a, function: "GrayscaleObservation"), keepDim: try a.bool("keepDim", default: false)))
            },
            EnvHostFunction("ResizeObservation", "_, shape") { a in
                let (h, w) = try shape2(a.value("shape"))
                try EnvConversion.checkedCount([h, w], "ResizeObservation shape")
                return wrap(try ResizeObservation(try env(a.value(nil), a, function: "ResizeObservation"), shape: (h, w)))
            },
            EnvHostFunction("FrameStackObservation", "_, stackSize, paddingType?") { a in
                let inner = try env(a.value(nil), a, function: "FrameStackObservation")
                let stackSize = try a.int("stackSize")
                try EnvConversion.checkedCount([max(stackSize, 0)] + (inner.observationSpace.shape ?? []), "FrameStackObservation stack")
                return wrap(try FrameStackObservation(inner, stackSize: stackSize, paddingType: try a.string("paddingType", default: "reset")))
            },
            EnvHostFunction("MaxAndSkipObservation", "_, skip?") { a in
                wrap(try MaxAndSkipObservation(try env(a.value(nil), a, function: "MaxAndSkipObservation"), skip: try a.int("skip", default: 4)))
            },
            EnvHostFunction("NormalizeObservation", "_, epsilon?") { a in
                wrap(try NormalizeObservation(try env(a.value(nil), a, function: "NormalizeObservation"), epsilon: try a.double("epsilon", default: 1e-8)))
            },
            EnvHostFunction("NormalizeReward", "_, gamma?, epsilon?") { a in
                wrap(try NormalizeReward(try env(a.value(nil), a, function: "NormalizeReward"), gamma: try a.double("gamma", default: 0.99),
                                         epsilon: try a.double("epsilon", default: 1e-8)))
            },
            EnvHostFunction("FlattenObservation", "_") { a in wrap(FlattenObservation(try env(a.value(nil), a, function: "FlattenObservation"))) },
            EnvHostFunction("ReshapeObservation", "_, shape") { a in
                guard let items = a.value("shape")?.asArray, items.allSatisfy({ $0.asInt != nil }) else { throw BindingError("shape must be an array of Ints") }
                let shape = items.compactMap { $0.asInt }
                try EnvConversion.checkedCount(shape, "ReshapeObservation shape")
                return wrap(try ReshapeObservation(try env(a.value(nil), a, function: "ReshapeObservation"), shape: shape))
            },
            EnvHostFunction("DtypeObservation", "_, dtype") { a in
                let name = try a.string("dtype")
                guard let d = DType(rawValue: name) else {
                    throw BindingError("unknown dtype '\(name)'; use one of \(DType.allCases.map { "." + $0.rawValue }.joined(separator: ", "))")
                }
                return wrap(try DtypeObservation(try env(a.value(nil), a, function: "DtypeObservation"), dtype: d))
            },
            EnvHostFunction("ClipReward", "_, minReward?, maxReward?") { a in
                wrap(try ClipReward(try env(a.value(nil), a, function: "ClipReward"), minReward: try a.double("minReward", default: -.infinity),
                                    maxReward: try a.double("maxReward", default: .infinity)))
            },
            EnvHostFunction("StickyAction", "_, repeatActionProbability") { a in
                wrap(try StickyAction(try env(a.value(nil), a, function: "StickyAction"), repeatActionProbability: try a.double("repeatActionProbability")))
            },
            EnvHostFunction("Autoreset", "_") { a in wrap(Autoreset(try env(a.value(nil), a, function: "Autoreset"))) },
            EnvHostFunction("OrderEnforcing", "_") { a in wrap(OrderEnforcing(try env(a.value(nil), a, function: "OrderEnforcing"))) },
            EnvHostFunction("PassiveEnvChecker", "_") { a in wrap(PassiveEnvChecker(try env(a.value(nil), a, function: "PassiveEnvChecker"))) },
            EnvHostFunction("RenderCollection", "_, popFrames?, resetClean?") { a in
                wrap(RenderCollection(try env(a.value(nil), a, function: "RenderCollection"), popFrames: try a.bool("popFrames", default: true),
                                      resetClean: try a.bool("resetClean", default: true)))
            },
            EnvHostFunction("RecordFrames", "_, resetClean?") { a in
                let inner = try env(a.value(nil), a, function: "RecordFrames")
                guard inner.renderMode == "rgb_array" || inner.renderMode == "state_pixels" || inner is CellEnv else {
                    throw BindingError("RecordFrames needs an env that renders frames: gym.make(..., renderMode: \"rgb_array\") (render mode is \(inner.renderMode.map { "\"\($0)\"" } ?? "nil"))")
                }
                return wrap(RenderCollection(inner, popFrames: false, resetClean: try a.bool("resetClean", default: true)))
            },
            EnvHostFunction("RecordVideo", "_, videoFolder?, episodeTrigger?, stepTrigger?, videoLength?, namePrefix?, fps?, format?, show?, maxBytes?, scale?") { a in
                let inner = try env(a.value(nil), a, function: "RecordVideo")
                weak let interp = a.interpreter
                func trigger(_ label: String) throws -> ((Int) -> Bool)? {
                    guard let v = a.value(label), let f = v.unwrapped else { return nil }
                    guard case .function = f else { throw BindingError("\(label) must be a closure (Int) -> Bool") }
                    return { i in (try? interp?.call(f, [.int(i)]))?.asBool ?? false }
                }
                let recorder = try RecordVideo(inner, episodeTrigger: try trigger("episodeTrigger"), stepTrigger: try trigger("stepTrigger"),
                                               videoLength: try a.int("videoLength", default: 0), namePrefix: try a.string("namePrefix", default: "rl-video"),
                                               fps: a.value("fps")?.asInt)
                if let folder = a.value("videoFolder")?.asString {
                    recorder.sink = try ReportVideoSink(folder: folder, args: a, session: session)
                } else if ["format", "show", "maxBytes", "scale"].contains(where: { a.has($0) }) {
                    throw BindingError("format:, show:, maxBytes: and scale: apply to videos written to a folder: add videoFolder: \"videos\"")
                }
                return wrap(recorder)
            },
        ]
    }
}
