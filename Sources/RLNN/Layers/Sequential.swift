import RLTensor

/// Applies modules in order; children are named "0", "1", ... (so state dicts match PyTorch's).
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module]

    public init(_ layers: [Module]) { self.layers = layers; super.init() }
    public convenience init(_ layers: Module...) { self.init(layers) }

    public override func forward(_ x: Tensor) throws -> Tensor {
        var h = x
        for l in layers { h = try l.forward(h) }
        return h
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
