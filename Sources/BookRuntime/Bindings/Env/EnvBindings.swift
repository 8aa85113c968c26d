import BookDSL
import RLEnv
import RLSupport

/// Cell bindings for Gymnasium-compatible environments (`RLEnv`).
///
/// Globals: `gym` (`make`, `makeVec`, `registry`, `register`, `spec`, `pprintRegistry`, `spaces`,
/// `wrappers`, `vector`); spaces `Discrete`, `Box`, `MultiDiscrete`, `MultiBinary`, `Tuple`, `Dict`;
/// wrappers `TimeLimit`, `RecordEpisodeStatistics`, `ClipAction`, `RescaleAction`,
/// `TransformObservation`, `TransformReward`, `TransformAction`, `GrayscaleObservation`,
/// `ResizeObservation`, `FrameStackObservation`, `MaxAndSkipObservation`, `NormalizeObservation`,
/// `NormalizeReward`, `FlattenObservation`, `ReshapeObservation`, `DtypeObservation`, `ClipReward`,
/// `StickyAction`, `Autoreset`, `OrderEnforcing`, `PassiveEnvChecker`, `RenderCollection`, `RecordFrames`,
/// `RecordVideo`; vector envs `SyncVectorEnv`, `AsyncVectorEnv`.
///
/// Other bindings (agents) turn a cell value into an `Env` with `EnvBindings.env(_:interpreter:)`.
enum EnvBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {
        registerEnvironments()
        installCellHelpers(interpreter)
        let seeder = EnvSeeder(session: session)
        let spaces = SpaceBindings.functions(seeder: seeder)
        let wrappers = WrapperBindings.functions(session: session)
        let vector = VectorEnvBindings.functions
        for f in spaces + wrappers + vector {
            interpreter.defineFunction(f.name, signature: f.signature, f.body)
        }
        interpreter.defineGlobal("gym", .native(GymModule(spaces: spaces, wrappers: wrappers, vector: vector, seeder: seeder)))
        // gymnasium.envs.box2d.lunar_lander.heuristic(env, s)
        interpreter.defineFunction("lunarLanderHeuristic", signature: Signature("_, _")) { [weak interpreter] args in
            guard let interpreter, let e = args.value(nil, index: 0), let s = args.value(nil, index: 1) else {
                throw BindingError("lunarLanderHeuristic(env, observation) takes the env and its latest observation")
            }
            let env = try EnvBindings.env(e, interpreter: interpreter)
            guard let lander = env.unwrapped as? LunarLanderEnv else {
                throw BindingError("lunarLanderHeuristic needs a LunarLander env (gym.make(\"LunarLander-v3\")), got \(env)")
            }
            return try EnvConversion.value(lander.heuristic(try EnvConversion.envValue(s)))
        }
        // gymnasium.envs.box2d.bipedal_walker.BipedalWalkerHeuristics()
        interpreter.defineFunction("BipedalWalkerHeuristics", signature: Signature("")) { _ in
            .native(BipedalWalkerHeuristicObject())
        }
    }

    /// The environment behind a cell value: an env made by `gym.make` / a wrapper, or a cell object
    /// with `reset(seed:options:)` and `step(_:)` (see `CellEnv`).
    static func env(_ value: Value, interpreter: Interpreter) throws -> Env {
        try WrapperBindings.env(value, Arguments([], interpreter: interpreter), function: "this function")
    }

    /// The vector environment behind a cell value, if it is one.
    static func vectorEnv(_ value: Value) -> VectorEnv? {
        if case .native(let o) = value, let v = o as? VectorEnvObject { return v.env }
        return nil
    }

    /// Attaches the Box2D environments (CarRacing, LunarLander, BipedalWalker) to the registry;
    /// idempotent (`BuiltinEnvironments` attaches them too; a registry replaced by a cell gets them back).
    static func registerEnvironments() {
        CarRacingEnv.register(into: Gym.registry)
        LunarLanderEnv.register(into: Gym.registry)
        BipedalWalkerEnv.register(into: Gym.registry)
    }

    /// Defines the hidden closure `CellEnv` uses to set a cell env's `renderMode`.
    static func installCellHelpers(_ interpreter: Interpreter) {
        guard interpreter.global(CellEnv.setRenderModeHelper) == nil else { return }
        let source = SourceText(file: "<rlbook env helpers>", text: CellEnv.helperSource, firstLine: 1)
        switch interpreter.compile(source) {
        case .success(let cell):
            if let d = interpreter.run(cell, timeout: nil) { interpreter.output("internal error: \(d.message)\n") }
        case .failure(let diagnostics):
            interpreter.output("internal error: " + diagnostics.map(\.message).joined(separator: "; ") + "\n")
        }
    }
}
