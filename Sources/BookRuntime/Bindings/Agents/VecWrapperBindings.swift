import BookDSL
import RLAgents
import RLEnv

/// SB3's VecEnv wrappers for cells: `VecFrameStack(venv, nStack: 4)` (`channelsOrder:` "last" or "first").
enum VecWrapperBindings {
    static func install(into interpreter: Interpreter) {
        interpreter.defineFunction("VecFrameStack", signature: nil) { args in
            try AgentArguments.check(args, "VecFrameStack", allowed: ["venv", "nStack", "channelsOrder"], positional: 2)
            guard let v = AgentArguments.value(args, "venv", index: 0) else {
                throw BindingError("VecFrameStack needs a VecEnv: VecFrameStack(makeVecEnv(\"CartPole-v1\", nEnvs: 4), nStack: 4)")
            }
            guard case .native(let o) = v.unwrapped ?? v, let venv = o as? AgentVecEnvObject else {
                throw BindingError("VecFrameStack wraps a VecEnv, as in SB3: make one with makeVecEnv(\"CarRacing-v3\", nEnvs: 1) and pass it")
            }
            guard let n = AgentArguments.value(args, "nStack", index: 1) else {
                throw BindingError("VecFrameStack needs nStack: VecFrameStack(venv, nStack: 4)")
            }
            guard let nStack = n.asInt else { throw BindingError("nStack must be an Int, got \(n)") }
            let order = try AgentArguments.value(args, "channelsOrder").map { v -> String in
                guard let s = v.asString else { throw BindingError("channelsOrder must be \"last\" or \"first\"") }
                return s
            }
            return .native(AgentVecEnvObject(try venv.env.stackingFrames(nStack, channelsOrder: order)))
        }
    }
}
