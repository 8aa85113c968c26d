/// Implicit members (`.white`) met at run time beside an instance of a cell type.
extension Interpreter {
    /// `.white` compared with a `Color` (`c == .white`): `Color.white`; nil when `x` is not an
    /// instance of a cell struct or class. A name that is no static property is an error (Swift
    /// refuses it before running) instead of a silent `false`.
    func staticMemberOfInstanceType(_ x: Value, _ name: String, _ loc: Loc) throws -> Value? {
        if name == "none" || name == "some" { return nil }   // `c == .none` compares with nil
        let t: StructType
        switch x.unwrapped ?? x {
        case .structValue(let s): t = s.type
        case .object(let o): t = o.cls
        default: return nil
        }
        var c: StructType? = t
        while let u = c {
            if let s = u.staticFields[name] { return globals.slots[s] }
            c = u.superType
        }
        throw RuntimeError("type '\(t.name)' has no static property '\(name)' to compare with; write '\(t.name).\(name)' or the value itself", loc)
    }
}
