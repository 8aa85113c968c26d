import BookDSL
import RLSupport

/// A host function with its static signature (bound as a global and inside `gym.wrappers` / `gym.spaces`).
struct EnvHostFunction {
    let name: String
    let signature: Signature
    let body: (Arguments) throws -> Value
    init(_ name: String, _ signature: String, _ body: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.signature = Signature(signature)
        self.body = body
    }

    /// Label checks for calls that bypass the static checker (`gym.wrappers.TimeLimit(...)`).
    func callChecked(_ args: Arguments) throws -> Value {
        let known = signature.parameters.compactMap { $0.label }
        for case let label? in args.labels where !known.contains(label) {
            throw BindingError("extraneous argument label '\(label):' in call to \(name)\(signature.text)\(DidYouMean.suggest(label, from: known).map { "; did you mean '\($0)'?" } ?? "")")
        }
        return try body(args)
    }
}
