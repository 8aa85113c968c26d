// Gymnasium's scripted pilot for LunarLander: `heuristic(env, s)` in gymnasium/envs/box2d/lunar_lander.py.
// The observation is float32 and numpy 2 keeps `float32 * python float` in float32, so the pilot's
// arithmetic is float32 here too (its actions then match Gymnasium's exactly).

extension LunarLanderEnv {
    /// The heuristic's action for an observation: `Discrete` 0-3, or `[main, lateral]` when `continuous`.
    public static func heuristic(_ s: [Float], continuous: Bool) -> EnvValue {
        guard s.count >= 8 else { return continuous ? .float32([0, 0]) : .int(0) }
        var angleTarg = s[0] * 0.5 + s[2] * 1.0       // angle should point towards the centre
        if angleTarg > 0.4 { angleTarg = 0.4 }        // more than 0.4 radians (22 degrees) is bad
        if angleTarg < -0.4 { angleTarg = -0.4 }
        let hoverTarg = 0.55 * abs(s[0])              // target y proportional to the horizontal offset
        var angleTodo = (angleTarg - s[4]) * 0.5 - s[5] * 1.0
        var hoverTodo = (hoverTarg - s[1]) * 0.5 - s[3] * 0.5
        if s[6] != 0 || s[7] != 0 {                   // legs have contact
            angleTodo = 0
            hoverTodo = -s[3] * 0.5                    // reduce the fall speed, that's all
        }
        if continuous {
            let a = [hoverTodo * 20 - 1, -angleTodo * 20].map { min(max($0, -1), 1) }
            return .float32(a)
        }
        if hoverTodo > abs(angleTodo) && hoverTodo > 0.05 { return .int(2) }
        if angleTodo < -0.05 { return .int(3) }
        if angleTodo > 0.05 { return .int(1) }
        return .int(0)
    }

    /// The heuristic's action for this env's kind (`env.unwrapped.continuous`).
    public func heuristic(_ observation: EnvValue) -> EnvValue {
        LunarLanderEnv.heuristic(observation.scalars.map { Float($0) }, continuous: core.continuous)
    }
}
