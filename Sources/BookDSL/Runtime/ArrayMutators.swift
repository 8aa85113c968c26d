/// Mutating array methods that a call site recognizes while compiling (`a.swapAt(i, j)`,
/// `a.removeLast()`, `a.popLast()`, `a.removeFirst()`, `a.remove(at: i)`, `a.insert(x, at: i)`):
/// on an array they run here, without the argument and label arrays and the look-up by name of
/// `mutatingArrayMethod`, with its results and messages. Anything else (another receiver,
/// extensions of built-in types) takes the general path.
enum ArrayMutator {
    case removeLast, popLast, removeFirst, removeAt, insertAt, swapAt

    /// The method a call names with these argument labels, nil for any other.
    init?(_ name: String, _ labels: [String?]) {
        switch (name, labels.count) {
        case ("removeLast", 0): self = .removeLast
        case ("popLast", 0): self = .popLast
        case ("removeFirst", 0): self = .removeFirst
        case ("remove", 1) where labels[0] == "at": self = .removeAt
        case ("insert", 2) where labels[0] == nil && labels[1] == "at": self = .insertAt
        case ("swapAt", 2) where labels[0] == nil && labels[1] == nil: self = .swapAt
        default: return nil
        }
    }

    /// Runs the method on `a` with its arguments `x` and `y` (as many as it takes).
    @inline(__always)
    func run(_ a: inout [Value], _ x: Value?, _ y: Value?, _ interp: Interpreter, _ loc: Loc) throws -> Value {
        switch self {
        case .removeLast:
            if a.isEmpty { throw RuntimeError("can't remove last element from an empty collection", loc) }
            return a.removeLast()
        case .popLast:
            if a.isEmpty { return .nilValue }
            return .optional(a.removeLast())
        case .removeFirst:
            if a.isEmpty { throw RuntimeError("can't remove first element from an empty collection", loc) }
            return a.removeFirst()
        case .removeAt:
            guard let i = x.unsafelyUnwrapped.asInt else { throw RuntimeError("remove(at:) needs an Int index", loc) }
            try interp.checkIndex(i, a.count, loc)
            return a.remove(at: i)
        case .insertAt:
            let v = x.unsafelyUnwrapped, at = y.unsafelyUnwrapped
            guard let i = at.asInt, i >= 0, i <= a.count else {
                throw RuntimeError("index out of range: cannot insert at \(at) in an array with \(a.count) elements", loc)
            }
            a.insert(v, at: i)
            return .void
        case .swapAt:
            guard let i = x.unsafelyUnwrapped.asInt, let j = y.unsafelyUnwrapped.asInt else { throw RuntimeError("swapAt needs Int indices", loc) }
            try interp.checkIndex(i, a.count, loc)
            try interp.checkIndex(j, a.count, loc)
            a.swapAt(i, j)
            return .void
        }
    }
}
