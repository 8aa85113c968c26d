/// The types expected for method arguments written as implicit members (`c.mixed(with: .white)`,
/// `colors.contains(.gray(0))`): the parameter's declared type, or the array's element type, so
/// `.white` names the static member as in Swift. Only implicit members are given one: other
/// arguments compile as before.
extension Compiler {
    func implicitMemberArgumentType(_ value: Expr, _ base: Expr, _ name: String, _ args: [Arg], _ index: Int) -> TypeExpr? {
        switch value {
        case .implicitMember, .call(.implicitMember, _, _): break
        default: return nil
        }
        var elements: TypeExpr?
        if case .array(let e)? = inferredType(base) { elements = e }
        if elements == nil, case .array(let items, _) = base { elements = enumTypeOfSiblings(items) }   // `[Color.black, .white]`
        if let e = elements {
            switch name {
            case "append", "contains", "firstIndex", "lastIndex": return args.count == 1 ? e : nil
            case "insert": return index == 0 ? e : nil
            default: return nil
            }
        }
        guard let t = inferredStructType(base) else { return nil }
        let ms = t.findMethods(name)
        guard ms.count == 1, let decl = declaredDecls[ObjectIdentifier(ms[0])], decl.params.count == args.count,
              !decl.params.contains(where: \.variadic) else { return nil }
        return decl.params[index].type
    }

    /// The type an implicit member assigned to `target` names (`palette["fg"] = .white` on a
    /// `[String: Color]`: `Color`); nil for any other value.
    func implicitMemberTargetType(_ target: Expr, _ value: Expr) -> TypeExpr? {
        switch value {
        case .implicitMember("none", _):
            // `c = .none` on an optional: nil
            if case .optional? = inferredType(target) { return inferredType(target) }
            return nil
        case .implicitMember("some", _), .call(.implicitMember("some", _), _, _): return nil
        case .implicitMember, .call(.implicitMember, _, _): break
        default: return nil
        }
        guard let t = inferredType(target) else { return nil }
        if case .optional(let w) = t, case .named = w { return w }
        if case .named = t { return t }
        return nil
    }
}
