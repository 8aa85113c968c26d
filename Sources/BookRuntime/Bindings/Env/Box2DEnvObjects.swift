import BookDSL
import RLEnv
import RLPhysics

/// LunarLander's and BipedalWalker's bodies (`lander`, `hull`, `legs`, from their `EnvAttributes`) as
/// cells see them: `position`, `angle`, `linearVelocity`, `angularVelocity`, `mass`.
enum Box2DEnvObjects {
    static func body(_ b: Body) -> Value {
        .native(CarBodyObject(CarBodyView(position: { (Double(b.position.x), Double(b.position.y)) }, angle: { Double(b.angle) },
                                          linearVelocity: { (Double(b.linearVelocity.x), Double(b.linearVelocity.y)) },
                                          angularVelocity: { Double(b.angularVelocity) }, mass: { Double(b.mass) }, wheel: nil)))
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
