import BookDSL
import RLEnv
import RLSupport

/// A Gymnasium environment (or wrapper) as cells see it, printed as Gymnasium prints it
/// (`<TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>`).
///
/// ```swift
/// var (obs, info) = env.reset(seed: 42)          // (Tensor or Int, [String: Any])
/// let (next, reward, terminated, truncated, info2) = env.step(env.actionSpace.sample())
/// let frame = env.render()                       // uint8 Tensor (H, W, 3), a String for "ansi", or nil
/// ```
///
/// Members: `actionSpace`, `observationSpace`, `spec`, `unwrapped`, `env` (the wrapped env of a
/// wrapper), `metadata`, `renderMode`, `npRandom`, `npRandomSeed`, plus what the wrapper or the base
/// environment exposes (`EnvObject+Members.swift`).
final class EnvObject: NativeObject {
    let env: Env
    private var actionSpaceCache: (Space, Value)?
    private var observationSpaceCache: (Space, Value)?

    init(_ env: Env) { self.env = env }

    static func value(_ env: Env) -> Value { .native(EnvObject(env)) }

    var typeName: String { "Env" }
    var description: String { env.description }

    static let commonMembers = ["reset", "step", "render", "close", "actionSpace", "observationSpace", "spec", "unwrapped",
                                "metadata", "renderMode", "npRandom", "npRandomSeed", "getWrapperAttr", "hasWrapperAttr"]

    var memberNames: [String] {
        var names = EnvObject.commonMembers
        if env is Wrapper { names.append("env") }
        names += extraMemberNames
        return names
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "actionSpace":
            let s = env.actionSpace
            if let (c, v) = actionSpaceCache, c === s { return v }
            let v = SpaceObject.value(s)
            actionSpaceCache = (s, v)
            return v
        case "observationSpace":
            let s = env.observationSpace
            if let (c, v) = observationSpaceCache, c === s { return v }
            let v = SpaceObject.value(s)
            observationSpaceCache = (s, v)
            return v
        case "spec": return env.spec.map { .native(EnvSpecObject($0)) } ?? .nilValue
        case "unwrapped":
            let u = env.unwrapped
            if let cell = u as? CellEnv { return cell.object }
            return u === env ? .native(self) : EnvObject.value(u)
        case "env":
            guard let w = env as? Wrapper else { return nil }
            return EnvObject.value(w.env)
        case "metadata":
            var keys: [Value] = [.string("render_modes")]
            var values: [Value] = [.array(env.metadata.renderModes.map { .string($0) })]
            if let fps = env.metadata.renderFps { keys.append(.string("render_fps")); values.append(.int(fps)) }
            return .dict(DictBox(keys: keys, values: values))
        case "renderMode": return env.renderMode.map { .string($0) } ?? .nilValue
        case "npRandom": return .native(GeneratorObject(env.npRandom))
        case "npRandomSeed": return env.npRandomSeed.map { .int($0) } ?? .nilValue
        default: return try extraMember(name)
        }
    }

    func setMember(_ name: String, _ value: Value) throws -> Bool {
        // `env.env.updateRunningMean = false` writes the (reference) inner env back: accept the same object
        if name == "env" || name == "unwrapped", case .native(let o) = value, let e = o as? EnvObject {
            if name == "env", let w = env as? Wrapper, w.env === e.env { return true }
            if name == "unwrapped", env.unwrapped === e.env { return true }
        }
        if name == "unwrapped", case .object = value, let cell = env.unwrapped as? CellEnv, cell.object == value { return true }
        return try setExtraMember(name, value)
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "step":
            guard args.count == 1, let a = args.value(nil) else {
                throw BindingError("step takes one action: env.step(action)")
            }
            return try EnvObject.step(env, a)
        case "reset":
            try EnvObject.checkLabels(args, allowed: ["seed", "options"], method: "reset(seed:options:)")
            let (obs, info) = try env.reset(seed: try EnvConversion.seed(args.value("seed")), options: try EnvConversion.options(args.value("options")))
            return .tuple(TupleBox.make([try EnvConversion.value(obs), try EnvConversion.value(info)]))
        case "render":
            if !args.isEmpty { throw BindingError("render() takes no arguments; choose the mode with gym.make(..., renderMode: \"rgb_array\")") }
            return try EnvObject.render(env)
        case "close":
            env.close()
            return .void
        case "getWrapperAttr", "hasWrapperAttr":
            let attr = try args.string(nil)
            let found = try wrapperAttr(attr)
            if name == "hasWrapperAttr" { return .bool(found != nil) }
            guard let found else {
                throw BindingError("no wrapper of \(env.description) and not the environment has an attribute '\(attr)'")
            }
            return found
        default:
            return try extraMethod(name, args)
        }
    }

    /// Gymnasium's `get_wrapper_attr`: the member from the outermost layer (wrapper or base env) that has it
    /// (a cell-defined base env's own properties are reached with `env.unwrapped.name`).
    func wrapperAttr(_ name: String) throws -> Value? {
        var e: Env? = env
        while let cur = e {
            let layer = cur === env ? self : EnvObject(cur)
            if let v = try layer.getMember(name) { return v }
            e = (cur as? Wrapper)?.env
        }
        return nil
    }

    /// `env.step(action)` -> `(obs, reward, terminated, truncated, info)`.
    static func step(_ env: Env, _ action: Value) throws -> Value {
        let a = try EnvConversion.envValue(action, space: env.actionSpace)
        let r = try env.step(a)
        return .tuple(TupleBox.make([try EnvConversion.value(r.observation), .double(r.reward), .bool(r.terminated), .bool(r.truncated),
                                try EnvConversion.value(r.info)]))
    }

    /// The frame of `rgb_array` / `state_pixels` (a uint8 tensor), the text of `ansi`, or nil.
    static func render(_ env: Env) throws -> Value {
        if let image = try env.render() { return try EnvConversion.frame(image) }
        if let text = try env.renderText() { return .string(text) }
        return .nilValue
    }

    static func checkLabels(_ args: Arguments, allowed: [String], method: String) throws {
        for label in args.labels {
            guard let label else { throw BindingError("missing argument label in call to \(method)") }
            if !allowed.contains(label) {
                throw BindingError("extraneous argument label '\(label):' in call to \(method)\(DidYouMean.suggest(label, from: allowed).map { "; did you mean '\($0)'?" } ?? "")")
            }
        }
    }

    func isEqual(to other: Value) -> Bool {
        guard case .native(let o) = other, let e = o as? EnvObject else { return false }
        return e.env === env
    }
}
