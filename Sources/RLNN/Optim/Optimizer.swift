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
            throw NNError.invalidArgument("optimizer can only optimize contiguous floating-point tensors, got \(p.dtype) \(p.shape)")
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
