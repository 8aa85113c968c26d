import BookDSL
import RLAgents

/// A training callback (`EvalCallback`, `CheckpointCallback`, ...) as cells see it; an
/// `EvalCallback` also exposes its history (`results` as table rows, `evaluationsTimesteps`, ...).
final class CallbackObject: NativeObject, CacheConstructible {
    let callback: BaseCallback
    /// The call that made it (`EvalCallback(evalEnv: ...)`): how the cell cache makes it again.
    let construction: EngineConstruction?
    init(_ callback: BaseCallback, madeBy construction: EngineConstruction? = nil) {
        self.callback = callback
        self.construction = construction
    }

    func cacheState() throws -> [UInt8] {
        var s = TrainingState()
        try callback.writeState(into: &s, prefix: "callback.")
        return try s.encoded()
    }

    func restoreCacheState(_ bytes: [UInt8]) throws { try callback.readState(try TrainingState.decode(bytes), prefix: "callback.") }

    var typeName: String { callback.name }
    var description: String { "<\(callback.name)>" }
    var memberNames: [String] {
        var names = ["nCalls"]
        if callback is EvalCallback {
            names += ["bestMeanReward", "lastMeanReward", "evaluationsTimesteps", "evaluationsResults", "evaluationsLength", "results"]
        }
        if callback is CheckpointCallback { names.append("saved") }
        return names
    }

    func getMember(_ name: String) throws -> Value? {
        if name == "nCalls" { return .int(callback.nCalls) }
        if let c = callback as? CheckpointCallback, name == "saved" { return .array(c.saved.map { .string($0) }) }
        guard let e = callback as? EvalCallback else { return nil }
        switch name {
        case "bestMeanReward": return .double(e.bestMeanReward)
        case "lastMeanReward": return .double(e.lastMeanReward)
        case "evaluationsTimesteps": return .array(e.evaluationsTimesteps.map { .int($0) })
        case "evaluationsResults": return .array(e.evaluationsResults.map { .array($0.map { .double($0) }) })
        case "evaluationsLength": return .array(e.evaluationsLength.map { .array($0.map { .int($0) }) })
        case "results":
            return .array(zip(e.evaluationsTimesteps, e.evaluationsResults).map { t, r in
                let mean = Statistics.mean(r), std = Statistics.std(r)
                return .dict(DictBox(keys: [.string("timesteps"), .string("mean_reward"), .string("std_reward"), .string("episodes")],
                                     values: [.int(t), .double((mean * 100).rounded() / 100), .double((std * 100).rounded() / 100), .int(r.count)]))
            })
        default: return nil
        }
    }
}
