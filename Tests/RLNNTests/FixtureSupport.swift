import Foundation
import RLTensor

/// Loads JSON fixtures copied into the test bundle.
enum Fixture {
    static func load(_ name: String) throws -> [String: Any] {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            throw TensorError.io("no test bundle resources")
        }
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func path(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// A tensor from `{"shape": [...], "data": [...], "dtype": "..."}`.
    static func tensor(_ obj: Any?, requiresGrad: Bool = false) throws -> Tensor {
        let o = obj as! [String: Any]
        let shape = (o["shape"] as! [NSNumber]).map { $0.intValue }
        let data = (o["data"] as! [NSNumber]).map { $0.doubleValue }
        let dt = DType(rawValue: o["dtype"] as? String ?? "float64") ?? .float64
        return try Tensor(data, shape: shape, dtype: dt, requiresGrad: requiresGrad && dt.isFloatingPoint)
    }

    /// Largest absolute difference, or infinity when shapes differ.
    static func maxDiff(_ a: Tensor, _ b: Tensor) -> Double {
        guard a.shape == b.shape else { return .infinity }
        var m = 0.0
        for (x, y) in zip(a.scalars, b.scalars) {
            if x.isNaN != y.isNaN { return .infinity }
            m = max(m, abs(x - y))
        }
        return m
    }
}
