/// Errors from tensor operations, worded like PyTorch's so that messages are familiar.
public enum TensorError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Two shapes cannot be broadcast together.
    case broadcast(a: [Int], b: [Int], dim: Int, sizeA: Int, sizeB: Int)
    /// A shape does not fit the operation (free-form explanation).
    case shape(String)
    /// A dimension index is outside the tensor's rank.
    case dimOutOfRange(dim: Int, rank: Int)
    /// An element index is outside a dimension.
    case indexOutOfRange(index: Int, dim: Int, size: Int)
    /// The operation does not support this element type.
    case dtype(String)
    /// A value is invalid (free-form explanation).
    case invalidArgument(String)
    /// Autograd misuse (backward on a non-scalar, no grad_fn, ...).
    case autograd(String)
    /// Reading or writing a file failed, or its content is malformed.
    case io(String)

    public var description: String {
        switch self {
        case let .broadcast(_, _, dim, sa, sb):
            return "The size of tensor a (\(sa)) must match the size of tensor b (\(sb)) at non-singleton dimension \(dim)"
        case let .shape(m): return m
        case let .dimOutOfRange(dim, rank):
            let r = max(rank, 1)
            return "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))"
        case let .indexOutOfRange(index, dim, size):
            return "index \(index) is out of bounds for dimension \(dim) with size \(size)"
        case let .dtype(m): return m
        case let .invalidArgument(m): return m
        case let .autograd(m): return m
        case let .io(m): return m
        }
    }
}

/// Normalises a possibly negative dimension index against a rank (PyTorch's `maybe_wrap_dim`).
@inline(__always)
func wrapDim(_ dim: Int, _ rank: Int) throws -> Int {
    let r = max(rank, 1)
    let d = dim < 0 ? dim + r : dim
    if d < 0 || d >= r { throw TensorError.dimOutOfRange(dim: dim, rank: rank) }
    return d
}
