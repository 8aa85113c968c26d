import BookDSL

/// `gym.spaces`, `gym.wrappers`, `gym.vector`: the same functions as the globals, as members.
final class EnvNamespace: NativeObject {
    let name: String
    let functions: [String: EnvHostFunction]
    let order: [String]

    init(_ name: String, _ functions: [EnvHostFunction]) {
        self.name = name
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.order = functions.map(\.name)
    }

    var typeName: String { name }
    var description: String { "<module '\(name.replacingOccurrences(of: "gym.", with: "gymnasium."))'>" }
    var memberNames: [String] { order }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard let f = functions[name] else { return nil }
        return try f.callChecked(args)
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        guard hasPrefix(a) else { return self }
        return b + dropFirst(a.count)
    }
}
