import RLSupport
/// An n-dimensional array with PyTorch semantics: a view (shape, strides, offset) onto shared storage,
/// an element type, and optional reverse-mode gradient tracking.
///
/// `Tensor` is a reference type like `torch.Tensor`: parameters are updated in place by optimizers,
/// and `grad` accumulates across `backward()` calls until cleared.
public final class Tensor {
    /// The element type.
    public let dtype: DType
    /// The size of each dimension.
    public let shape: [Int]
    /// Element strides of each dimension (0 on broadcast dimensions).
    public let strides: [Int]
    /// Offset of the first element in storage, in elements.
    let offset: Int
    /// (A `var` only so `isKnownUniquelyReferenced` can ask whether this tensor is its sole holder:
    /// backward adopts such a fresh gradient as a leaf's `grad` instead of copying it. Never reassigned.)
    var storage: Storage
    /// The number of elements.
    public let count: Int
    /// Whether elements are laid out row-major without gaps from `offset`.
    public let isContiguous: Bool

    var _requiresGrad = false
    /// The accumulated gradient of a leaf after `backward()`, or `nil`.
    public var grad: Tensor?
    /// The node that produced this tensor in the autograd graph (nil for leaves).
    var gradFn: GradNode?

    init(storage: Storage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.offset = offset
        var n = 1
        var contiguous = true
        var expect = 1
        var i = shape.count - 1
        while i >= 0 {
            n &*= shape[i]
            if shape[i] != 1 && strides[i] != expect { contiguous = false }
            expect &*= shape[i]
            i -= 1
        }
        self.count = n
        self.isContiguous = contiguous
    }

    /// A new contiguous tensor with uninitialised contents.
    init(uninitialized shape: [Int], dtype: DType) {
        let n = ShapeMath.count(shape)
        self.storage = Storage(byteCount: Swift.max(n, 1) * dtype.size)
        self.dtype = dtype
        self.shape = shape
        self.strides = ShapeMath.contiguousStrides(shape)
        self.offset = 0
        self.count = n
        self.isContiguous = true
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// PyTorch's `dim()`.
    public func dim() -> Int { shape.count }
    /// PyTorch's `numel()`.
    public func numel() -> Int { count }
    /// PyTorch's `size(d)`.
    public func size(_ d: Int) throws -> Int { shape[try wrapDim(d, shape.count)] }

    /// Whether gradients flow to this tensor. Setting it is allowed on leaves (as in PyTorch).
    public var requiresGrad: Bool {
        get { _requiresGrad }
        set { _requiresGrad = newValue }
    }

    /// Whether this tensor was created by the user (not by a recorded operation).
    public var isLeaf: Bool { gradFn == nil }

    /// Sets `requiresGrad` and returns self (PyTorch's `requires_grad_()`).
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) -> Tensor { _requiresGrad = flag; return self }

    @inline(__always)
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        storage.data.assumingMemoryBound(to: T.self) + offset
    }

    /// A view of the same storage with other geometry (no autograd).
    func view(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        Tensor(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset)
    }
}
