import RLTensor

/// Applies modules in order; children are named "0", "1", ... (so state dicts match PyTorch's).
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module] { didSet { chain = makeInferenceLayers() } }
    /// `inferenceLayers()`, worked out when the layers are set (the type checks per layer cost ~1,000
    /// instructions a call; forward only reads it).
    private var chain: [InferenceLayer]?

    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        chain = makeInferenceLayers()
    }
    public convenience init(_ layers: Module...) { self.init(layers) }

    public override func forward(_ x: Tensor) throws -> Tensor {
        // Without autograd, a chain of Linear(+activation) layers runs through scratch buffers: same
        // values, one tensor per call (see `inferenceForward`).
        if !GradMode.isEnabled, let chain = inferenceLayers(), let y = inferenceForward(x, chain) { return y }
        var h = x
        var i = 0
        let n = layers.count
        while i < n {
            // Linear then Tanh/ReLU/Sigmoid: one fused op (same values and gradients, one tensor and
            // one tape node fewer per layer; see `linear(_:_:_:activation:)`).
            if i + 1 < n, let lin = layers[i] as? Linear, let act = Sequential.fusable(layers[i + 1]) {
                h = try linear(h, lin.weight, lin.bias, activation: act)
                i += 2
                continue
            }
            // Conv2d then an activation likewise (see `conv2d(_:_:bias:stride:padding:activation:)`).
            if i + 1 < n, let conv = layers[i] as? Conv2d, let act = Sequential.fusable(layers[i + 1]) {
                h = try conv2d(h, conv.weight, bias: conv.bias, stride: conv.stride, padding: conv.padding, activation: act)
                i += 2
                continue
            }
            h = try layers[i].forward(h)
            i += 1
        }
        return h
    }

    /// The layers as a chain of Linear(+Tanh/ReLU/Sigmoid) steps for `inferenceForward` (Identity layers
    /// skipped), or nil when another kind of layer is among them.
    public func inferenceLayers() -> [InferenceLayer]? { chain }

    private func makeInferenceLayers() -> [InferenceLayer]? {
        var out: [InferenceLayer] = []
        var i = 0
        let n = layers.count
        while i < n {
            if let lin = layers[i] as? Linear {
                let act = i + 1 < n ? Sequential.fusable(layers[i + 1]) : nil
                out.append(lin.inferenceLayer(activation: act))
                i += act == nil ? 1 : 2
            } else if layers[i] is Identity {
                i += 1
            } else {
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The activation a module applies, when it is one that fuses with a preceding Linear or Conv2d.
    static func fusable(_ m: Module) -> UnaryOp? {
        if m is Tanh { return .tanh }
        if m is ReLU { return .relu }
        if m is Sigmoid { return .sigmoid }
        return nil
    }

    public override var children: [(String, Module)] { layers.enumerated().map { (String($0.offset), $0.element) } }

    /// Appends a layer.
    public func append(_ m: Module) { layers.append(m) }

    /// The layer at `i` (negative counts from the end).
    public subscript(_ i: Int) -> Module? {
        let j = i < 0 ? i + layers.count : i
        return layers.indices.contains(j) ? layers[j] : nil
    }

    /// The number of layers.
    public var count: Int { layers.count }
}
