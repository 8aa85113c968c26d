import RLTensor

/// A neural-network building block, like `torch.nn.Module`: a forward function plus explicitly
/// listed parameters and child modules (no reflection). Subclasses override `forward(_:)`,
/// `ownParameters` and/or `children`.
open class Module {
    /// Whether the module is in training mode (`train()`) or evaluation mode (`eval()`).
    public private(set) var training = true

    public init() {}

    /// The computation; call the module itself (`net(x)`) rather than this.
    open func forward(_ x: Tensor) throws -> Tensor { x }

    /// This module's own parameters by name (e.g. `weight`, `bias`), in registration order.
    open var ownParameters: [(String, Tensor)] { [] }

    /// Child modules by name, in order (Sequential names them "0", "1", ...).
    open var children: [(String, Module)] { [] }

    /// The name printed for a container (`Sequential(`); subclasses standing for other types override it.
    open var reprName: String { String(describing: type(of: self)) }

    /// PyTorch-style one-line summary, e.g. `Linear(in_features=4, out_features=2, bias=True)`.
    open var summary: String { String(describing: type(of: self)) + "()" }

    /// Applies the module: `net(x)`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor { try forward(x) }

    /// All parameters with dotted names (`0.weight`, `2.bias`), depth first.
    public func namedParameters() -> [(String, Tensor)] {
        var out = ownParameters
        for (name, child) in children {
            out += child.namedParameters().map { ("\(name).\($0.0)", $0.1) }
        }
        return out
    }

    /// All parameters, in state-dict order.
    public func parameters() -> [Tensor] {
        // Same order as `namedParameters()`, without building the dotted names (training loops ask for
        // the parameters at every update, for gradient clipping and averaging).
        var out: [Tensor] = []
        collectParameters(into: &out)
        return out
    }

    private func collectParameters(into out: inout [Tensor]) {
        for (_, p) in ownParameters { out.append(p) }
        for (_, child) in children { child.collectParameters(into: &out) }
    }

    /// Named parameters as an ordered state dict (the tensors themselves, detached views).
    public func stateDict() -> StateDict {
        StateDict(namedParameters().map { ($0.0, $0.1.detach()) })
    }

    /// Copies values from a state dict into this module's parameters in place (so optimizers keep working).
    /// With `strict`, missing or unexpected keys are errors, as in PyTorch.
    public func loadStateDict(_ dict: StateDict, strict: Bool = true) throws {
        let mine = namedParameters()
        let names = Set(mine.map { $0.0 })
        let missing = mine.map { $0.0 }.filter { dict[$0] == nil }
        let unexpected = dict.keys.filter { !names.contains($0) }
        if strict && (!missing.isEmpty || !unexpected.isEmpty) {
            throw NNError.stateDictKeys(missing: missing, unexpected: unexpected)
        }
        for (name, p) in mine {
            guard let src = dict[name] else { continue }
            guard src.shape == p.shape else { throw NNError.stateDictShape(key: name, expected: p.shape, got: src.shape) }
            try p.copy_(src)
        }
    }

    /// Saves the state dict as a safetensors file (atomically).
    public func save(_ path: String) throws {
        try Safetensors.save(stateDict().items, to: path, metadata: ["format": "pt"])
    }

    /// Loads parameters from a safetensors file written by `save` or by PyTorch's `safetensors.torch.save_file`.
    public func load(_ path: String, strict: Bool = true) throws {
        try loadStateDict(StateDict(try Safetensors.load(path)), strict: strict)
    }

    /// Switches this module and its children to training mode.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        training = mode
        for (_, c) in children { c.train(mode) }
        return self
    }

    /// Switches to evaluation mode.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Clears every parameter's gradient.
    public func zeroGrad() { for p in parameters() { p.grad = nil } }
}

extension Module: CustomStringConvertible {
    /// The module tree printed like PyTorch's `repr`.
    public var description: String {
        let kids = children
        if kids.isEmpty { return summary }
        var s = reprName + "(\n"
        for (name, c) in kids {
            let inner = c.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            s += "  (\(name)): \(inner)\n"
        }
        return s + ")"
    }
}

/// An ordered mapping from parameter names to tensors (PyTorch's `state_dict()`).
public struct StateDict {
    /// The entries, in order.
    public private(set) var items: [(String, Tensor)]

    public init(_ items: [(String, Tensor)] = []) { self.items = items }

    /// The names, in order.
    public var keys: [String] { items.map { $0.0 } }

    /// The tensor stored under `key`.
    public subscript(_ key: String) -> Tensor? {
        get { items.first { $0.0 == key }?.1 }
        set {
            if let i = items.firstIndex(where: { $0.0 == key }) {
                if let v = newValue { items[i].1 = v } else { items.remove(at: i) }
            } else if let v = newValue {
                items.append((key, v))
            }
        }
    }

    /// The number of entries.
    public var count: Int { items.count }
}
