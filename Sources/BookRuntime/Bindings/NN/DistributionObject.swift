import BookDSL
import RLNN
import RLTensor

/// `Categorical(probs:)` / `Categorical(logits:)` as cells see it: `sample()`, `logProb(_:)`, `entropy()`, `probs`.
final class CategoricalObject: NativeObject {
    let dist: Categorical
    init(_ dist: Categorical) { self.dist = dist }

    var typeName: String { "Categorical" }
    var description: String { "Categorical(probs: torch.Size(\(dist.probs.shape)))" }
    var memberNames: [String] { ["probs", "logits", "mode", "batchShape", "sample", "logProb", "entropy"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "probs": return TensorObject.value(dist.probs)
        case "logits": return TensorObject.value(dist.logits)
        case "mode": return TensorObject.value(try dist.mode)
        case "batchShape": return .array(dist.batchShape.map { .int($0) })
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "sample":
            try args.expect(name, "_?")
            let shape = try args.value(nil).map { try TensorConversion.ints($0, "sample shape") } ?? []
            try TensorConversion.checkShape(shape + dist.probs.shape, what: "sample shape")
            return TensorObject.value(try dist.sample(shape))
        case "logProb":
            try args.expect(name, "_")
            return TensorObject.value(try dist.logProb(try TensorConversion.tensor(args[0], dtype: .int64)))
        case "entropy":
            try args.expect(name, "")
            return TensorObject.value(try dist.entropy())
        default: return nil
        }
    }
}

/// `Normal(mean:std:)` as cells see it: `sample()`, `rsample()`, `logProb(_:)`, `entropy()`, `mean`, `std`.
final class NormalObject: NativeObject {
    let dist: Normal
    init(_ dist: Normal) { self.dist = dist }

    var typeName: String { "Normal" }
    var description: String {
        let shape = (try? (dist.mean + dist.std).shape) ?? dist.mean.shape
        return "Normal(loc: torch.Size(\(shape)), scale: torch.Size(\(shape)))"
    }
    var memberNames: [String] { ["mean", "std", "stddev", "variance", "sample", "rsample", "logProb", "entropy"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "mean": return TensorObject.value(dist.mean)
        case "std", "stddev": return TensorObject.value(dist.std)
        case "variance": return TensorObject.value(try dist.variance)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "sample", "rsample":
            try args.expect(name, "_?")
            let shape = try args.value(nil).map { try TensorConversion.ints($0, "sample shape") } ?? []
            try TensorConversion.checkShape(shape + dist.mean.shape, what: "sample shape")
            return TensorObject.value(name == "sample" ? try dist.sample(shape) : try dist.rsample(shape))
        case "logProb":
            try args.expect(name, "_")
            return TensorObject.value(try dist.logProb(try TensorConversion.tensor(args[0], like: dist.mean)))
        case "entropy":
            try args.expect(name, "")
            return TensorObject.value(try dist.entropy())
        default: return nil
        }
    }
}
