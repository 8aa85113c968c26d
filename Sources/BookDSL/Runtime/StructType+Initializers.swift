/// Which initializers a class has, by Swift's two inheritance rules (The Swift Programming Language,
/// "Automatic Initializer Inheritance"):
/// 1. a subclass that defines no designated initializer inherits all of its superclass's designated ones;
/// 2. a subclass that has every designated initializer of its superclass (inherited by rule 1 or
///    overridden) also inherits all of its superclass's convenience initializers.
/// A struct, an enum, or a root class has only its own.
extension StructType {
    var initializers: [FunctionProto] {
        guard isClass, let sup = superType else { return inits }
        let inherited = sup.initializers
        if inherited.isEmpty { return inits }
        let designated = inits.filter { !$0.isConvenience }
        let superDesignated = inherited.filter { !$0.isConvenience }
        let hasAll = designated.isEmpty || superDesignated.allSatisfy { s in designated.contains { $0.hasSameLabels(as: s) } }
        var out = inits
        for s in inherited where !inits.contains(where: { $0.hasSameLabels(as: s) }) {
            if designated.isEmpty || (hasAll && s.isConvenience) { out.append(s) }
        }
        return out
    }
}

extension FunctionProto {
    /// Same argument labels, in order (how an override of an initializer is recognised).
    func hasSameLabels(as other: FunctionProto) -> Bool {
        shapes.count == other.shapes.count && zip(shapes, other.shapes).allSatisfy { $0.label == $1.label }
    }
}
