import BookDSL
import RLEnv
import RLTensor

/// Space constructors for cells, named and printed as Gymnasium's: `Discrete(5)`,
/// `Box(low: 0, high: 255, shape: [96, 96, 3], dtype: .uint8)`, `MultiDiscrete([3, 2])`,
/// `MultiBinary(4)`, `Tuple([Discrete(2), Discrete(3)])`, `Dict(["pos": Box(...), "id": Discrete(4)])`.
enum SpaceBindings {
    static func seed(_ a: Arguments) throws -> Int? { try EnvConversion.seed(a.value("seed")) }

    /// Bounds: a number (broadcast to `shape`), nested arrays of numbers or a tensor.
    static func bound(_ v: Value?, _ name: String) throws -> (values: [Double], shape: [Int])? {
        guard let v, let u = v.unwrapped else { throw HostError.missing(name) }
        if u.asDouble != nil { return nil }
        if let t = u.tensor { return (t.scalars, t.shape) }
        guard let (values, shape, _) = EnvConversion.flatNumbers(u) else {
            throw BindingError("Box \(name) must be a number, an array of numbers or a Tensor, got a value of type '\(u.typeName)'")
        }
        return (values, shape)
    }

    static func envDType(_ v: Value?) throws -> DType {
        guard let v, !v.isNil else { return .float32 }
        if let t = try TensorConversion.dtype(v) { return t }
        return .float32
    }

    static func spaceList(_ v: Value?, function: String) throws -> [Space] {
        guard let v else { throw HostError.missing("spaces") }
        var items: [Value] = v.asArray ?? []
        if case .tuple(let t) = v { items = t.values }
        return try items.map { item in
            guard case .native(let o) = item, let s = o as? SpaceObject else {
                throw BindingError("\(function) takes an array of spaces, got an element of type '\(item.typeName)'")
            }
            return s.space
        }
    }

    /// The constructors; spaces made without `seed:` are seeded by `seeder` (book seed).
    static func functions(seeder: EnvSeeder) -> [EnvHostFunction] {
        func made(_ space: Space, _ a: Arguments) throws -> Value {
            if try seed(a) == nil { seeder.seed(space) }
            return SpaceObject.value(space)
        }
        return [
            EnvHostFunction("Discrete", "_, start?, seed?") { a in
                let (_, overflow) = try a.int(nil).addingReportingOverflow(try a.int("start", default: 0))
                if overflow { throw BindingError("Discrete start + n overflows Int") }
                return try made(try Discrete(try a.int(nil), start: try a.int("start", default: 0), seed: try seed(a)), a)
            },
            EnvHostFunction("Box", "low, high, shape?, dtype?, seed?") { a in
                let dtype = try envDType(a.value("dtype"))
                var shape: [Int]? = nil
                if let s = a.value("shape"), let u = s.unwrapped {
                    var items: [Value] = u.asArray ?? []
                    if case .tuple(let t) = u { items = t.values }
                    if let i = u.asInt { items = [.int(i)] }
                    guard items.allSatisfy({ $0.asInt != nil }) else { throw BindingError("Box shape must be an array of Ints such as [96, 96, 3]") }
                    shape = items.compactMap { $0.asInt }
                    try EnvConversion.checkedCount(shape ?? [], "Box shape")
                }
                let low = try bound(a.value("low"), "low")
                let high = try bound(a.value("high"), "high")
                switch (low, high) {
                case (nil, nil):
                    let l = try a.double("low"), h = try a.double("high")
                    guard let shape else {
                        return try made(try Box(low: [l], high: [h], shape: [1], dtype: dtype, seed: try seed(a)), a)
                    }
                    return try made(try Box(low: l, high: h, shape: shape, dtype: dtype, seed: try seed(a)), a)
                default:
                    let arrayShape = low?.shape ?? high?.shape ?? [1]
                    let shape = shape ?? arrayShape
                    let n = try EnvConversion.checkedCount(shape, "Box shape")
                    let l = try low?.values ?? Array(repeating: try a.double("low"), count: n)
                    let h = try high?.values ?? Array(repeating: try a.double("high"), count: n)
                    return try made(try Box(low: l, high: h, shape: shape, dtype: dtype, seed: try seed(a)), a)
                }
            },
            EnvHostFunction("MultiDiscrete", "_, start?, seed?") { a in
                let nvec = try a.value(nil).flatMap { EnvConversion.flatNumbers($0) }.map { try EnvConversion.ints($0.values, "MultiDiscrete nvec") }
                guard let nvec else { throw BindingError("MultiDiscrete takes an array of Ints such as [3, 2]") }
                let start = try a.value("start").flatMap { $0.unwrapped }.map { v -> [Int] in
                    guard let (values, _, _) = EnvConversion.flatNumbers(v) else { throw BindingError("start must be an array of Ints") }
                    return try EnvConversion.ints(values, "MultiDiscrete start")
                }
                return try made(try MultiDiscrete(nvec, start: start, seed: try seed(a)), a)
            },
            EnvHostFunction("MultiBinary", "_, seed?") { a in
                if let n = a.value(nil)?.asInt { return try made(try MultiBinary(n, seed: try seed(a)), a) }
                guard let v = a.value(nil), let (values, _, _) = EnvConversion.flatNumbers(v) else {
                    throw BindingError("MultiBinary takes an Int or a shape such as [2, 3]")
                }
                let shape = try EnvConversion.ints(values, "MultiBinary shape")
                try EnvConversion.checkedCount(shape, "MultiBinary shape")
                return try made(try MultiBinary(shape: shape, seed: try seed(a)), a)
            },
            EnvHostFunction("Tuple", "_, seed?") { a in
                try made(TupleSpace(try spaceList(a.value(nil), function: "Tuple"), seed: try seed(a)), a)
            },
            EnvHostFunction("Dict", "_, seed?") { a in
                guard case .dict(let d)? = a.value(nil)?.unwrapped else {
                    throw BindingError("Dict takes a dictionary of spaces such as [\"position\": Discrete(3)]")
                }
                var pairs: [String: Space] = [:]
                for (k, v) in zip(d.keys, d.values) {
                    guard let key = k.asString else { throw BindingError("Dict space keys must be Strings") }
                    guard case .native(let o) = v, let s = o as? SpaceObject else {
                        throw BindingError("Dict values must be spaces, got '\(v.typeName)' for key '\(key)'")
                    }
                    pairs[key] = s.space
                }
                return try made(DictSpace(pairs, seed: try seed(a)), a)
            },
        ]
    }
}
