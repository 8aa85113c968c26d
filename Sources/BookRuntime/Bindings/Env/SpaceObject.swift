import BookDSL
import RLEnv
import RLSupport
import RLTensor

/// A Gymnasium space as cells see it (`Discrete(5)`, `Box(0, 255, (96, 96, 3), uint8)`), printed as
/// Gymnasium prints it.
///
/// Members: `n`, `start` (Discrete), `shape`, `dtype`, `low`, `high` (Box, as tensors), `nvec`
/// (MultiDiscrete), `spaces` / `keys` (Tuple / Dict); methods `sample()` (`sample(mask:)`,
/// `sample(probability:)` for Discrete), `seed(_:)`, `contains(_:)`, `isBounded(_:)` (Box);
/// `space[i]` / `space["key"]` for Tuple and Dict.
final class SpaceObject: NativeObject {
    let space: Space

    init(_ space: Space) { self.space = space }

    static func value(_ space: Space) -> Value { .native(SpaceObject(space)) }

    var typeName: String {
        switch space {
        case is Discrete: return "Discrete"
        case is Box: return "Box"
        case is MultiDiscrete: return "MultiDiscrete"
        case is MultiBinary: return "MultiBinary"
        case is TupleSpace: return "Tuple"
        case is DictSpace: return "Dict"
        default: return "Space"
        }
    }

    var description: String { space.description }

    var memberNames: [String] {
        var names = ["shape", "dtype", "sample", "seed", "contains", "npRandom"]
        switch space {
        case is Discrete: names += ["n", "start"]
        case is Box: names += ["low", "high", "isBounded", "boundedBelow", "boundedAbove"]
        case is MultiDiscrete: names += ["nvec", "start"]
        case is MultiBinary: names += ["n"]
        case is TupleSpace: names += ["spaces", "count"]
        case is DictSpace: names += ["spaces", "keys", "count"]
        default: break
        }
        return names
    }

    func getMember(_ name: String) throws -> Value? {
        switch (name, space) {
        case ("shape", _): return space.shape.map { .array($0.map { .int($0) }) } ?? .nilValue
        case ("dtype", _): return space.dtype.map { .symbol($0.tensorDType.rawValue) } ?? .nilValue
        case ("n", let d as Discrete): return .int(d.n)
        case ("start", let d as Discrete): return .int(d.start)
        case ("n", let m as MultiBinary): return m.n.count == 1 ? .int(m.n[0]) : .array(m.n.map { .int($0) })
        case ("nvec", let m as MultiDiscrete): return .array(m.nvec.map { .int($0) })
        case ("start", let m as MultiDiscrete): return .array(m.start.map { .int($0) })
        case ("low", let b as Box): return try bound(b.low, b)
        case ("high", let b as Box): return try bound(b.high, b)
        case ("boundedBelow", let b as Box): return .array(b.boundedBelow.map { .bool($0) })
        case ("boundedAbove", let b as Box): return .array(b.boundedAbove.map { .bool($0) })
        case ("spaces", let t as TupleSpace): return .array(t.spaces.map { SpaceObject.value($0) })
        case ("spaces", let d as DictSpace):
            return .dict(DictBox(keys: d.keys.map { .string($0) }, values: d.spaces.map { SpaceObject.value($0) }))
        case ("keys", let d as DictSpace): return .array(d.keys.map { .string($0) })
        case ("count", let t as TupleSpace): return .int(t.spaces.count)
        case ("count", let d as DictSpace): return .int(d.keys.count)
        case ("npRandom", _): return .native(GeneratorObject(space.npRandom))
        default: return nil
        }
    }

    /// Bounds as a tensor of the box's dtype and shape.
    func bound(_ values: [Double], _ b: Box) throws -> Value {
        let dtype = (b.dtype ?? .float32).tensorDType
        return TensorObject.value(try Tensor(values, shape: b.shape ?? [values.count], dtype: dtype))
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "sample":
            if let d = space as? Discrete {
                if args.isEmpty { return .int(d.sampleInt()) }
                let mask = try args.value("mask").flatMap { $0.unwrapped }.map { v -> [Int8] in
                    guard let (values, _, _) = EnvConversion.flatNumbers(v) else { throw BindingError("mask must be an array of 0s and 1s") }
                    return values.map { $0 == 0 ? 0 : $0 == 1 ? 1 : 2 }
                }
                let probability = try args.value("probability").flatMap { $0.unwrapped }.map { v -> [Double] in
                    guard let (values, _, _) = EnvConversion.flatNumbers(v) else { throw BindingError("probability must be an array of numbers") }
                    return values
                }
                return .int(try d.sample(mask: mask, probability: probability))
            }
            if !args.isEmpty { throw BindingError("\(typeName).sample() takes no arguments here (mask and probability are supported for Discrete spaces)") }
            return try EnvConversion.value(space.sample())
        case "seed":
            let seeds = try space.seed(try EnvConversion.seed(args.value(nil)))
            return .array(seeds.map { .int($0) })
        case "contains":
            guard let v = args.value(nil) else { throw HostError.missing("#1") }
            return .bool(contains(v))
        case "isBounded":
            guard let b = space as? Box else { return nil }
            return .bool(b.isBounded(try args.string(nil, default: "both")))
        default:
            return nil
        }
    }

    /// `x in space`: lists are cast to the space's dtype (as Gymnasium's `np.asarray(x, dtype=...)`),
    /// tensors keep their dtype (a float64 tensor is not in a float32 box, as in numpy).
    func contains(_ v: Value) -> Bool {
        switch space {
        case is Discrete:
            if case .int = v.unwrapped ?? .void { return space.contains(.int(v.asInt ?? 0)) }
            if let t = v.tensor { return space.contains(.array(EnvConversion.envArray(t))) }
            return false
        default:
            if let t = v.tensor { return space.contains(.array(EnvConversion.envArray(t))) }
            guard let e = try? EnvConversion.envValue(v, space: space) else { return false }
            return space.contains(e)
        }
    }

    func subscriptGet(_ args: Arguments) throws -> Value? {
        guard let key = args.value(nil) else { return nil }
        if let t = space as? TupleSpace, let i = key.asInt {
            guard i >= 0 && i < t.spaces.count else { throw BindingError("index \(i) out of range for \(t) with \(t.spaces.count) subspaces") }
            return SpaceObject.value(t.spaces[i])
        }
        if let d = space as? DictSpace, let k = key.asString {
            guard let s = d[k] else {
                throw BindingError("no subspace '\(k)' in \(d)\(DidYouMean.suggest(k, from: d.keys).map { "; did you mean '\($0)'?" } ?? "")")
            }
            return SpaceObject.value(s)
        }
        return nil
    }

    func iterate() throws -> [Value]? {
        if let t = space as? TupleSpace { return t.spaces.map { SpaceObject.value($0) } }
        if let d = space as? DictSpace { return d.keys.map { .string($0) } }
        return nil
    }

    func isEqual(to other: Value) -> Bool {
        guard case .native(let o) = other, let s = o as? SpaceObject else { return false }
        return s.space === space || s.space.isEqual(to: space)
    }
}
