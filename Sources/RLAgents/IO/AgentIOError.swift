/// Errors from the agents' file formats (zip, NPY, TensorBoard event files) and their files.
public enum AgentIOError: Error, CustomStringConvertible, Sendable {
    /// The bytes are not a well-formed file of the expected format; the text says what is wrong.
    case corrupt(String)
    /// A file or folder could not be read, written or created; the text names it and the reason.
    case io(String)
    /// The data does not fit the format's limits (e.g. a zip entry over 4 GiB without zip64).
    case tooLarge(String)

    public var description: String {
        switch self {
        case .corrupt(let what): return "corrupt data: \(what)"
        case .io(let what): return "I/O error: \(what)"
        case .tooLarge(let what): return "too large: \(what)"
        }
    }
}
