import BookDSL
import RLTensor

/// Methods of a `Tensor` value (PyTorch's names, camelCased; arguments become labels).
extension TensorObject {
    static let methodNames = [
        "matmul", "pow", "exp", "log", "log1p", "sqrt", "abs", "tanh", "sigmoid", "relu", "neg", "sign", "square", "reciprocal", "narrow",
        "clamp", "sum", "mean", "std", "variance", "max", "min", "argmax", "argmin", "gather", "indexSelect",
        "reshape", "view", "flatten", "squeeze", "unsqueeze", "permute", "transpose", "t", "expand",
        "float", "double", "long", "bool", "byte", "to", "detach", "clone", "contiguous", "backward",
        "numel", "dim", "size", "tolist", "item", "softmax", "logSoftmax", "maximum", "minimum",
        "eq", "ne", "lt", "le", "gt", "ge", "fill", "zero", "copy", "requiresGrad_", "cpu", "cuda",
    ]

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        // PyTorch's in-place spellings `fill_`, `zero_`, `copy_` name the same methods
        let name = ["fill_": "fill", "zero_": "zero", "copy_": "copy"][name] ?? name
        let t = tensor
        func wrap(_ r: Tensor) -> Value { TensorObject.value(r) }
        func noArgs() throws { try args.expect(name, "") }
        func other(_ label: String? = nil) throws -> Tensor {
            guard let v = args.value(label) else { throw BindingError("missing argument in call to '\(name)'") }
            return try TensorConversion.tensor(v, like: t)
        }
        switch name {
        // elementwise math
        case "exp": try noArgs(); return wrap(t.exp())
        case "log": try noArgs(); return wrap(t.log())
        case "log1p": try noArgs(); return wrap(t.log1p())
        case "sqrt": try noArgs(); return wrap(t.sqrt())
        case "abs": try noArgs(); return wrap(t.abs())
        case "tanh": try noArgs(); return wrap(t.tanh())
        case "sigmoid": try noArgs(); return wrap(t.sigmoid())
        case "relu": try noArgs(); return wrap(t.relu())
        case "neg": try noArgs(); return wrap(t.neg())
        case "sign": try noArgs(); return wrap(t.sign())
        case "square": try noArgs(); return wrap(t.square())
        case "reciprocal": try noArgs(); return wrap(t.reciprocal())
        case "pow":
            try args.expect(name, "_")
            if let e = args.value(nil)?.asDouble { return wrap(t.pow(e)) }
            return wrap(try t.pow(try other()))
        case "matmul": try args.expect(name, "_"); return wrap(try t.matmul(try other()))
        case "maximum": try args.expect(name, "_"); return wrap(try t.maximum(try other()))
        case "minimum": try args.expect(name, "_"); return wrap(try t.minimum(try other()))
        case "clamp":
            try args.expect(name, "min?, max?")
            let lo = args.value("min"), hi = args.value("max")
            if lo?.tensor != nil || hi?.tensor != nil {
                return wrap(try t.clamp(min: try lo.flatMap { $0.isNil ? nil : try TensorConversion.tensor($0, like: t) },
                                        max: try hi.flatMap { $0.isNil ? nil : try TensorConversion.tensor($0, like: t) }))
            }
            return wrap(t.clamp(min: try args.optionalDouble("min"), max: try args.optionalDouble("max")))
        case "eq", "ne", "lt", "le", "gt", "ge":
            try args.expect(name, "_")
            let op = ["eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="][name]!
            return try tensorOp(op, args.value(nil) ?? .void, selfOnLeft: true)
        case "softmax": try args.expect(name, "dim"); return wrap(try t.softmax(dim: try args.int("dim")))
        case "logSoftmax": try args.expect(name, "dim"); return wrap(try t.logSoftmax(dim: try args.int("dim")))

        // reductions
        case "sum", "mean":
            try args.expect(name, "dim?, keepdim?")
            let keep = try args.bool("keepdim", default: false)
            guard let dv = args.value("dim"), !dv.isNil else {
                if keep { return wrap(name == "sum" ? try t.sum(dims: Array(0..<t.rank), keepdim: true) : try t.mean(dims: Array(0..<t.rank), keepdim: true)) }
                return wrap(name == "sum" ? t.sum() : try t.mean())
            }
            let dims = try TensorConversion.ints(dv, "dim")
            return wrap(name == "sum" ? try t.sum(dims: dims, keepdim: keep) : try t.mean(dims: dims, keepdim: keep))
        case "std", "variance":
            try args.expect(name, "dim?, keepdim?, correction?")
            let corr = try args.int("correction", default: 1)
            if let d = try args.optionalInt("dim") {
                let keep = try args.bool("keepdim", default: false)
                return wrap(name == "std" ? try t.std(dim: d, keepdim: keep, correction: corr) : try t.variance(dim: d, keepdim: keep, correction: corr))
            }
            return wrap(name == "std" ? try t.std(correction: corr) : try t.variance(correction: corr))
        case "max", "min":
            try args.expect(name, "_?, dim?, keepdim?")
            if let o = args.value(nil) {
                guard o.tensor != nil || o.asArray != nil else {
                    throw BindingError("\(name)(_:) takes a Tensor (element-wise \(name)imum); for the \(name)imum along a dimension write \(name)(dim: \(o.asInt.map(String.init) ?? "d"))")
                }
                let ot = try TensorConversion.tensor(o, like: t)
                return wrap(name == "max" ? try t.maximum(ot) : try t.minimum(ot))
            }
            if let d = try args.optionalInt("dim") {
                let keep = try args.bool("keepdim", default: false)
                let r = name == "max" ? try t.max(dim: d, keepdim: keep) : try t.min(dim: d, keepdim: keep)
                return .tuple(TupleBox.make([wrap(r.values), wrap(r.indices)], labels: ["values", "indices"]))
            }
            return wrap(name == "max" ? try t.max() : try t.min())
        case "argmax", "argmin":
            try args.expect(name, "dim?, keepdim?")
            if let d = try args.optionalInt("dim") {
                let keep = try args.bool("keepdim", default: false)
                return wrap(name == "argmax" ? try t.argmax(dim: d, keepdim: keep) : try t.argmin(dim: d, keepdim: keep))
            }
            if name == "argmax" { return wrap(try t.argmax()) }
            return wrap(try t.flatten().argmin(dim: 0))
        case "gather":
            try args.expect(name, "dim, index")
            guard let iv = args.value("index") else { throw BindingError("missing argument for parameter 'index'") }
            return wrap(try t.gather(dim: try args.int("dim"), index: try TensorConversion.tensor(iv, dtype: .int64)))
        case "indexSelect":
            try args.expect(name, "_, _")
            guard let iv = args.value(nil, index: 1) else { throw BindingError("missing argument for parameter #2 in call to 'indexSelect'") }
            return wrap(try t.indexSelect(try args.int(nil), try TensorConversion.tensor(iv, dtype: .int64)))

        // shape
        case "reshape", "view", "expand":
            try args.expect(name, "_...")
            let (s, _) = try TensorConversion.shape(args)
            switch name {
            case "reshape": return wrap(try t.reshape(s))
            case "view": return wrap(try t.view(s))
            default: return wrap(try t.expand(s))
            }
        case "flatten":
            try args.expect(name, "startDim?, endDim?")
            return wrap(try t.flatten(startDim: try args.int("startDim", default: 0), endDim: try args.int("endDim", default: -1)))
        case "squeeze": try args.expect(name, "_?"); return wrap(try t.squeeze(try args.optionalInt(nil)))
        case "unsqueeze": try args.expect(name, "_"); return wrap(try t.unsqueeze(try args.int(nil)))
        case "permute":
            try args.expect(name, "_...")
            return wrap(try t.permute(try TensorConversion.shape(args, what: "dims").shape))
        case "transpose":
            try args.expect(name, "_, _")
            return wrap(try t.transpose(try args.int(nil, index: 0), try args.int(nil, index: 1)))
        case "t": try noArgs(); return wrap(try t.t())
        case "narrow":
            try args.expect(name, "_, start, length")
            return wrap(try t.narrow(try args.int(nil), start: try args.int("start"), length: try args.int("length")))
        case "contiguous": try noArgs(); return wrap(t.contiguous())
        case "clone": try noArgs(); return wrap(t.clone())
        case "detach": try noArgs(); return wrap(t.detach())

        // dtype and device
        case "float": try noArgs(); return wrap(t.float())
        case "double": try noArgs(); return wrap(t.double())
        case "long": try noArgs(); return wrap(t.long())
        case "bool": try noArgs(); return wrap(t.bool())
        case "byte": try noArgs(); return wrap(t.byte())
        case "cpu": try noArgs(); return wrap(t)
        case "cuda": try noArgs(); return wrap(try t.to("cuda"))
        case "to":
            try args.expect(name, "_?, dtype?")
            if let dv = args.value("dtype"), let d = try TensorConversion.dtype(dv) { return wrap(t.to(d)) }
            guard let v = args.value(nil) else { throw BindingError("missing argument in call to 'to': pass a device (\"cpu\") or a dtype (.float64)") }
            if let d = v.symbolName.flatMap({ DType(rawValue: $0) }) { return wrap(t.to(d)) }
            return wrap(try t.to(try args.string(nil)))

        // autograd
        case "backward":
            try args.expect(name, "_?")
            try TensorObject.checkFiniteLoss(t)
            if let g = args.value(nil), !g.isNil { try t.backward(try TensorConversion.tensor(g, like: t)) } else { try t.backward() }
            return .void
        case "requiresGrad_":
            try args.expect(name, "_?")
            _ = try setMember("requiresGrad", .bool(try args.bool(nil, default: true)))
            return .native(self)

        // in-place
        case "fill":
            try args.expect(name, "_")
            t.fill_(try args.double(nil))
            return .native(self)
        case "zero": try noArgs(); t.fill_(0); return .native(self)
        case "copy": try args.expect(name, "_"); try t.copy_(try other()); return .native(self)

        // reading out
        case "numel": try noArgs(); return .int(t.count)
        case "dim": try noArgs(); return .int(t.rank)
        case "size":
            try args.expect(name, "_?")
            if let d = try args.optionalInt(nil) { return .int(try t.size(d)) }
            return .array(t.shape.map { .int($0) })
        case "tolist": try noArgs(); return try TensorConversion.list(t)
        case "item": try noArgs(); return try TensorConversion.item(t)
        default: return nil
        }
    }

    /// Refuses to back-propagate from a NaN or infinite one-element loss, with advice.
    static func checkFiniteLoss(_ t: Tensor) throws {
        guard t.count == 1, let v = t.scalars.first, !v.isFinite else { return }
        throw BindingError("loss is \(v.isNaN ? "NaN" : "infinite") (\(v)); backward() would fill the gradients with NaN. " +
                           "Check for log(0) (add a small epsilon or use logSoftmax), division by a zero std when normalising, " +
                           "or a learning rate that is too high (try clipGradNorm or a smaller lr)")
    }
}
