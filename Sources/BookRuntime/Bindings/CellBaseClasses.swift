import BookDSL
import RLNN
import RLTensor

/// Engine types that cell classes subclass, as in PyTorch and Gymnasium:
/// `class QNet: Module` (the Module API over the class's stored layers and tensors) and
/// `class ImageEnv: gym.Wrapper` (and `ObservationWrapper`, `ActionWrapper`, `RewardWrapper`).
enum CellBaseClasses {
    static func install(into interpreter: Interpreter) {
        interpreter.defineBaseClass(moduleBase(interpreter))
        for kind in WrapperKind.allCases { interpreter.defineBaseClass(wrapperBase(kind, interpreter)) }
    }

    // MARK: - Module

    static func moduleBase(_ interp: Interpreter) -> HostBaseClass {
        HostBaseClass(name: "Module", properties: ["training"], methods: ModuleObject.commonNames.filter { $0 != "training" },
                      describe: { [weak interp] v in interp.flatMap { moduleObject(v, $0)?.description } }) { [weak interp] selfValue, name, args in
            guard let interp, let m = moduleObject(selfValue, interp) else { return nil }
            guard let args else {
                if name == "callAsFunction" { return .native(ForwardCaller(m)) }   // `net(x)` with only `forward` written
                return try m.getMember(name)
            }
            if name == "forward" { return nil }   // the cell class must write forward(_:) or callAsFunction(_:)
            let r = try m.callMethod(name, args)
            if case .native(let o as ModuleObject)? = r, o === m { return selfValue }   // `net.to("cpu")`, `net.eval()` return the net
            return r
        }
    }

    /// The engine module standing for a cell object (kept in the object, made on first use).
    static func moduleObject(_ v: Value, _ interp: Interpreter) -> ModuleObject? {
        guard case .object(let o) = v else { return nil }
        if case .native(let m as ModuleObject) = interp.hostState(of: v) { return m }
        let m = ModuleObject(CellNetwork(o, interpreter: interp))
        interp.setHostState(of: v, .native(m))
        return m
    }

    // MARK: - Wrappers

    enum WrapperKind: String, CaseIterable {
        case wrapper = "Wrapper", observation = "ObservationWrapper", action = "ActionWrapper", reward = "RewardWrapper"
    }

    static func wrapperBase(_ kind: WrapperKind, _ interp: Interpreter) -> HostBaseClass {
        HostBaseClass(
            name: "gym." + kind.rawValue,
            properties: ["env", "unwrapped", "actionSpace", "observationSpace", "spec", "metadata", "renderMode"],
            methods: ["reset", "step", "render", "close"],
            initialize: { [weak interp] selfValue, args in
                guard let env = args.values.first, args.count == 1 else {
                    throw BindingError("super.init takes the environment to wrap: super.init(env)")
                }
                interp?.setHostState(of: selfValue, env)
            },
            describe: { [weak interp] v in
                guard let interp else { return nil }
                let inner = interp.hostState(of: v)
                return "<\(v.typeName)\(inner.description)>"
            }
        ) { [weak interp] selfValue, name, args in
            guard let interp else { return nil }
            let env = interp.hostState(of: selfValue)
            if case .void = env { throw BindingError("the wrapper has no environment: call super.init(env) in its init") }
            guard let args else {
                switch name {
                case "env": return env
                case "unwrapped": return (try? interp.member(env, "unwrapped")) ?? env
                default: return try interp.member(env, name)
                }
            }
            switch (kind, name) {
            case (.observation, "reset"):
                let r = try interp.callMethod(env, "reset", args.values, labels: args.labels)
                guard case .tuple(let t) = r, t.values.count == 2 else { return r }
                let obs = try interp.callMethod(selfValue, "observation", [t.values[0]])
                return .tuple(TupleBox.make([obs, t.values[1]], labels: t.labels))
            case (.observation, "step"), (.reward, "step"), (.action, "step"):
                var vals = args.values
                if kind == .action, let a = vals.first { vals[0] = try interp.callMethod(selfValue, "action", [a]) }
                let r = try interp.callMethod(env, "step", vals, labels: args.labels)
                guard case .tuple(let t) = r, t.values.count == 5 else { return r }
                var out = t.values
                if kind == .observation { out[0] = try interp.callMethod(selfValue, "observation", [out[0]]) }
                if kind == .reward { out[1] = try interp.callMethod(selfValue, "reward", [out[1]]) }
                return .tuple(TupleBox.make(out, labels: t.labels))
            default:
                return try interp.callMethod(env, name, args.values, labels: args.labels)
            }
        }
    }
}

/// A cell object as an engine `Module`: its stored layers are the children (PyTorch's names:
/// `fc1.weight`), its stored tensors that require gradients are its own parameters.
final class CellNetwork: Module {
    weak var instance: ClassInstance?
    weak var interpreter: Interpreter?
    init(_ instance: ClassInstance, interpreter: Interpreter) {
        self.instance = instance
        self.interpreter = interpreter
        super.init()
    }

    var value: Value? { instance.map { .object($0) } }

    override var reprName: String { instance?.cls.name ?? "Module" }
    override var summary: String { reprName + "()" }

    override func forward(_ x: Tensor) throws -> Tensor {
        guard let interp = interpreter, let v = value else { throw BindingError("this network can no longer run") }
        let arg = TensorObject.value(x)
        let r = interp.hasMethod(v, "forward") ? try interp.callMethod(v, "forward", [arg]) : try interp.call(v, [arg])
        guard let t = r.tensor else { throw BindingError("forward of '\(v.typeName)' returned a '\(r.typeName)', not a Tensor") }
        return t
    }

    private var fields: [(name: String, value: Value)] {
        guard let interp = interpreter, let v = value else { return [] }
        return interp.properties(of: v).filter { !$0.name.hasPrefix("lazy.") }
    }

    override var ownParameters: [(String, Tensor)] {
        fields.compactMap { f in
            if case .native(let o as TensorObject) = f.value.unwrapped ?? f.value, o.tensor.requiresGrad { return (f.name, o.tensor) }
            return nil
        }
    }

    override var children: [(String, Module)] {
        guard let interp = interpreter else { return [] }
        var out: [(String, Module)] = []
        func module(_ v: Value) -> Module? {
            switch v.unwrapped ?? v {
            case .native(let o as ModuleObject): return o.module
            case .object: return CellBaseClasses.moduleObject(v, interp)?.module
            default: return nil
            }
        }
        for f in fields {
            if case .object(let o) = f.value, !CellNetwork.isModuleClass(o.cls, interp) { continue }
            if let m = module(f.value) { out.append((f.name, m)); continue }
            if case .array(let items) = f.value {
                // an array of layers, like PyTorch's ModuleList: `layers.0.weight`
                for (i, x) in items.enumerated() { if let m = module(x) { out.append(("\(f.name).\(i)", m)) } }
            }
        }
        return out
    }

    /// Cell classes that subclass Module (directly or through another cell class).
    static func isModuleClass(_ t: StructType, _ interp: Interpreter) -> Bool {
        interp.isSubclass(t, ofEngineType: "Module")
    }
}

/// `net(x)` for a cell network that writes only `forward(_:)`.
final class ForwardCaller: NativeObject {
    let module: ModuleObject
    init(_ m: ModuleObject) { module = m }
    var typeName: String { "forward" }
    func callAsFunction(_ args: Arguments) throws -> Value? {
        try args.expect("forward", "_")
        return TensorObject.value(try module.forward(args[0]))
    }
}
