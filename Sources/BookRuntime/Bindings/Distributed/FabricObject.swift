import BookDSL
import RLDistributed
import RLNN
import RLSupport
import RLTensor

/// A `Fabric` in cells: `globalRank`, `worldSize`, `isGlobalZero`, `seedEverything`, `setup`,
/// `backward`, `clipGradients`, `allReduce`, `broadcast`, `barrier`, `print`
/// (see `lightning/fabric/fabric.py` for the names and their meaning).
///
/// `setup(model, optimizer)` broadcasts the model's parameters from rank 0 and remembers them;
/// `backward(loss)` then runs autograd and averages those parameters' gradients over all
/// processes (one all-reduce per flat bucket), so every process's optimizer takes the same step.
final class FabricObject: NativeObject {
    let group: ProcessGroup
    let session: RunSession
    /// Parameters registered by `setup`, whose gradients `backward` averages.
    private(set) var parameters: [Tensor] = []

    init(group: ProcessGroup, session: RunSession) {
        self.group = group
        self.session = session
    }

    var typeName: String { "Fabric" }
    var description: String { "Fabric(worldSize: \(group.size), globalRank: \(group.rank), backend: \(group.backend))" }
    var memberNames: [String] {
        ["globalRank", "localRank", "nodeRank", "numNodes", "worldSize", "isGlobalZero", "device", "backend", "allReduceStats",
         "seedEverything", "setup", "backward", "clipGradients", "allReduce", "broadcast", "barrier", "print"]
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "globalRank": return .int(group.rank)
        case "localRank": return .int(group.localRank)
        // Assumes ranks placed node by node with the same count per node (Open MPI's default mapping).
        case "nodeRank": return .int(group.rank / max(1, group.localSize))
        case "numNodes": return .int(max(1, group.size / max(1, group.localSize)))
        case "worldSize": return .int(group.size)
        case "isGlobalZero": return .bool(group.rank == 0)
        case "device": return .string(session.device)
        case "backend": return .string(group.backend)
        case "allReduceStats":
            // Every all-reduce this process made (library agents' gradient buckets included).
            let st = group.stats
            return .dict(DictBox(keys: [.string("calls"), .string("elements"), .string("seconds")],
                                 values: [.int(st.allReduceCalls), .int(st.allReduceElements), .double(st.allReduceSeconds)]))
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "seedEverything":
            // The same seed on every rank (Lightning's seed_everything); envs take seed + rank·numEnvs + i.
            try args.expect(name, "_")
            let seed = try args.int(nil)
            EngineBindings.reseed(seed, session: session, interpreter: args.interpreter)
            session.seed = seed
            return .int(seed)
        case "setup":
            return try setup(args)
        case "backward":
            try args.expect(name, "_")
            guard let loss = args.value(nil)?.tensor else { throw BindingError("fabric.backward needs the loss tensor: fabric.backward(loss)") }
            // Without setup the gradients would silently stay per-process under MPI: refuse in every world.
            guard !parameters.isEmpty else {
                throw BindingError("fabric.backward: no model was set up, so there are no gradients to average; call fabric.setup(model, optimizer) once before training")
            }
            try loss.backward()
            try collective(name) { try group.averageGradients(parameters) }
            return .void
        case "clipGradients":
            try args.expect(name, "_, _, maxNorm, normType?")
            let ps = try NNBindings.parameters(args.values[0], interpreter: args.interpreter)
            return .double(try RLNN.clipGradNorm(ps, maxNorm: try args.double("maxNorm"), normType: try args.double("normType", default: 2)))
        case "allReduce":
            try args.expect(name, "_, reduceOp?")
            let opName = try args.string("reduceOp", default: "mean")
            guard let op = TensorReduceOp(rawValue: opName) else {
                throw BindingError("unknown reduceOp '\(opName)'\(DidYouMean.hint(opName, from: TensorReduceOp.allCases.map(\.rawValue))); use \"mean\" or \"sum\" (or \"max\", \"min\")")
            }
            guard let v = args.value(nil) else { throw BindingError("fabric.allReduce needs a tensor or a number") }
            if let t = v.tensor {
                // Fabric returns a new tensor; the input is left as it was.
                let out = (t.dtype.isFloatingPoint ? t : t.to(.float32)).contiguous().clone()
                try collective(name) { try group.allReduce(out, op: op) }
                return TensorObject.value(out)
            }
            guard let d = v.asDouble else { throw BindingError("fabric.allReduce needs a tensor or a number, got \(v.typeName)") }
            let t = try Tensor([d], shape: [1], dtype: .float64)
            try collective(name) { try group.allReduce(t, op: op) }
            return .double(t.scalars[0])
        case "broadcast":
            try args.expect(name, "_, src?")
            let src = try args.int("src", default: 0)
            guard let v = args.value(nil) else { throw BindingError("fabric.broadcast needs a tensor or a number") }
            if let t = v.tensor {
                guard t.dtype.isFloatingPoint else { throw BindingError("fabric.broadcast sends float tensors; convert with .float() first") }
                let out = t.contiguous().clone()
                try collective(name) { try group.broadcast([out], root: src) }
                return TensorObject.value(out)
            }
            guard let d = v.asDouble else { throw BindingError("fabric.broadcast needs a tensor or a number, got \(v.typeName)") }
            let t = try Tensor([d], shape: [1], dtype: .float64)
            try collective(name) { try group.broadcast([t], root: src) }
            if case .int = v { return .int(Int(t.scalars[0])) }
            return .double(t.scalars[0])
        case "barrier":
            try args.expect(name, "name?")
            try collective(name) { try group.barrier() }
            return .void
        case "print":
            guard group.rank == 0 else { return .void }
            var items: [String] = []
            var sep = " ", term = "\n"
            for (v, l) in zip(args.values, args.labels) {
                if l == "separator" { sep = v.asString ?? v.description } else if l == "terminator" { term = v.asString ?? v.description } else { items.append(v.description) }
            }
            args.interpreter?.output(items.joined(separator: sep) + term)
            return .void
        default:
            return nil
        }
    }

    /// `fabric.setup(model, optimizer...)`: every process takes rank 0's weights; returns its arguments
    /// (one value, or a tuple when several), as Fabric returns wrapped ones.
    private func setup(_ args: Arguments) throws -> Value {
        guard let model = args.positional.first else {
            throw BindingError("fabric.setup needs a model: let (agent, optimizer) = fabric.setup(agent, optimizer)")
        }
        let ps = try NNBindings.parameters(model, interpreter: args.interpreter)
        if ps.isEmpty { throw BindingError("fabric.setup: the model has no parameters (tensors with requiresGrad) to train") }
        for v in args.positional.dropFirst() {
            guard case .native(let o) = v, o is OptimizerObject else {
                throw BindingError("fabric.setup takes a model then its optimizers; got a \(v.typeName)")
            }
        }
        try collective("setup") { try group.broadcast(ps, root: 0) }
        var known = Set(parameters.map(ObjectIdentifier.init))
        for p in ps where known.insert(ObjectIdentifier(p)).inserted { parameters.append(p) }
        return args.positional.count == 1 ? model : .tuple(TupleBox.make(args.positional, labels: nil))
    }

    /// Runs a collective, turning MPI's failure into a cell error that names the Fabric call.
    private func collective(_ name: String, _ body: () throws -> Void) throws {
        do { try body() } catch let e as DistributedError {
            throw BindingError("fabric.\(name) failed on rank \(group.rank) of \(group.size): \(e)")
        }
    }
}
