import BookDSL
import RLNN
import RLTensor

/// Cell bindings for tensors: the global `Tensor` type and the free functions of CELLS.md
/// (`cat`, `stack`, `relu`, `softmax`, `logSoftmax`, `conv2d`, losses, `noGrad`, `manualSeed`).
enum TensorBindings {
    /// The names this file defines (for tests and completion).
    static let names = ["Tensor", "cat", "stack", "relu", "sigmoid", "softmax", "logSoftmax", "conv2d", "mseLoss",
                        "smoothL1Loss", "huberLoss", "crossEntropy", "noGrad", "manualSeed"]

    static func install(into interpreter: Interpreter, session: RunSession) {
        interpreter.defineGlobal("Tensor", .native(TensorTypeObject()))
        let wrap = TensorObject.value
        func t(_ args: Arguments, _ i: Int = 0) throws -> Tensor {
            guard let v = args.value(nil, index: i) else { throw HostError.missing("#\(i + 1)") }
            return try TensorConversion.tensor(v)
        }
        interpreter.defineFunction("cat", signature: Signature("_, dim?")) { args in
            wrap(try RLTensor.cat(try TensorConversion.tensors(args[0], "cat's first argument"), dim: try args.int("dim", default: 0)))
        }
        interpreter.defineFunction("stack", signature: Signature("_, dim?")) { args in
            wrap(try RLTensor.stack(try TensorConversion.tensors(args[0], "stack's first argument"), dim: try args.int("dim", default: 0)))
        }
        interpreter.defineFunction("relu", signature: Signature("_")) { args in wrap(try t(args).relu()) }
        interpreter.defineFunction("sigmoid", signature: Signature("_")) { args in wrap(try t(args).sigmoid()) }
        interpreter.defineFunction("softmax", signature: Signature("_, dim")) { args in
            wrap(try RLTensor.softmax(try t(args), dim: try args.int("dim")))
        }
        interpreter.defineFunction("logSoftmax", signature: Signature("_, dim")) { args in
            wrap(try RLTensor.logSoftmax(try t(args), dim: try args.int("dim")))
        }
        interpreter.defineFunction("conv2d", signature: Signature("_, _, bias?, stride?, padding?")) { args in
            let bias = try args.value("bias").flatMap { $0.isNil ? nil : try TensorConversion.tensor($0) }
            let stride = try pair(args.value("stride"), "stride", default: 1)
            let padding = try pair(args.value("padding"), "padding", default: 0)
            return wrap(try RLTensor.conv2d(try t(args, 0), try t(args, 1), bias: bias, stride: stride, padding: padding))
        }
        interpreter.defineFunction("mseLoss", signature: Signature("_, _, reduction?")) { args in
            let (a, b) = try lossInputs(args)
            return wrap(try RLNN.mseLoss(a, b, reduction: try reduction(args)))
        }
        interpreter.defineFunction("smoothL1Loss", signature: Signature("_, _, reduction?, beta?")) { args in
            let (a, b) = try lossInputs(args)
            return wrap(try RLNN.smoothL1Loss(a, b, reduction: try reduction(args), beta: try args.double("beta", default: 1)))
        }
        interpreter.defineFunction("huberLoss", signature: Signature("_, _, reduction?, delta?")) { args in
            let (a, b) = try lossInputs(args)
            return wrap(try RLNN.huberLoss(a, b, reduction: try reduction(args), delta: try args.double("delta", default: 1)))
        }
        interpreter.defineFunction("crossEntropy", signature: Signature("_, _, reduction?, labelSmoothing?")) { args in
            let logits = try t(args, 0)
            guard let tv = args.value(nil, index: 1) else { throw HostError.missing("#2") }
            let target = try tv.tensor ?? TensorConversion.tensor(tv)
            return wrap(try RLNN.crossEntropy(logits, target, reduction: try reduction(args),
                                              labelSmoothing: try args.double("labelSmoothing", default: 0)))
        }
        interpreter.defineFunction("noGrad", signature: Signature("_")) { args in
            guard case .function = args[0] else {
                throw BindingError("noGrad takes a closure: noGrad { ... }")
            }
            guard let interp = args.interpreter else { throw BindingError("noGrad: no interpreter to run the closure") }
            return try RLTensor.noGrad { try interp.call(args[0], []) }
        }
        interpreter.defineFunction("manualSeed", signature: Signature("_")) { args in
            reseed(try args.int(nil))
            return .void
        }
    }

    /// Reseeds the tensor generator (sampling, `rand`, `randn`, weight initialisation).
    static func reseed(_ seed: Int) { RLTensor.manualSeed(seed) }

    /// `stride: 2` or `stride: [2, 1]` as a pair.
    static func pair(_ v: Value?, _ what: String, default d: Int) throws -> [Int] {
        guard let v, !v.isNil else { return [d, d] }
        let xs = try TensorConversion.ints(v, what)
        if xs.count == 1 { return [xs[0], xs[0]] }
        guard xs.count == 2 else { throw BindingError("\(what) must be an Int or a pair [h, w], got \(xs)") }
        return xs
    }

    /// `reduction: "mean" | "sum" | "none"` (a string or `.mean`).
    static func reduction(_ args: Arguments) throws -> Reduction {
        guard let v = args.value("reduction"), !v.isNil else { return .mean }
        guard let name = v.symbolName, let r = Reduction(rawValue: name) else {
            throw BindingError("reduction must be \"mean\", \"sum\" or \"none\", not \(v.symbolName.map { "'\($0)'" } ?? "a '\(v.typeName)'")")
        }
        return r
    }

    /// The input and target of a regression loss; a target given as numbers takes the input's dtype.
    static func lossInputs(_ args: Arguments) throws -> (Tensor, Tensor) {
        guard let a = args.value(nil, index: 0), let b = args.value(nil, index: 1) else { throw HostError.missing("#2") }
        let x = try TensorConversion.tensor(a)
        let y = try TensorConversion.tensor(b, like: x)
        if x.shape != y.shape && x.count != 1 && y.count != 1 {
            let b = (try? (Tensor.zeros(x.shape, dtype: .bool) + Tensor.zeros(y.shape, dtype: .bool)).shape).map { "would broadcast to \($0)" }
                ?? "cannot be broadcast together"
            throw BindingError("loss input shape \(x.shape) and target shape \(y.shape) differ (they \(b)); " +
                               "make them the same, e.g. with .squeeze(-1) or .unsqueeze(-1)")
        }
        return (x, y)
    }
}
