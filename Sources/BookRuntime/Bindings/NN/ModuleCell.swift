import BookDSL
import RLNN
import RLTensor

/// A layer written in a cell (a class with `callAsFunction(_:)`) placed inside a `Sequential`.
final class CellModule: Module {
    let value: Value
    weak var interpreter: Interpreter?
    init(_ value: Value, interpreter: Interpreter?) {
        self.value = value
        self.interpreter = interpreter
        super.init()
    }

    override func forward(_ x: Tensor) throws -> Tensor {
        guard let interp = interpreter else { throw BindingError("the cell layer '\(value.typeName)' can no longer run") }
        let r = try interp.call(value, [TensorObject.value(x)])
        guard let t = r.tensor else { throw BindingError("callAsFunction of '\(value.typeName)' returned a '\(r.typeName)', not a Tensor") }
        return t
    }

    override var ownParameters: [(String, Tensor)] {
        ((try? NNBindings.parameters(value, interpreter: interpreter)) ?? []).enumerated().map { ("p\($0.offset)", $0.element) }
    }

    override var summary: String { value.typeName + "()" }
}
