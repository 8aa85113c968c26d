import RLSupport

/// Errors from layers, state dicts, optimizers and distributions.
public enum NNError: Error, CustomStringConvertible, Sendable {
    /// A state dict lacks keys the module needs, or has keys it does not know.
    case stateDictKeys(missing: [String], unexpected: [String])
    /// A state dict entry has the wrong shape.
    case stateDictShape(key: String, expected: [Int], got: [Int])
    /// An argument is invalid (free-form explanation).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .stateDictKeys(missing, unexpected):
            var parts: [String] = []
            if !missing.isEmpty {
                var s = "Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + "."
                if let u = unexpected.first, let hint = DidYouMean.suggest(u, from: missing) { s += " (did you mean \"\(hint)\"?)" }
                parts.append(s)
            }
            if !unexpected.isEmpty {
                parts.append("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ".")
            }
            return "Error(s) in loading state_dict: " + parts.joined(separator: " ")
        case let .stateDictShape(key, expected, got):
            return "size mismatch for \(key): copying a param with shape \(got) from checkpoint, the shape in current model is \(expected)."
        case let .invalidArgument(m): return m
        }
    }
}
