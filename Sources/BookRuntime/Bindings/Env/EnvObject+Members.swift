import BookDSL
import RLEnv
import RLPhysics
import RLRender
import RLTensor

/// Members that only some environments and wrappers have (episode statistics, collected frames,
/// running normalisation statistics, the state of the classic-control and toy-text environments,
/// CarRacing's track and car, LunarLander's and BipedalWalker's bodies): one generic lookup through
/// RLEnv's `EnvAttributes` (Gymnasium's attribute access), converted to cell values here. Engine
/// objects are wrapped as `CarObject` (`CarRacingObjects.swift`) and body views (`Box2DEnvObjects.swift`).
extension EnvObject {
    var extraMemberNames: [String] { env.attributeNames }

    func extraMember(_ name: String) throws -> Value? {
        guard let attribute = try env.attribute(name) else { return nil }
        return try EnvObject.value(attribute)
    }

    func setExtraMember(_ name: String, _ value: Value) throws -> Bool {
        guard let provider = env as? EnvAttributes, let current = try provider.envAttribute(name) else { return false }
        let new: EnvAttribute
        switch current {
        case .bool:
            guard let b = value.asBool else { throw BindingError("\(name) must be a Bool") }
            new = .bool(b)
        case .int:
            guard let i = value.asInt else { throw BindingError("\(name) must be an Int") }
            new = .int(i)
        case .double:
            guard let d = value.asDouble else { throw BindingError("\(name) must be a Double") }
            new = .double(d)
        case .string:
            guard let t = value.asString else { throw BindingError("\(name) must be a String") }
            new = .string(t)
        default:
            return false
        }
        return try provider.setEnvAttribute(name, to: new)
    }

    func extraMethod(_ name: String, _ args: Arguments) throws -> Value? {
        guard let provider = env as? EnvAttributes, provider.envAttributeNames.contains(name) else { return nil }
        let envArgs = try args.positional.enumerated().map { try EnvConversion.arg($0.element, name: "\(name) argument \($0.offset + 1)") }
        guard let result = try provider.callEnvAttribute(name, envArgs) else { return nil }
        if case .none = result { return .void }
        return try EnvObject.value(result)
    }

    /// An engine attribute as a cell value.
    static func value(_ a: EnvAttribute) throws -> Value {
        switch a {
        case .none: return .nilValue
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let t): return .string(t)
        case .list(let items): return .array(try items.map(value))
        case .tuple(let items): return .tuple(TupleBox.make(try items.map(value)))
        case .record(let keys, let values):
            return .dict(DictBox(keys: keys.map { .string($0) }, values: try values.map(value)))
        case .frames(let images): return try frames(images)
        case .statistics(let r, let shape): return try rms(r, shape: shape)
        case .object(let o):
            if let car = o as? Car { return .native(CarObject(car)) }
            if let body = o as? Body { return Box2DEnvObjects.body(body) }
            throw BindingError("an engine object of type \(type(of: o)) has no cell representation")
        }
    }

    static func frames(_ images: [RGBImage]) throws -> Value {
        .array(try images.map { try EnvConversion.frame($0) })
    }

    static func doubles(_ v: [Double]?) -> Value {
        v.map { .array($0.map { .double($0) }) } ?? .nilValue
    }

    /// `RunningMeanStd` as `["mean": Tensor, "var": Tensor, "count": Double]` (float64, as Gymnasium's):
    /// shaped like the observation when the sizes agree, 0-d for a single statistic (rewards).
    static func rms(_ r: RunningMeanStd, shape: [Int]?) throws -> Value {
        func tensor(_ values: [Double]) throws -> Tensor {
            if let shape, shape.reduce(1, *) == values.count { return try Tensor(values, shape: shape) }
            return try Tensor(values, shape: values.count == 1 ? [] : [values.count])
        }
        return .dict(DictBox(keys: [.string("mean"), .string("var"), .string("count")],
                             values: [TensorObject.value(try tensor(r.mean)), TensorObject.value(try tensor(r.variance)), .double(r.count)]))
    }
}
