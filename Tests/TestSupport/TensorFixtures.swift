import Foundation
import RLTensor

/// JSON fixtures copied into a test bundle (`resources: [.copy("Fixtures")]`) and the tensor helpers
/// the RLTensor and RLNN tests share. Each test target names its own bundle once:
/// `let Fixture = TensorFixtures(bundle: .module)`.
public struct TensorFixtures: Sendable {
    /// The `Fixtures` folder inside the bundle's resources.
    public let directory: URL?

    public init(bundle: Bundle) {
        directory = bundle.resourceURL?.appendingPathComponent("Fixtures")
    }

    /// The fixture's JSON object (`name` relative to `Fixtures/`).
    public func load(_ name: String) throws -> [String: Any] {
        guard let dir = directory else { throw TensorError.io("no test bundle resources") }
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TensorError.io("fixture \(name) is not a JSON object")
        }
        return object
    }

    /// The fixture's file path.
    public func path(_ name: String) -> String {
        (directory ?? URL(fileURLWithPath: "Fixtures")).appendingPathComponent(name).path
    }

    /// A tensor from `{"shape": [...], "data": [...], "dtype": "..."}`.
    public func tensor(_ obj: Any?, requiresGrad: Bool = false) throws -> Tensor {
        guard let o = obj as? [String: Any], let shapeNumbers = o["shape"] as? [NSNumber], let dataNumbers = o["data"] as? [NSNumber] else {
            throw TensorError.io("fixture tensor needs \"shape\" and \"data\" arrays, got \(String(describing: obj).prefix(80))")
        }
        let shape = shapeNumbers.map { $0.intValue }
        let data = dataNumbers.map { $0.doubleValue }
        let dt = DType(rawValue: o["dtype"] as? String ?? "float64") ?? .float64
        return try Tensor(data, shape: shape, dtype: dt, requiresGrad: requiresGrad && dt.isFloatingPoint)
    }

    /// Largest absolute difference, or infinity when shapes differ.
    public func maxDiff(_ a: Tensor, _ b: Tensor) -> Double {
        guard a.shape == b.shape else { return .infinity }
        var m = 0.0
        for (x, y) in zip(a.scalars, b.scalars) {
            if x.isNaN != y.isNaN { return .infinity }
            m = max(m, abs(x - y))
        }
        return m
    }
}
