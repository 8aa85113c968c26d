import BookDSL
import RLAgents

/// `model.replayBuffer` of a DQN, read as SB3's `model.replay_buffer`: `size()` (transitions per env, up to
/// `bufferSize`), `bufferSize` (per env, as SB3 divides it by `nEnvs`), `pos`, `full`, `nEnvs`; and what rlbook
/// adds: `bytesPerTransition` and `storedBytes` (the memory its transitions take).
final class ReplayBufferObject: NativeObject {
    let buffer: ReplayBuffer
    init(_ buffer: ReplayBuffer) { self.buffer = buffer }

    var typeName: String { "ReplayBuffer" }
    var description: String { "<ReplayBuffer size=\(buffer.size) buffer_size=\(buffer.perEnv) n_envs=\(buffer.nEnvs)>" }
    var memberNames: [String] { ["size", "bufferSize", "pos", "full", "nEnvs", "bytesPerTransition", "storedBytes"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "bufferSize": return .int(buffer.perEnv)
        case "pos": return .int(buffer.pos)
        case "full": return .bool(buffer.isFull)
        case "nEnvs": return .int(buffer.nEnvs)
        case "bytesPerTransition": return .double(buffer.bytesPerTransition)
        case "storedBytes": return .int(buffer.storedBytes)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard name == "size" else { return nil }
        try args.expect(name, "")
        return .int(buffer.size)
    }
}
