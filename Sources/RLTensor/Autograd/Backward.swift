extension Tensor {
    /// Back-propagates from this tensor: leaves with `requiresGrad` get their `grad` increased by
    /// d(self)/d(leaf) · `gradient`. `gradient` may be omitted only for one-element tensors.
    public func backward(_ gradient: Tensor? = nil) throws {
        guard _requiresGrad else {
            throw TensorError.autograd("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                throw TensorError.autograd("Mismatch in shape: grad_output[0] has a shape of \(gradient.shape) and output[0] has a shape of \(shape).")
            }
            seed = gradient.contiguousData(dtype: dtype)
        } else {
            guard count == 1 else { throw TensorError.autograd("grad can be implicitly created only for scalar outputs") }
            seed = Tensor.full(shape, 1, dtype: dtype)
        }
        try noGrad { try Tensor.runBackward(self, seed) }
    }

    /// Reverse topological traversal of the tape, accumulating into leaves' `grad`. The traversal's
    /// bookkeeping lives on the graph's nodes (`GradNode.visited`, `.pendingGrad`), not in a set and a
    /// dictionary keyed by tensor identity (their hashing was ~5 % of a PPO minibatch step), and is reset
    /// before returning, so a graph can be traversed again.
    static func runBackward(_ root: Tensor, _ seed: Tensor) throws {
        guard let rootNode = root.gradFn else {
            accumulateLeaf(root, seed)
            return
        }
        // Iterative DFS post-order over non-leaf tensors.
        var order: [Tensor] = []
        var stack: [(Tensor, Int)] = [(root, 0)]
        rootNode.visited = true
        defer { for t in order { let n = t.gradFn!; n.visited = false; n.pendingGrad = nil } }
        while let (t, i) = stack.popLast() {
            let inputs = t.gradFn!.inputs
            if i < inputs.count {
                stack.append((t, i + 1))
                let child = inputs[i]
                if let cn = child.gradFn, !cn.visited {
                    cn.visited = true
                    stack.append((child, 0))
                }
            } else {
                order.append(t)
            }
        }
        rootNode.pendingGrad = seed
        for t in order.reversed() {
            guard let node = t.gradFn, let g = node.pendingGrad else { continue }
            node.pendingGrad = nil
            var inGrads = try node.backward(g)
            for (k, input) in node.inputs.enumerated() where k < inGrads.count {
                guard var gi = inGrads[k], input._requiresGrad else { continue }
                inGrads[k] = nil   // so a gradient only `gi` holds can be adopted by a leaf (`accumulateLeaf(_:adopting:)`)
                if gi.dtype != input.dtype { gi = gi.contiguousData(dtype: input.dtype) }
                if gi.shape != input.shape {
                    throw TensorError.autograd("Function \(node.name) returned an invalid gradient at index \(k) - got \(gi.shape) but expected shape compatible with \(input.shape)")
                }
                if let inNode = input.gradFn {
                    if let prev = inNode.pendingGrad {
                        inNode.pendingGrad = try Tensor.backend.binary(.add, prev, gi)
                    } else {
                        inNode.pendingGrad = gi
                    }
                } else {
                    accumulateLeaf(input, adopting: &gi)
                }
            }
        }
    }

    /// `accumulateLeaf(leaf, g)`, except that a first gradient nothing else can reach (no other reference
    /// to `g`, no other tensor or array on its storage, contiguous over the whole storage: a backward
    /// rule's fresh result) becomes `leaf.grad` itself instead of being copied (for a 4096×512 Linear
    /// weight the copy was an 8 MB memmove per backward). Same values either way.
    static func accumulateLeaf(_ leaf: Tensor, adopting g: inout Tensor) {
        if leaf.grad == nil && g.dtype == leaf.dtype && g.isContiguous && g.offset == 0 && g.gradFn == nil && !g._requiresGrad
            && g.grad == nil && g.count * g.dtype.size == g.storage.byteCount
            && isKnownUniquelyReferenced(&g) && isKnownUniquelyReferenced(&g.storage) {
            leaf.grad = g
            return
        }
        accumulateLeaf(leaf, g)
    }

    static func accumulateLeaf(_ leaf: Tensor, _ g: Tensor) {
        if let prev = leaf.grad {
            leaf.grad = Elementwise.addInPlaceOrNew(prev, g)
        } else {
            // Own a fresh contiguous copy so later in-place accumulation never aliases.
            let c = Tensor(uninitialized: g.shape, dtype: leaf.dtype)
            Convert.assign(c, from: g)
            leaf.grad = c
        }
    }
}

extension Elementwise {
    /// `a + b` for same-shape tensors, reusing `a`'s buffer when it is a contiguous gradient we own.
    static func addInPlaceOrNew(_ a: Tensor, _ b: Tensor) -> Tensor {
        if a.isContiguous && a.dtype == b.dtype && a.shape == b.shape && a.gradFn == nil {
            a.bumpVersion()
            switch a.dtype {
            case .float32:
                let bc = b.contiguousData(as: Float.self)
                withExtendedLifetime(bc) { addInto(a.pointer(Float.self), bc.pointer(Float.self), a.count) }
                return a
            case .float64:
                let bc = b.contiguousData(as: Double.self)
                withExtendedLifetime(bc) { addInto(a.pointer(Double.self), bc.pointer(Double.self), a.count) }
                return a
            default: break
            }
        }
        return (try? binary(.add, a, b)) ?? a
    }

    @inline(__always)
    static func addInto<T: ArithElement>(_ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ n: Int) {
        for i in 0..<n { a[i] += b[i] }
    }
}
