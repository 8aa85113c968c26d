/// `Set`: a `DictBox` whose keys are the elements (`isSet`), so it shares the dictionary's
/// copy-on-write. Elements keep insertion order (Swift's order is unspecified: sort to print).
extension Interpreter {
    static let setMemberNames = ["count", "isEmpty", "first", "contains", "insert", "remove", "removeAll", "union", "intersection",
                                 "subtracting", "symmetricDifference", "formUnion", "formIntersection", "subtract",
                                 "formSymmetricDifference", "isSubset", "isSuperset", "isDisjoint", "isStrictSubset",
                                 "isStrictSuperset", "update", "sorted", "map", "filter", "reduce", "forEach", "min", "max",
                                 "allSatisfy", "randomElement", "popFirst"]

    /// A set holding the distinct elements of `elements`.
    static func makeSet(_ elements: [Value]) -> DictBox {
        let d = DictBox()
        d.isSet = true
        for e in elements where d.get(e) == nil { d.set(e, .void) }
        return d
    }

    func setOperand(_ v: Value?, _ name: String, _ loc: Loc) throws -> DictBox {
        guard let v else { throw RuntimeError("\(name)(_:) needs a set or a sequence", loc) }
        if case .dict(let d) = v, d.isSet { return d }
        return Interpreter.makeSet(try iterate(v, loc))
    }

    func setProperty(_ d: DictBox, _ name: String) -> Value? {
        switch name {
        case "count": return .int(d.count)
        case "isEmpty": return .bool(d.count == 0)
        case "first": return d.count == 0 ? .nilValue : .optional(d.keys[0])
        case "description": return .string(Value.dict(d).description)
        default: return nil
        }
    }

    /// Non-mutating set methods; others fall back to the elements as an array (`map`, `sorted`...).
    func setMethod(_ d: DictBox, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        let arg0 = vals.first
        switch (name, vals.count) {
        case ("contains", 1) where labels.first == nil: return .bool(d.get(arg0!) != nil)
        case ("union", 1):
            let o = try setOperand(arg0, name, loc)
            let r = Interpreter.makeSet(d.keys)
            for k in o.keys where r.get(k) == nil { r.set(k, .void) }
            return .dict(r)
        case ("intersection", 1):
            let o = try setOperand(arg0, name, loc)
            return .dict(Interpreter.makeSet(d.keys.filter { o.get($0) != nil }))
        case ("subtracting", 1):
            let o = try setOperand(arg0, name, loc)
            return .dict(Interpreter.makeSet(d.keys.filter { o.get($0) == nil }))
        case ("symmetricDifference", 1):
            let o = try setOperand(arg0, name, loc)
            return .dict(Interpreter.makeSet(d.keys.filter { o.get($0) == nil } + o.keys.filter { d.get($0) == nil }))
        case ("isSubset", 1):
            let o = try setOperand(arg0, name, loc)
            return .bool(d.keys.allSatisfy { o.get($0) != nil })
        case ("isStrictSubset", 1):
            let o = try setOperand(arg0, name, loc)
            return .bool(d.count < o.count && d.keys.allSatisfy { o.get($0) != nil })
        case ("isSuperset", 1):
            let o = try setOperand(arg0, name, loc)
            return .bool(o.keys.allSatisfy { d.get($0) != nil })
        case ("isStrictSuperset", 1):
            let o = try setOperand(arg0, name, loc)
            return .bool(o.count < d.count && o.keys.allSatisfy { d.get($0) != nil })
        case ("isDisjoint", 1):
            let o = try setOperand(arg0, name, loc)
            return .bool(d.keys.allSatisfy { o.get($0) == nil })
        case ("filter", 1):
            // Set.filter gives a Set (as in Swift)
            return .dict(Interpreter.makeSet(try d.keys.filter { try truth(try call1(arg0!, $0, loc), loc) }))
        default:
            var copy = Value.dict(d)
            if let r = try mutatingSetMethod(&copy, name, vals, labels, loc) { return r }
            let setOnly = ["insert", "remove", "update", "union", "intersection", "subtracting", "symmetricDifference", "formUnion",
                           "formIntersection", "subtract", "formSymmetricDifference", "isSubset", "isSuperset", "isDisjoint",
                           "isStrictSubset", "isStrictSuperset"]
            if setOnly.contains(name) {
                throw RuntimeError("'\(name)' of a Set takes one argument, got \(vals.count)", loc)
            }
            guard Interpreter.setMemberNames.contains(name) || builtinMemberNames(.array([])).contains(name) else {
                throw RuntimeError("value of type '\(Value.dict(d).typeName)' has no member '\(name)'\(DidYouMeanHint.memberHint(name, Interpreter.setMemberNames))", loc)
            }
            return try builtinMethod(.array(d.keys), name, vals, labels, loc)
        }
    }

    /// Mutating set methods; nil when `name` is not one of them.
    func mutatingSetMethod(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value? {
        switch (name, vals.count) {
        case ("insert", 1), ("remove", 1), ("removeAll", 0), ("formUnion", 1), ("formIntersection", 1), ("subtract", 1),
             ("formSymmetricDifference", 1), ("update", 1), ("removeFirst", 0), ("popFirst", 0): break
        default: return nil
        }
        let arg0 = vals.first
        let operand = ["formUnion", "formIntersection", "subtract", "formSymmetricDifference"].contains(name) ? try setOperand(arg0, name, loc) : nil
        let d = v.takeDict()!
        defer { v = .dict(d) }
        try admitDictGrowth(d, loc)
        switch name {
        case "insert":
            if let old = d.storedKey(arg0!) {
                return .tuple(TupleBox.make([.bool(false), old], labels: ["inserted", "memberAfterInsert"]))
            }
            d.set(arg0!, .void)
            return .tuple(TupleBox.make([.bool(true), arg0!], labels: ["inserted", "memberAfterInsert"]))
        case "update":
            let had = d.get(arg0!) != nil
            if !had { d.set(arg0!, .void) }
            return had ? .optional(arg0!) : .nilValue
        case "remove":
            guard let k = d.storedKey(arg0!) else { return .nilValue }
            d.remove(arg0!)
            return .optional(k)
        case "removeFirst", "popFirst":
            guard let k = d.keys.first else {
                if name == "popFirst" { return .nilValue }
                throw RuntimeError("can't remove first element from an empty collection", loc)
            }
            d.remove(k)
            return name == "popFirst" ? .optional(k) : k
        case "removeAll":
            for k in d.keys { d.remove(k) }
        case "formUnion":
            for k in operand!.keys where d.get(k) == nil { d.set(k, .void) }
        case "formIntersection":
            for k in d.keys where operand!.get(k) == nil { d.remove(k) }
        case "subtract":
            for k in operand!.keys { d.remove(k) }
        default: // formSymmetricDifference
            for k in operand!.keys {
                if d.get(k) != nil { d.remove(k) } else { d.set(k, .void) }
            }
        }
        return .void
    }
}
