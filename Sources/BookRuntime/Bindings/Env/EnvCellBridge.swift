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

    /// The one hidden helper closure (defined by `EnvBindings.installCellHelpers`): assigning a
    /// property needs the compiler's type coercions. Methods and properties are read through the
    /// interpreter's public `callMethod` / `member`.
    static let setRenderModeHelper = "__rlbookEnvSetRenderMode"

    /// Cell code defining the helper (globals starting with `__` are hidden from cells' name lists).
    static let helperSource = """
    let __rlbookEnvSetRenderMode = { e, m in e.renderMode = m }
    """

    init(object: Value, interpreter: Interpreter) throws {
        guard case .object = object else {
            throw BindingError("an environment defined in a cell must be a class instance (with reset(seed:options:) and step(_:)), got a value of type '\(object.typeName)'")
        }
        self.object = object
        self.className = object.typeName
        self.interpreter = interpreter
        let act = try CellEnv.space(interpreter.member(object, "actionSpace"), "actionSpace", className)
        let obs = try CellEnv.space(interpreter.member(object, "observationSpace"), "observationSpace", className)
        super.init(observationSpace: obs, actionSpace: act, metadata: EnvMetadata(renderModes: ["rgb_array"], renderFps: 30))
    }

    static func space(_ v: Value, _ name: String, _ cls: String) throws -> Space {
        if case .native(let o) = v, let s = o as? SpaceObject { return s.space }
        throw BindingError("'\(cls).\(name)' must be a space such as Discrete(2) or Box(low: -1, high: 1, shape: [3]), got a value of type '\(v.typeName)'")
    }

    /// The interpreter that defined the env (it outlives the env while the book runs).
    func interp() throws -> Interpreter {
        guard let interpreter else { throw BindingError("the interpreter that defined this environment is gone") }
        return interpreter
    }

    /// Calls the object's method `name` through the interpreter's public API.
    func callMethod(_ name: String, _ args: [Value], labels: [String?]? = nil) throws -> Value {
        try interp().callMethod(object, name, args, labels: labels)
    }

    override var pythonName: String { className }

    /// Whether the class's own `reset` methods all lack an `options:` parameter (`reset(seed:)`),
    /// read from their labels; false for a `reset` from an engine base class (which takes options).
    var takesSeedOnly: Bool {
        guard let interpreter else { return false }
        let overloads = interpreter.methodLabels(object, "reset")
        return !overloads.isEmpty && !overloads.contains { $0.contains("options") }
    }

    /// Sets the object's `renderMode` property (what `gym.make(id, renderMode:)` passes).
    func setRenderMode(_ mode: String) throws {
        do {
            let i = try interp()
            guard let setter = i.global(CellEnv.setRenderModeHelper) else { throw BindingError("the env helpers are not installed") }
            _ = try i.call(setter, [object, .string(mode)])
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
        if options == nil, takesSeedOnly {
            result = try callMethod("reset", [s], labels: ["seed"])
        } else {
            result = try callMethod("reset", [s, CellEnv.optionsValue(options)], labels: ["seed", "options"])
        }
        guard case .tuple(let t) = result, t.values.count == 2 else {
            throw BindingError("'\(className).reset(seed:options:)' must return (observation, info), got a value of type '\(result.typeName)'")
        }
        return (try observation(t.values[0]), EnvConversion.info(t.values[1]))
    }

    override func step(_ action: EnvValue) throws -> StepResult {
        let result = try callMethod("step", [try EnvConversion.value(action)])
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
        let i = try interp()
        // no render method (own, inherited or from an engine base class): no frames
        guard i.hasMethod(object, "render") || (try? i.member(object, "render")) != nil else { return nil }
        let v = try callMethod("render", [])
        guard let u = v.unwrapped, let t = u.tensor else { return nil }
        let a = EnvConversion.envArray(t)
        guard a.shape.count == 3, a.shape[2] == 3 || a.shape[2] == 1 else {
            throw BindingError("'\(className).render()' must return a uint8 Tensor of shape (H, W, 3), got shape \(a.shape)")
        }
        return RGBImage(width: a.shape[1], height: a.shape[0], channels: a.shape[2], pixels: a.bytes)
    }

    override func close() {
        guard let i = interpreter, i.hasMethod(object, "close") || (try? i.member(object, "close")) != nil else { return }
        _ = try? i.callMethod(object, "close", [])
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
