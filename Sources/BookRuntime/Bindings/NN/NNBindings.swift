import BookDSL
import RLNN
import RLTensor

/// Cell bindings for networks and training: layers, `Sequential`, distributions, optimizers, `clipGradNorm`.
enum NNBindings {
    /// The names this file defines (for tests and completion).
    static let names = ["Linear", "Conv2d", "ReLU", "Tanh", "Sigmoid", "Softmax", "Flatten", "Identity", "Sequential",
                        "Categorical", "Normal", "Adam", "AdamW", "RMSprop", "RMSpropTFLike", "SGD", "clipGradNorm"]

    static func install(into interpreter: Interpreter, session: RunSession) {
        func layer(_ name: String, _ spec: String, _ make: @escaping (Arguments) throws -> Module) {
            interpreter.defineFunction(name, signature: Signature(spec)) { args in
                let o = ModuleObject(try make(args))
                o.construction = EngineConstruction(.global(name, member: nil), args)
                return .native(o)
            }
        }
        layer("Linear", "_, _, bias?, dtype?") { args in
            let (i, o) = (try args.int(nil, index: 0), try args.int(nil, index: 1))
            try positive(["in": i, "out": o], "Linear")
            try TensorConversion.checkShape([o, i], what: "Linear weight shape")
            return Linear(i, o, bias: try args.bool("bias", default: true), dtype: try TensorConversion.dtype(args.value("dtype")) ?? .float32)
        }
        layer("Conv2d", "_, _, kernelSize, stride?, padding?, bias?, dtype?") { args in
            let (i, o, k) = (try args.int(nil, index: 0), try args.int(nil, index: 1), try args.int("kernelSize"))
            let s = try args.int("stride", default: 1), p = try args.int("padding", default: 0)
            try positive(["in": i, "out": o, "kernelSize": k, "stride": s], "Conv2d")
            try TensorConversion.checkShape([o, i, k, k], what: "Conv2d weight shape")
            guard p >= 0, p <= 1 << 20 else { throw BindingError("Conv2d: padding must be in 0...1048576, got \(p)") }
            return Conv2d(i, o, kernelSize: k, stride: s, padding: p, bias: try args.bool("bias", default: true),
                          dtype: try TensorConversion.dtype(args.value("dtype")) ?? .float32)
        }
        layer("ReLU", "") { _ in ReLU() }
        layer("Tanh", "") { _ in Tanh() }
        layer("Sigmoid", "") { _ in Sigmoid() }
        layer("Identity", "") { _ in Identity() }
        layer("Softmax", "dim?") { args in Softmax(dim: try args.int("dim", default: -1)) }
        layer("Flatten", "startDim?, endDim?") { args in
            Flatten(startDim: try args.int("startDim", default: 1), endDim: try args.int("endDim", default: -1))
        }
        layer("Sequential", "_...") { args in
            Sequential(try args.values.map { try module($0, interpreter: args.interpreter) })
        }

        interpreter.defineFunction("Categorical", signature: Signature("probs?, logits?")) { args in
            switch (args.value("probs"), args.value("logits")) {
            case (let p?, nil): return .native(CategoricalObject(try Categorical(probs: try floatTensor(p))))
            case (nil, let l?): return .native(CategoricalObject(try Categorical(logits: try floatTensor(l))))
            default: throw BindingError("Categorical needs exactly one of probs: or logits:")
            }
        }
        interpreter.defineFunction("Normal", signature: Signature("mean, std")) { args in
            let m = try floatTensor(args.value("mean") ?? .void)
            let s = try TensorConversion.tensor(args.value("std") ?? .void, like: m)
            return .native(NormalObject(try Normal(mean: m, std: s)))
        }

        func optimizer(_ name: String, _ spec: String, _ make: @escaping ([Tensor], Arguments) throws -> Optimizer) {
            interpreter.defineFunction(name, signature: Signature("_, " + spec)) { args in
                let ps = try parameters(args[0], interpreter: args.interpreter)
                if ps.isEmpty { throw BindingError("\(name) got an empty parameter list") }
                let o = OptimizerObject(try make(ps, args), name: name)
                o.construction = EngineConstruction(.global(name, member: nil), args)
                return .native(o)
            }
        }
        optimizer("Adam", "lr?, betas?, eps?, weightDecay?, amsgrad?") { ps, a in
            try Adam(ps, lr: try a.double("lr", default: 1e-3), betas: try betas(a), eps: try a.double("eps", default: 1e-8),
                     weightDecay: try a.double("weightDecay", default: 0), amsgrad: try a.bool("amsgrad", default: false))
        }
        optimizer("AdamW", "lr?, betas?, eps?, weightDecay?, amsgrad?") { ps, a in
            try AdamW(ps, lr: try a.double("lr", default: 1e-3), betas: try betas(a), eps: try a.double("eps", default: 1e-8),
                      weightDecay: try a.double("weightDecay", default: 1e-2), amsgrad: try a.bool("amsgrad", default: false))
        }
        for name in ["RMSprop", "RMSpropTFLike"] {
            optimizer(name, "lr?, alpha?, eps?, weightDecay?, momentum?, centered?") { ps, a in
                let lr = try a.double("lr", default: 1e-2), alpha = try a.double("alpha", default: 0.99)
                let eps = try a.double("eps", default: 1e-8), wd = try a.double("weightDecay", default: 0)
                let mom = try a.double("momentum", default: 0), centered = try a.bool("centered", default: false)
                return name == "RMSprop"
                    ? try RMSprop(ps, lr: lr, alpha: alpha, eps: eps, weightDecay: wd, momentum: mom, centered: centered)
                    : try RMSpropTFLike(ps, lr: lr, alpha: alpha, eps: eps, weightDecay: wd, momentum: mom, centered: centered)
            }
        }
        optimizer("SGD", "lr?, momentum?, dampening?, weightDecay?, nesterov?") { ps, a in
            try SGD(ps, lr: try a.double("lr", default: 1e-3), momentum: try a.double("momentum", default: 0),
                    dampening: try a.double("dampening", default: 0), weightDecay: try a.double("weightDecay", default: 0),
                    nesterov: try a.bool("nesterov", default: false))
        }
        interpreter.defineFunction("clipGradNorm", signature: Signature("_, maxNorm, normType?")) { args in
            let ps = try parameters(args[0], interpreter: args.interpreter)
            return .double(try RLNN.clipGradNorm(ps, maxNorm: try args.double("maxNorm"), normType: try args.double("normType", default: 2)))
        }
    }

    /// The parameters named by a cell value: an array of Tensors (or of networks), a network,
    /// or a cell object whose properties hold layers or tensors that require gradients.
    static func parameters(_ v: Value, interpreter: Interpreter?) throws -> [Tensor] {
        var out: [Tensor] = []
        var seen = Set<ObjectIdentifier>()
        var visited = Set<ObjectIdentifier>()
        func add(_ t: Tensor) { if seen.insert(ObjectIdentifier(t)).inserted { out.append(t) } }
        func walk(_ v: Value, top: Bool) throws {
            switch v {
            case .native(let o):
                if let t = o as? TensorObject { add(t.tensor) } else if let m = o as? ModuleObject { m.module.parameters().forEach(add) }
                else if let opt = o as? OptimizerObject { opt.optimizer.params.forEach(add) }
                else if top { throw BindingError("expected parameters (an array of Tensors or a network), got '\(o.typeName)'") }
            case .array(let a): for x in a { try walk(x, top: false) }
            case .optional(let w): try walk(w, top: top)
            case .dict(let d): for x in d.values { try walk(x, top: false) }
            case .tuple(let t): for x in t.values { try walk(x, top: false) }
            case .object(let o):
                guard visited.insert(ObjectIdentifier(o)).inserted else { return }
                for f in o.fieldValues {
                    if case .native(let n) = f, let t = n as? TensorObject, !t.tensor.requiresGrad { continue }
                    try walk(f, top: false)
                }
            case .structValue(let s): for f in s.fieldValues { try walk(f, top: false) }
            default:
                if top { throw BindingError("expected parameters (an array of Tensors or a network), got '\(v.typeName)'") }
            }
        }
        try walk(v, top: true)
        return out
    }

    /// A layer for `Sequential`: a built-in network, or a cell object with `callAsFunction(_:)`.
    static func module(_ v: Value, interpreter: Interpreter?) throws -> Module {
        switch v.unwrapped ?? v {
        case .native(let o as ModuleObject): return o.module
        case .object, .structValue: return CellModule(v, interpreter: interpreter)
        default: throw BindingError("Sequential takes layers such as Linear(4, 16) or ReLU(), not a value of type '\(v.typeName)'")
        }
    }

    static func positive(_ values: KeyValuePairs<String, Int>, _ what: String) throws {
        for (k, v) in values where v <= 0 { throw BindingError("\(what): \(k) must be positive, got \(v)") }
    }

    static func floatTensor(_ v: Value) throws -> Tensor {
        let t = try TensorConversion.tensor(v)
        return t.dtype.isFloatingPoint ? t : t.float()
    }

    /// `betas: (0.9, 0.999)` or `[0.9, 0.999]`.
    static func betas(_ a: Arguments) throws -> (Double, Double) {
        guard let v = a.value("betas"), !v.isNil else { return (0.9, 0.999) }
        let xs: [Value]
        if case .tuple(let t) = v { xs = t.values } else if let arr = v.asArray { xs = arr } else { xs = [] }
        guard xs.count == 2, let b1 = xs[0].asDouble, let b2 = xs[1].asDouble else {
            throw BindingError("betas must be a pair like (0.9, 0.999)")
        }
        return (b1, b2)
    }
}
