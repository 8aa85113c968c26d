import RLSupport

/// The function that maps an output gradient to the gradients of a node's inputs (nil: no gradient).
typealias BackwardFn = (Tensor) throws -> [Tensor?]

/// One recorded operation on the autograd tape: its inputs and its gradient rule.
final class GradNode {
    /// PyTorch-style name (`MulBackward0`), shown in descriptions as `grad_fn=<...>`.
    let name: String
    let inputs: [Tensor]
    let backward: BackwardFn
    /// Scratch of a `runBackward` in progress (reset when it returns): whether the traversal reached this
    /// node, and the gradient of the node's output gathered so far.
    var visited = false
    var pendingGrad: Tensor?

    init(name: String, inputs: [Tensor], backward: @escaping BackwardFn) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }
}

/// Gradient-recording switch (PyTorch's grad mode), per thread like PyTorch's.
public enum GradMode {
    /// Thread-local flag: a non-nil value means recording is disabled on this thread.
    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static var enabled: Bool {
        @inline(__always) get { pthread_getspecific(key) == nil }
        set { pthread_setspecific(key, newValue ? nil : UnsafeRawPointer(bitPattern: 1)) }
    }

    /// Whether operations are currently recorded for autograd on this thread.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` without recording operations for autograd (PyTorch's `torch.no_grad()`).
@discardableResult
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    let saved = GradMode.enabled
    GradMode.enabled = false
    defer { GradMode.enabled = saved }
    return try body()
}

/// Runs `body` with recording on even inside `noGrad` (PyTorch's `torch.enable_grad()`).
@discardableResult
public func enableGrad<R>(_ body: () throws -> R) rethrows -> R {
    let saved = GradMode.enabled
    GradMode.enabled = true
    defer { GradMode.enabled = saved }
    return try body()
}

enum Autograd {
    /// Whether an op on these inputs must be recorded.
    @inline(__always)
    static func active(_ a: Tensor) -> Bool { GradMode.enabled && a._requiresGrad }
    @inline(__always)
    static func active(_ a: Tensor, _ b: Tensor) -> Bool { GradMode.enabled && (a._requiresGrad || b._requiresGrad) }
    /// A layer's operands (input, weight, optional bias), without building an array first.
    @inline(__always)
    static func active(_ a: Tensor, _ b: Tensor, _ c: Tensor?) -> Bool {
        GradMode.enabled && (a._requiresGrad || b._requiresGrad || (c?._requiresGrad ?? false))
    }
    @inline(__always)
    static func active(_ ts: [Tensor]) -> Bool {
        if !GradMode.enabled { return false }
        for t in ts where t._requiresGrad { return true }
        return false
    }

    /// Attaches a gradient node to `out` and marks it as requiring grad.
    @inline(__always)
    static func record(_ out: Tensor, _ name: String, _ inputs: [Tensor], _ backward: @escaping BackwardFn) {
        out.gradFn = GradNode(name: name, inputs: inputs, backward: backward)
        out._requiresGrad = true
    }
}
