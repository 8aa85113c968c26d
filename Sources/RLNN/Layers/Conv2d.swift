import RLTensor

/// 2-d convolution layer like `torch.nn.Conv2d` (groups 1, dilation 1), PyTorch default initialisation.
public final class Conv2d: Module {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: [Int]
    public let stride: [Int]
    public let padding: [Int]
    /// Weight [out, in, kh, kw].
    public let weight: Tensor
    /// Bias [out], or nil.
    public let bias: Tensor?

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true, dtype: DType = .float32) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = [kernelSize, kernelSize]
        self.stride = [stride, stride]
        self.padding = [padding, padding]
        weight = Tensor.zeros([outChannels, inChannels, kernelSize, kernelSize], dtype: dtype, requiresGrad: true)
        self.bias = bias ? Tensor.zeros([outChannels], dtype: dtype, requiresGrad: true) : nil
        super.init()
        try? Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let b = self.bias {
            let fanIn = inChannels * kernelSize * kernelSize
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            try? Init.uniform_(b, -bound, bound)
        }
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        try conv2d(x, weight, bias: bias, stride: stride, padding: padding)
    }

    public override var ownParameters: [(String, Tensor)] {
        bias.map { [("weight", weight), ("bias", $0)] } ?? [("weight", weight)]
    }

    public override var summary: String {
        var s = "Conv2d(\(inChannels), \(outChannels), kernel_size=(\(kernelSize[0]), \(kernelSize[1])), stride=(\(stride[0]), \(stride[1]))"
        if padding != [0, 0] { s += ", padding=(\(padding[0]), \(padding[1]))" }
        if bias == nil { s += ", bias=False" }
        return s + ")"
    }
}
