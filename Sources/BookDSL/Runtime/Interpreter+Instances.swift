/// The fields a new instance of a type starts with: constant defaults, `nil` for optionals,
/// `.void` for the others; defaults that run code are evaluated per instance.
final class InstanceTemplate {
    /// `count` values, copied into each new instance.
    let values: UnsafeMutablePointer<Value>
    let count: Int
    let evaluated: [(field: Int, make: Eval)]
    init(values: [Value], evaluated: [(field: Int, make: Eval)]) {
        count = values.count
        self.values = .allocate(capacity: max(count, 1))
        for (k, v) in values.enumerated() { (self.values + k).initialize(to: v) }
        self.evaluated = evaluated
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }

    convenience init(_ t: StructType) {
        let n = t.fieldNames.count
        var values = [Value](repeating: .void, count: n)
        var evaluated: [(field: Int, make: Eval)] = []
        for k in 0..<n {
            if k < t.fieldConstDefaults.count, let cv = t.fieldConstDefaults[k] { values[k] = cv }
            else if k < t.fieldDefaults.count, let d = t.fieldDefaults[k] { evaluated.append((k, d)) }
            else if k < t.fieldCoercions.count, case .optional = t.fieldCoercions[k] { values[k] = .nilValue }
        }
        self.init(values: values, evaluated: evaluated)
    }
}

extension StructType {
    @inline(__always) var template: InstanceTemplate {
        if let t = instanceTemplate { return t }
        let t = InstanceTemplate(self)
        instanceTemplate = t
        return t
    }
}

/// New struct and class instances (one allocation: fields start from the type's template).
extension Interpreter {
    /// A new instance of struct `t` with its default field values.
    @inline(__always)
    func newStruct(_ t: StructType) throws -> StructInstance {
        let tm = t.template
        let s = StructInstance.make(t, copying: tm.values, count: tm.count)
        if !tm.evaluated.isEmpty { for (k, d) in tm.evaluated { s[k] = try d(Frame.make(count: 0, parent: nil)) } }
        return s
    }

    /// A new instance of class `t` with its default field values.
    @inline(__always)
    func newObject(_ t: StructType) throws -> ClassInstance {
        let tm = t.template
        let o = ClassInstance.make(t, copying: tm.values, count: tm.count)
        if !tm.evaluated.isEmpty { for (k, d) in tm.evaluated { o[k] = try d(Frame.make(count: 0, parent: nil)) } }
        return o
    }
}
