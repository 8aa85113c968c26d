/// What can go wrong building, training, saving or loading an agent. Each case carries a complete
/// message (what went wrong and what to do); `BookRuntime` adds the cell location.
public enum AgentError: Error, CustomStringConvertible, Sendable {
    /// A constructor or method argument is not acceptable (wrong policy name, bad value, ...).
    case invalidArgument(String)
    /// The environment does not fit the algorithm or policy (image env with MlpPolicy, Box actions for DQN, ...).
    case unsupportedEnv(String)
    /// Training produced a non-finite loss or parameter.
    case numerical(String)
    /// A saved model could not be read or written.
    case file(String)
    /// Memory the agent would need is not available.
    case memory(String)

    public var description: String {
        switch self {
        case .invalidArgument(let m), .unsupportedEnv(let m), .numerical(let m), .file(let m), .memory(let m): return m
        }
    }
}
