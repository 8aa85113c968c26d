import BookDSL
import RLNN
import RLTensor

/// An optimizer (`Adam`, `AdamW`, `RMSprop`, `SGD`) as cells see it: `zeroGrad()`, `step()`, `lr`.
final class OptimizerObject: NativeObject, CacheConstructible {
    let optimizer: Optimizer
    let name: String
    /// The call that made it (`Adam(net.parameters(), lr: 0.01)`): how the cell cache makes it again.
    var construction: EngineConstruction?

    func cacheState() throws -> [UInt8] {
        try Safetensors.encode(try optimizer.stateTensors(), metadata: ["lr": String(optimizer.lr.bitPattern)])
    }

    func restoreCacheState(_ bytes: [UInt8]) throws {
        let d = try Safetensors.decode(bytes)
        try optimizer.loadStateTensors(d.tensors)
        if let lr = d.metadata["lr"].flatMap(UInt64.init) { optimizer.lr = Double(bitPattern: lr) }
    }
    init(_ optimizer: Optimizer, name: String) {
        self.optimizer = optimizer
        self.name = name
    }

    var typeName: String { name }
    var memberNames: [String] { ["zeroGrad", "step", "lr", "parameters"] }

    var description: String {
        var lines = ["\(name) (", "Parameter Group 0"]
        var opts: [(String, String)] = [("lr", "\(optimizer.lr)")]
        switch optimizer {
        case let a as Adam:
            opts += [("betas", "(\(a.betas.0), \(a.betas.1))"), ("eps", "\(a.eps)"), ("weight_decay", "\(a.weightDecay)"), ("amsgrad", a.amsgrad ? "True" : "False")]
        case let r as RMSprop:
            opts += [("alpha", "\(r.alpha)"), ("eps", "\(r.eps)"), ("weight_decay", "\(r.weightDecay)"), ("momentum", "\(r.momentum)"), ("centered", r.centered ? "True" : "False")]
        case let s as SGD:
            opts += [("momentum", "\(s.momentum)"), ("dampening", "\(s.dampening)"), ("weight_decay", "\(s.weightDecay)"), ("nesterov", s.nesterov ? "True" : "False")]
        default: break
        }
        for (k, v) in opts.sorted(by: { $0.0 < $1.0 }) { lines.append("    \(k): \(v)") }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "lr": return .double(optimizer.lr)
        default: return nil
        }
    }

    func setMember(_ name: String, _ value: Value) throws -> Bool {
        guard name == "lr" else { return false }
        guard let d = value.asDouble, d >= 0 else { throw BindingError("lr must be a non-negative number, not \(value.typeName)") }
        optimizer.lr = d
        return true
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "zeroGrad":
            try args.expect(name, "setToNone?")
            optimizer.zeroGrad(setToNone: try args.bool("setToNone", default: true))
            return .void
        case "step":
            try args.expect(name, "")
            for p in optimizer.params {
                if let g = p.grad, g.containsNaN {
                    throw BindingError("a gradient contains NaN; step() would corrupt the parameters. Check the loss for NaN (log of 0, division by a zero std) or lower the learning rate")
                }
            }
            try optimizer.step()
            return .void
        case "parameters":
            try args.expect(name, "")
            return .array(optimizer.params.map(TensorObject.value))
        default: return nil
        }
    }
}
