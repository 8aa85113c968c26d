/// Errors from constructing or sampling spaces, worded like Gymnasium's.
public enum SpaceError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An argument Gymnasium refuses (bad `n`, bad bounds, bad mask, ...).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidArgument(let m): return m
        }
    }
}
