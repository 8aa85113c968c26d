extension Compiler {
    /// Whether `e` is a plain string literal (`"+"`, no interpolation).
    static func isStringLiteral(_ e: Expr) -> Bool {
        if case .stringLit = e { return true }
        return false
    }

    /// The keys of a dictionary literal when each is an Int or String literal and no two are
    /// equal (`["x": a, "y": b]`): the literal is then built without looking its keys up. Nil
    /// for any other key (an expression, a repeated key), which the general path builds.
    static func distinctLiteralKeys(_ es: [Expr]) -> [Value]? {
        var keys: [Value] = []
        var ints = Set<Int>(), strings = Set<String>()
        for e in es {
            switch e {
            case .intLit(let i, _):
                guard ints.insert(i).inserted else { return nil }
                keys.append(.int(i))
            case .stringLit(let s, _):
                guard strings.insert(s).inserted else { return nil }
                keys.append(.string(s))
            default: return nil
            }
        }
        return keys
    }
}
