import BookDSL
import RLSupport

/// Parsed method signatures, shared by all interpreters (parsing a spec on every call would dominate small ops).
final class SignatureCache: @unchecked Sendable {
    static let shared = SignatureCache()
    private var map: [String: Signature] = [:]
    private let lock = NSLockLite()
    private init() {}

    func signature(_ spec: String) -> Signature {
        lock.lock()
        defer { lock.unlock() }
        if let s = map[spec] { return s }
        let s = Signature(spec)
        map[spec] = s
        return s
    }
}

/// Runtime label checks for methods of engine objects (host functions are checked statically
/// by their `Signature`; methods are found only at run time).
extension Arguments {
    /// Throws a Swift-like "incorrect argument label" error unless the call fits `spec`
    /// (same syntax as `Signature`: `"_, dim?, keepdim?"`).
    func expect(_ method: String, _ spec: String) throws {
        if spec.isEmpty && values.isEmpty { return }
        let sig = SignatureCache.shared.signature(spec)
        if labels.allSatisfy({ $0 == nil }) && values.count == sig.parameters.count
            && sig.parameters.allSatisfy({ $0.label == nil && !$0.variadic }) { return }
        let allowed = sig.parameters.compactMap(\.label)
        let unlabelled = sig.parameters.filter { $0.label == nil }
        let variadic = unlabelled.contains { $0.variadic }
        for l in labels {
            guard let l else { continue }
            if !allowed.contains(l) {
                let hint = DidYouMean.suggest(l, from: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw BindingError("incorrect argument label '\(l):' in call to '\(method)\(sig.text)'\(hint)")
            }
        }
        let given = labels.filter { $0 == nil }.count
        if !variadic && given > unlabelled.count {
            throw BindingError(unlabelled.isEmpty && allowed.isEmpty
                ? "'\(method)()' takes no arguments"
                : "extra argument in call to '\(method)\(sig.text)'")
        }
        let required = unlabelled.filter { !$0.hasDefault && !$0.variadic }.count
        if given < required {
            throw BindingError("missing argument for parameter #\(given + 1) in call to '\(method)\(sig.text)'")
        }
        for p in sig.parameters where p.label != nil && !p.hasDefault && !labels.contains(p.label) {
            throw BindingError("missing argument for parameter '\(p.label!)' in call to '\(method)\(sig.text)'")
        }
    }

    /// An optional Int argument (nil when absent or `nil`).
    func optionalInt(_ label: String?, index: Int = 0) throws -> Int? {
        guard let v = value(label, index: index), !v.isNil else { return nil }
        return try int(label, index: index)
    }

    /// An optional Double argument (nil when absent or `nil`).
    func optionalDouble(_ label: String?, index: Int = 0) throws -> Double? {
        guard let v = value(label, index: index), !v.isNil else { return nil }
        return try double(label, index: index)
    }
}
