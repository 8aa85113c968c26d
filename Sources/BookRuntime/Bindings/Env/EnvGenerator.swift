import BookDSL
import RLSupport

/// An environment's or space's numpy-compatible generator (`env.npRandom`, `space.npRandom`):
/// `random()`, `uniform(low:high:)`, `integers(_:_:)`, `normal(loc:scale:)`, `choice(_:p:)`.
final class GeneratorObject: NativeObject {
    let generator: NumpyGenerator
    init(_ generator: NumpyGenerator) { self.generator = generator }

    var typeName: String { "Generator" }
    var description: String { "Generator(PCG64)" }
    var memberNames: [String] { ["random", "uniform", "integers", "normal", "standardNormal", "choice"] }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "random": return .double(generator.random())
        case "uniform":
            return .double(generator.uniform(low: try args.double("low", default: args.value(nil)?.asDouble ?? 0),
                                             high: try args.double("high", default: args.value(nil, index: 1)?.asDouble ?? 1)))
        case "integers":
            let a = try args.int(nil)
            do {
                if let b = args.value(nil, index: 1)?.asInt { return .int(try generator.integers(low: a, high: b)) }
                return .int(try generator.integers(a))
            } catch { throw BindingError(error.description) }
        case "normal":
            return .double(generator.normal(loc: try args.double("loc", default: 0), scale: try args.double("scale", default: 1)))
        case "standardNormal": return .double(generator.standardNormal())
        case "choice":
            let n = try args.int(nil)
            do {
                if args.has("p") { return .int(try generator.choice(n, p: try args.doubles("p"))) }
                return .int(try generator.choice(n))
            } catch let e as HostError { throw e } catch { throw BindingError("\(error)") }
        default: return nil
        }
    }
}
