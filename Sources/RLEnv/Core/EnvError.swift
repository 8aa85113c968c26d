/// Errors raised by environments, wrappers and the registry, worded like Gymnasium's exceptions.
public enum EnvError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `ResetNeeded`: `step` / `render` before `reset`.
    case resetNeeded(String)
    /// `InvalidAction`: the action is not in the action space (Gymnasium's `f"{action!r} ({type(action)}) invalid"`).
    case invalidAction(String)
    /// `NameNotFound`: no environment of that name (with a did-you-mean).
    case nameNotFound(String)
    /// `VersionNotFound`: the name exists but not that version.
    case versionNotFound(String)
    /// `DeprecatedEnv`: an older version than the registered ones.
    case deprecatedEnv(String)
    /// `NamespaceNotFound`.
    case namespaceNotFound(String)
    /// A keyword argument the environment does not take (Python's `TypeError ... unexpected keyword argument`).
    case unexpectedKeyword(String)
    /// A keyword argument or option of the wrong type or value.
    case invalidArgument(String)
    /// `RegistrationError` / malformed ids.
    case registration(String)
    /// Anything else Gymnasium reports as `gymnasium.error.Error`.
    case error(String)

    /// The Gymnasium exception class name.
    public var kind: String {
        switch self {
        case .resetNeeded: return "ResetNeeded"
        case .invalidAction: return "InvalidAction"
        case .nameNotFound: return "NameNotFound"
        case .versionNotFound: return "VersionNotFound"
        case .deprecatedEnv: return "DeprecatedEnv"
        case .namespaceNotFound: return "NamespaceNotFound"
        case .unexpectedKeyword: return "TypeError"
        case .invalidArgument: return "ValueError"
        case .registration: return "RegistrationError"
        case .error: return "Error"
        }
    }

    /// The message alone.
    public var message: String {
        switch self {
        case .resetNeeded(let m), .invalidAction(let m), .nameNotFound(let m), .versionNotFound(let m),
             .deprecatedEnv(let m), .namespaceNotFound(let m), .unexpectedKeyword(let m),
             .invalidArgument(let m), .registration(let m), .error(let m):
            return m
        }
    }

    public var description: String { "\(kind): \(message)" }

    /// Gymnasium's invalid-action message for a value, `3 (<class 'int'>) invalid`, followed by the space the action
    /// must belong to when known (`...: the action space is Discrete(2)`), so the reader sees what to pass instead.
    public static func invalidActionMessage(_ action: EnvValue, space: (any CustomStringConvertible)? = nil) -> String {
        let base = gymnasiumInvalidAction(action)
        guard let space else { return base }
        return "\(base): the action space is \(space)"
    }

    static func gymnasiumInvalidAction(_ action: EnvValue) -> String {
        switch action {
        case .int(let i): return "\(i) (<class 'int'>) invalid"
        case .array(let a): return "\(a) (<class 'numpy.ndarray'>) invalid"
        case .tuple: return "\(action) (<class 'tuple'>) invalid"
        case .dict: return "\(action) (<class 'dict'>) invalid"
        }
    }
}
