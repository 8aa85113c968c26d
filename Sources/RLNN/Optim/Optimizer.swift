import RLTensor

/// Base class of optimizers (`torch.optim.Optimizer`) over a flat list of parameters.
///
/// `step()` walks the parameters that have gradients and calls `apply(_:_:_:)`, which subclasses
/// override with their exact PyTorch update rule on raw buffers. Per-parameter state lives in `state[i]`.
open class Optimizer {
    /// The parameters being optimised.
    public let params: [Tensor]
    /// Learning rate (may be changed between steps, e.g. by a schedule).
    public var lr: Double
    /// Per-parameter state buffers (momentum, moments...), created lazily.
    var state: [[Tensor]]
    /// Steps taken per parameter.
    var steps: [Int]

    public init(_ params: [Tensor], lr: Double) throws {
        guard lr >= 0 else { throw NNError.invalidArgument("Invalid learning rate: \(lr)") }
        for p in params where !p.dtype.isFloatingPoint || !p.isContiguous {
            throw NNError.invalidArgument("optimizer can only optimize contiguous floating-point tensors, got \(p.dtype.torchName) \(p.shape)")
        }
        self.params = params
        self.lr = lr
        self.state = Array(repeating: [], count: params.count)
        self.steps = Array(repeating: 0, count: params.count)
    }

    /// Clears gradients (PyTorch's default `set_to_none=True`).
    public func zeroGrad(setToNone: Bool = true) {
        for p in params {
            if setToNone { p.grad = nil } else { p.grad?.fill_(0) }
        }
    }

    /// Applies one update to every parameter that has a gradient.
    public func step() throws {
        for (i, p) in params.enumerated() {
            guard let g0 = p.grad else { continue }
            let g = g0.isContiguous && g0.dtype == p.dtype ? g0 : g0.to(p.dtype).contiguous()
            steps[i] += 1
            try apply(i, p, g)
        }
    }

    /// The optimizer's state as named tensors (`state.<param>.<buffer>`) plus the step counts
    /// (`steps`, int64), for checkpoints (`torch.optim.Optimizer.state_dict()`'s `state`).
    public func stateTensors() throws -> [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        for (i, bufs) in state.enumerated() {
            for (j, b) in bufs.enumerated() { out.append(("state.\(i).\(j)", b.detach())) }
        }
        out.append(("steps", try Tensor(steps.map { Int64($0) }, shape: [steps.count])))
        return out
    }

    /// Restores what `stateTensors()` returned; shapes and the parameter count must match.
    public func loadStateTensors(_ tensors: [(String, Tensor)]) throws {
        var byName: [String: Tensor] = [:]
        for (k, v) in tensors { byName[k] = v }
        guard let s = byName["steps"], s.count == params.count else {
            throw NNError.invalidArgument("optimizer state is for \(byName["steps"]?.count ?? 0) parameters, this optimizer has \(params.count)")
        }
        var newState: [[Tensor]] = []
        for i in 0..<params.count {
            var bufs: [Tensor] = []
            var j = 0
            while let b = byName["state.\(i).\(j)"] {
                guard b.shape == params[i].shape else {
                    throw NNError.invalidArgument("optimizer state \(i).\(j) has shape \(b.shape), parameter \(i) has \(params[i].shape)")
                }
                bufs.append(b.to(params[i].dtype).clone())
                j += 1
            }
            newState.append(bufs)
        }
        state = newState
        steps = s.scalars.map { Int($0) }
    }

    /// Updates parameter `i` from its gradient `g` (same dtype, contiguous). Subclasses override.
    open func apply(_ i: Int, _ p: Tensor, _ g: Tensor) throws {
        throw NNError.invalidArgument("\(type(of: self)) does not implement an update rule")
    }

    /// The state buffers of parameter `i`, created as `count` zero (or `fill`) tensors on first use.
    func buffers(_ i: Int, _ count: Int, fill: Double = 0) -> [Tensor] {
        if state[i].isEmpty {
            state[i] = (0..<count).map { _ in let z = params[i].zerosLike(); if fill != 0 { z.fill_(fill) }; return z }
        }
        return state[i]
    }
}

/// Runs `body` on the raw buffers of a parameter, its gradient and state tensors, typed by dtype.
@inline(__always)
func withBuffers(_ p: Tensor, _ g: Tensor, _ st: [Tensor],
                 float: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, [UnsafeMutablePointer<Float>], Int) -> Void,
                 double: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, [UnsafeMutablePointer<Double>], Int) -> Void) throws {
    if p.dtype == .float32 {
        let pp = try p.withUnsafeMutableScalars(Float.self) { $0.baseAddress! }
        let gp = try g.withUnsafeMutableScalars(Float.self) { $0.baseAddress! }
        let sp = try st.map { try $0.withUnsafeMutableScalars(Float.self) { $0.baseAddress! } }
        float(pp, gp, sp, p.count)
    } else {
        let pp = try p.withUnsafeMutableScalars(Double.self) { $0.baseAddress! }
        let gp = try g.withUnsafeMutableScalars(Double.self) { $0.baseAddress! }
        let sp = try st.map { try $0.withUnsafeMutableScalars(Double.self) { $0.baseAddress! } }
        double(pp, gp, sp, p.count)
    }
}
