import BookDSL
import RLNN
import RLTensor

/// A network layer or container (`Linear`, `Sequential`...) as cells see it: call it (`net(x)`),
/// read its parameters, save and load its state dict.
final class ModuleObject: NativeObject, CacheConstructible {
    let module: Module
    /// The call that made it (`Linear(4, 8)`, `Sequential(...)`): how the cell cache makes it again.
    var construction: EngineConstruction?

    func cacheState() throws -> [UInt8] { try Safetensors.encode(module.stateDict().items.map { ($0.0, $0.1.detach()) }) }
    func restoreCacheState(_ bytes: [UInt8]) throws { try module.loadStateDict(StateDict(try Safetensors.decode(bytes).tensors)) }

    /// The dtype of the first parameter (inputs are cast to it), nil for parameter-free layers.
    private var parameterDType: DType?
    init(_ module: Module) {
        self.module = module
        parameterDType = ModuleObject.firstParameterDType(module)
    }

    private static func firstParameterDType(_ m: Module) -> DType? {
        if let p = m.ownParameters.first { return p.1.dtype }
        for (_, c) in m.children { if let d = firstParameterDType(c) { return d } }
        return nil
    }

    var typeName: String { String(describing: type(of: module)) }
    var description: String { module.description }

    static let commonNames = ["parameters", "namedParameters", "stateDict", "loadStateDict", "save", "load",
                              "train", "eval", "training", "zeroGrad", "forward", "children", "to"]

    var memberNames: [String] {
        var names = ModuleObject.commonNames
        switch module {
        case is Linear: names += ["weight", "bias", "inFeatures", "outFeatures"]
        case is Conv2d: names += ["weight", "bias", "inChannels", "outChannels", "kernelSize", "stride", "padding"]
        case is Sequential: names += ["count", "append"]
        case is Softmax: names += ["dim"]
        default: break
        }
        return names
    }

    func getMember(_ name: String) throws -> Value? {
        let wrap = TensorObject.value
        switch (module, name) {
        case (_, "training"): return .bool(module.training)
        case (let l as Linear, "weight"): return wrap(l.weight)
        case (let l as Linear, "bias"): return l.bias.map { .optional(wrap($0)) } ?? .nilValue
        case (let l as Linear, "inFeatures"): return .int(l.inFeatures)
        case (let l as Linear, "outFeatures"): return .int(l.outFeatures)
        case (let c as Conv2d, "weight"): return wrap(c.weight)
        case (let c as Conv2d, "bias"): return c.bias.map { .optional(wrap($0)) } ?? .nilValue
        case (let c as Conv2d, "inChannels"): return .int(c.inChannels)
        case (let c as Conv2d, "outChannels"): return .int(c.outChannels)
        case (let c as Conv2d, "kernelSize"): return .tuple(TupleBox.make(c.kernelSize.map { .int($0) }))
        case (let c as Conv2d, "stride"): return .tuple(TupleBox.make(c.stride.map { .int($0) }))
        case (let c as Conv2d, "padding"): return .tuple(TupleBox.make(c.padding.map { .int($0) }))
        case (let s as Sequential, "count"): return .int(s.count)
        case (let s as Softmax, "dim"): return .int(s.dim)
        default: return nil
        }
    }

    func callAsFunction(_ args: Arguments) throws -> Value? {
        try args.expect(typeName, "_")
        return TensorObject.value(try forward(args[0]))
    }

    /// Runs the module on a tensor (a float tensor of another float dtype is cast to the parameters' dtype).
    func forward(_ v: Value) throws -> Tensor {
        var x = try TensorConversion.tensor(v)
        if let d = parameterDType {
            if x.dtype != d && x.dtype != .bool { x = x.to(d) }
        } else if !x.dtype.isFloatingPoint && !(module is Flatten) {
            x = x.float()
        }
        return try module(x)
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "forward":
            try args.expect(name, "_")
            return TensorObject.value(try forward(args[0]))
        case "parameters":
            try args.expect(name, "")
            return .array(module.parameters().map(TensorObject.value))
        case "namedParameters":
            try args.expect(name, "")
            return .array(module.namedParameters().map { .tuple(TupleBox.make([.string($0.0), TensorObject.value($0.1)])) })
        case "children":
            try args.expect(name, "")
            return .array(module.children.map { .native(ModuleObject($0.1)) })
        case "stateDict":
            try args.expect(name, "")
            let sd = module.stateDict()
            return .dict(DictBox(keys: sd.keys.map { .string($0) }, values: sd.items.map { TensorObject.value($0.1) }))
        case "loadStateDict":
            try args.expect(name, "_, strict?")
            try module.loadStateDict(try ModuleObject.stateDict(args.value(nil) ?? .void), strict: try args.bool("strict", default: true))
            return .void
        case "save":
            try args.expect(name, "_")
            try module.save(try ModuleObject.file(args, for: .write))
            return .void
        case "load":
            try args.expect(name, "_, strict?")
            let path = try args.string(nil)
            do { try module.load(try ModuleObject.file(args, for: .read), strict: try args.bool("strict", default: true)) } catch let e as TensorError {
                throw BindingError("cannot load '\(path)': \(e.description)")
            }
            return .native(self)
        case "train":
            try args.expect(name, "_?")
            module.train(try args.bool(nil, default: true))
            return .native(self)
        case "eval":
            try args.expect(name, "")
            module.eval()
            return .native(self)
        case "to":
            try args.expect(name, "_")
            let device = try args.string(nil)
            for p in module.parameters() { _ = try p.to(device) }      // the engine's device check and message
            return .native(self)
        case "zeroGrad":
            try args.expect(name, "")
            module.zeroGrad()
            return .void
        case "append":
            guard let s = module as? Sequential else { return nil }
            try args.expect(name, "_")
            s.append(try NNBindings.module(args[0], interpreter: args.interpreter))
            parameterDType = ModuleObject.firstParameterDType(module)
            return .native(self)
        default: return nil
        }
    }

    /// `seq[i]` (negative indices count from the end).
    func subscriptGet(_ args: Arguments) throws -> Value? {
        guard let s = module as? Sequential else { return nil }
        guard args.count == 1, let i = args[0].asInt else { throw BindingError("Sequential subscripts take one Int") }
        let j = i < 0 ? i + s.count : i
        guard j >= 0, j < s.count, let m = s[j] else { throw BindingError("index \(i) is out of range (Sequential has \(s.count) layers)") }
        return ModuleObject.wrap(m)
    }

    func iterate() throws -> [Value]? {
        guard let s = module as? Sequential else { return nil }
        return s.layers.map(ModuleObject.wrap)
    }

    /// A module as a cell value (a wrapped cell-defined layer comes back as the cell's object).
    static func wrap(_ m: Module) -> Value {
        if let c = m as? CellModule { return c.value }
        return .native(ModuleObject(m))
    }

    /// A state dict from a cell dictionary `[String: Tensor]`.
    static func stateDict(_ v: Value) throws -> StateDict {
        guard case .dict(let d) = v.unwrapped ?? v else {
            throw BindingError("loadStateDict expects a dictionary [String: Tensor] such as net.stateDict(), not '\(v.typeName)'")
        }
        var items: [(String, Tensor)] = []
        for (k, x) in zip(d.keys, d.values) {
            guard let name = k.asString else { throw BindingError("state dict keys must be Strings, found '\(k.typeName)'") }
            guard let t = x.tensor else { throw BindingError("state dict entry '\(name)' must be a Tensor, not '\(x.typeName)'") }
            items.append((name, t))
        }
        return StateDict(items)
    }
}

extension ModuleObject {
    /// The file a `save`/`load` call names, checked by the running book's file rule (`RunSession.path`);
    /// as given when no book runs (tests driving the interpreter directly).
    static func file(_ args: Arguments, for access: RunSession.FileAccess) throws -> String {
        let p = try args.string(nil)
        guard let session = args.interpreter?.hostContext as? RunSession else { return p }
        return try session.path(p, for: access)
    }
}
