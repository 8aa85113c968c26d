import BookDSL
import RLEnv
import RLRender

/// An environment written in a cell: a class with `actionSpace`, `observationSpace`,
/// `reset(seed:options:)` returning `(obs, info)` and `step(_:)` returning
/// `(obs, reward, terminated, truncated, info)` (optionally `render()` and `close()`), seen by the
/// engine as an `Env`, so wrappers, vector envs and `gym.register` / `gym.make` take it.
///
/// ```swift
/// class Corridor {
///     let actionSpace = Discrete(2)
///     let observationSpace = Discrete(5)
///     var pos = 0
///     func reset(seed: Int? = nil, options: [String: Any]? = nil) -> (Int, [String: Any]) { pos = 0; return (pos, [:]) }
///     func step(_ a: Int) -> (Int, Double, Bool, Bool, [String: Any]) { ... }
/// }
/// let env = RecordEpisodeStatistics(Corridor())
/// ```
///
/// A `reset(seed:)` without `options` is accepted too. Observations may be `Int`s, `[Double]`s or
/// tensors; they are converted to the observation space's type. The env's code runs in the
/// interpreter, so it cannot run on worker threads (`vectorizationMode: "async"` refuses it).
final class CellEnv: Env {
    /// The cell object (`.object`).
    let object: Value
    let className: String
    weak var interpreter: Interpreter?

    /// Names of the hidden helper closures defined by `EnvBindings.installCellHelpers`.
    enum Helper: String {
        case reset = "__rlbookEnvReset"
        case resetSeed = "__rlbookEnvResetSeed"
        case step = "__rlbookEnvStep"
        case render = "__rlbookEnvRender"
        case close = "__rlbookEnvClose"
        case actionSpace = "__rlbookEnvActionSpace"
        case observationSpace = "__rlbookEnvObservationSpace"
        case setRenderMode = "__rlbookEnvSetRenderMode"
    }

    /// Cell code defining the helpers (globals starting with `__` are hidden from cells' name lists).
    static let helperSource = """
    let __rlbookEnvReset = { e, s, o in e.reset(seed: s, options: o) }
    let __rlbookEnvResetSeed = { e, s in e.reset(seed: s) }
    let __rlbookEnvStep = { e, a in e.step(a) }
    let __rlbookEnvRender = { e in e.render() }
    let __rlbookEnvClose = { e in e.close() }
    let __rlbookEnvActionSpace = { e in e.actionSpace }
    let __rlbookEnvObservationSpace = { e in e.observationSpace }
    let __rlbookEnvSetRenderMode = { e, m in e.renderMode = m }
    """

    init(object: Value, interpreter: Interpreter) throws {
        guard case .object = object else {
            throw BindingError("an environment defined in a cell must be a class instance (with reset(seed:options:) and step(_:)), got a value of type '\(object.typeName)'")
        }
        self.object = object
        self.className = object.typeName
        self.interpreter = interpreter
        let act = try CellEnv.space(CellEnv.call(interpreter, .actionSpace, [object]), "actionSpace", className)
        let obs = try CellEnv.space(CellEnv.call(interpreter, .observationSpace, [object]), "observationSpace", className)
        super.init(observationSpace: obs, actionSpace: act, metadata: EnvMetadata(renderModes: ["rgb_array"], renderFps: 30))
    }

    static func space(_ v: Value, _ name: String, _ cls: String) throws -> Space {
        if case .native(let o) = v, let s = o as? SpaceObject { return s.space }
        throw BindingError("'\(cls).\(name)' must be a space such as Discrete(2) or Box(low: -1, high: 1, shape: [3]), got a value of type '\(v.typeName)'")
    }

    static func call(_ interpreter: Interpreter?, _ helper: Helper, _ args: [Value]) throws -> Value {
        guard let interp = interpreter, let fn = interp.global(helper.rawValue) else {
            throw BindingError("the interpreter that defined this environment is gone")
        }
        return try interp.call(fn, args)
    }

    override var pythonName: String { className }

    /// Sets the object's `renderMode` property (what `gym.make(id, renderMode:)` passes).
    func setRenderMode(_ mode: String) throws {
        do {
            _ = try CellEnv.call(interpreter, .setRenderMode, [object, .string(mode)])
        } catch {
            throw BindingError("'\(className)' needs a 'var renderMode: String?' property to receive renderMode: \"\(mode)\"")
        }
        renderMode = mode
    }

    @discardableResult
    override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        let s: Value = seed.map { .int($0) } ?? .nilValue
        let result: Value
        do {
            result = try CellEnv.call(interpreter, .reset, [object, s, CellEnv.optionsValue(options)])
        } catch where options == nil && "\(error)".contains("options") {
            result = try CellEnv.call(interpreter, .resetSeed, [object, s])
        }
        guard case .tuple(let t) = result, t.values.count == 2 else {
            throw BindingError("'\(className).reset(seed:options:)' must return (observation, info), got a value of type '\(result.typeName)'")
        }
        return (try observation(t.values[0]), EnvConversion.info(t.values[1]))
    }

    override func step(_ action: EnvValue) throws -> StepResult {
        let result = try CellEnv.call(interpreter, .step, [object, try EnvConversion.value(action)])
        guard case .tuple(let t) = result, t.values.count == 5 else {
            throw BindingError("'\(className).step(_:)' must return (observation, reward, terminated, truncated, info), got a value of type '\(result.typeName)'")
        }
        guard let reward = t.values[1].asDouble else {
            throw BindingError("'\(className).step(_:)' returned a reward of type '\(t.values[1].typeName)'; use a Double")
        }
        guard let terminated = t.values[2].asBool, let truncated = t.values[3].asBool else {
            throw BindingError("'\(className).step(_:)' must return Bool terminated and truncated flags")
        }
        return (try observation(t.values[0]), reward, terminated, truncated, EnvConversion.info(t.values[4]))
    }

    func observation(_ v: Value) throws -> EnvValue {
        try EnvConversion.envValue(v, space: observationSpace)
    }

    override func render() throws -> RGBImage? {
        let v: Value
        do {
            v = try CellEnv.call(interpreter, .render, [object])
        } catch where "\(error)".contains("no member 'render'") {
            return nil
        }
        guard let u = v.unwrapped, let t = u.tensor else { return nil }
        let a = EnvConversion.envArray(t)
        guard a.shape.count == 3, a.shape[2] == 3 || a.shape[2] == 1 else {
            throw BindingError("'\(className).render()' must return a uint8 Tensor of shape (H, W, 3), got shape \(a.shape)")
        }
        return RGBImage(width: a.shape[1], height: a.shape[0], channels: a.shape[2], pixels: a.bytes)
    }

    override func close() {
        _ = try? CellEnv.call(interpreter, .close, [object])
    }

    static func optionsValue(_ options: EnvOptions?) -> Value {
        guard let options else { return .nilValue }
        let keys = options.keys.sorted()
        return .dict(DictBox(keys: keys.map { .string($0) }, values: keys.map { GymSpecValues.value(options[$0] ?? .none) }))
    }

    /// Whether an env (through its wrappers) runs cell code: cell-defined envs and wrappers built
    /// from cell closures. Such envs must stay on the interpreter's thread.
    static func runsCellCode(_ env: Env) -> Bool {
        var e: Env? = env
        while let cur = e {
            if cur is CellEnv || cur is TransformObservation || cur is TransformReward || cur is TransformAction || cur is RecordVideo {
                return true
            }
            e = (cur as? Wrapper)?.env
        }
        return false
    }
}
