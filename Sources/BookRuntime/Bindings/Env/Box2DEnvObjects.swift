import BookDSL
import RLEnv
import RLPhysics

/// LunarLander's and BipedalWalker's state as cells see it through `env.unwrapped` (named as in
/// Gymnasium, camelCased): bodies (`lander`, `hull`, `legs`) with `position`, `angle`,
/// `linearVelocity`, `angularVelocity`, `mass`; leg contacts, `gameOver`, and the options.
enum Box2DEnvObjects {
    static let lunarLanderMembers = ["lander", "legs", "legGroundContact", "gameOver", "continuous", "gravity", "enableWind",
                                     "windPower", "turbulencePower", "windIdx", "torqueIdx", "helipadX1", "helipadX2", "helipadY"]
    static let bipedalWalkerMembers = ["hull", "legs", "legGroundContact", "gameOver", "hardcore", "scroll", "terrainX", "terrainY"]

    static func body(_ b: Body) -> Value {
        .native(CarBodyObject(CarBodyView(position: { (Double(b.position.x), Double(b.position.y)) }, angle: { Double(b.angle) },
                                          linearVelocity: { (Double(b.linearVelocity.x), Double(b.linearVelocity.y)) },
                                          angularVelocity: { Double(b.angularVelocity) }, mass: { Double(b.mass) }, wheel: nil)))
    }

    static func member(_ name: String, of env: LunarLanderEnv) -> Value? {
        let c = env.core
        switch name {
        case "lander": return c.lander.map(body) ?? .nilValue
        case "legs": return .array(c.legs.map(body))
        case "legGroundContact": return .array(c.legGroundContact.map { .bool($0) })
        case "gameOver": return .bool(c.gameOver)
        case "continuous": return .bool(c.continuous)
        case "gravity": return .double(c.gravity)
        case "enableWind": return .bool(c.enableWind)
        case "windPower": return .double(c.windPower)
        case "turbulencePower": return .double(c.turbulencePower)
        case "windIdx": return .int(c.windIdx)
        case "torqueIdx": return .int(c.torqueIdx)
        case "helipadX1": return .double(c.helipadX1)
        case "helipadX2": return .double(c.helipadX2)
        case "helipadY": return .double(c.helipadY)
        default: return nil
        }
    }

    static func member(_ name: String, of env: BipedalWalkerEnv) -> Value? {
        let c = env.core
        switch name {
        case "hull": return c.hull.map(body) ?? .nilValue
        case "legs": return .array(c.legs.map(body))
        case "legGroundContact": return .array(env.legGroundContact.map { .bool($0) })
        case "gameOver": return .bool(c.gameOver)
        case "hardcore": return .bool(c.hardcore)
        case "scroll": return .double(c.scroll)
        case "terrainX": return .array(c.terrainX.map { .double($0) })
        case "terrainY": return .array(c.terrainY.map { .double($0) })
        default: return nil
        }
    }
}

/// `BipedalWalkerHeuristics()` as cells see it (Gymnasium's scripted walker): `stepHeuristic(obs)`
/// returns the next action as a float32 tensor of four values.
final class BipedalWalkerHeuristicObject: NativeObject {
    var heuristic = BipedalWalkerHeuristic()
    var typeName: String { "BipedalWalkerHeuristics" }
    var memberNames: [String] { ["stepHeuristic"] }
    func getMember(_ name: String) throws -> Value? { nil }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard name == "stepHeuristic" else { return nil }
        guard args.count == 1, let s = args.value(nil) else {
            throw BindingError("stepHeuristic(obs) takes the walker's latest observation (24 numbers)")
        }
        let obs = try EnvConversion.envValue(s).scalars
        guard obs.count == 24 else {
            throw BindingError("stepHeuristic expects BipedalWalker's 24-value observation, got \(obs.count) values")
        }
        let a = heuristic.step(obs.map { Float($0) })
        return try EnvConversion.value(.float32(a.map { Float($0) }))
    }
}
