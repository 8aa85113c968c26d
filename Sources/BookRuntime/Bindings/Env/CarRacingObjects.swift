import BookDSL
import RLEnv

// CarRacing's car as cells see it through `env.unwrapped.car` (the env's other attributes come from
// its `EnvAttributes` in RLEnv): `car.hull.position.x/.y`, `car.hull.angle`, `car.hull.linearVelocity`,
// `car.hull.angularVelocity`, `car.wheels[i].omega`.

/// `env.unwrapped.car`: `hull`, `wheels`, `fuelSpent`.
final class CarObject: NativeObject {
    let car: Car
    init(_ car: Car) { self.car = car }
    var typeName: String { "Car" }
    var description: String { "<Car hull=\(CarBodyView.hull(car).description)>" }
    var memberNames: [String] { ["hull", "wheels", "fuelSpent"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "hull": return .native(CarBodyObject(CarBodyView.hull(car)))
        case "wheels": return .array(car.wheels.map { .native(CarBodyObject(CarBodyView.wheel($0))) })
        case "fuelSpent": return .double(car.fuelSpent)
        default: return nil
        }
    }
}

/// A snapshot-free view of a car body: reads the live physics state on each access.
struct CarBodyView {
    let position: () -> (Double, Double)
    let angle: () -> Double
    let linearVelocity: () -> (Double, Double)
    let angularVelocity: () -> Double
    let mass: () -> Double
    let wheel: CarWheel?

    static func hull(_ car: Car) -> CarBodyView {
        let b = car.hull
        return CarBodyView(position: { (Double(b.position.x), Double(b.position.y)) }, angle: { Double(b.angle) },
                           linearVelocity: { (Double(b.linearVelocity.x), Double(b.linearVelocity.y)) },
                           angularVelocity: { Double(b.angularVelocity) }, mass: { Double(b.mass) }, wheel: nil)
    }

    static func wheel(_ w: CarWheel) -> CarBodyView {
        let b = w.body
        return CarBodyView(position: { (Double(b.position.x), Double(b.position.y)) }, angle: { Double(b.angle) },
                           linearVelocity: { (Double(b.linearVelocity.x), Double(b.linearVelocity.y)) },
                           angularVelocity: { Double(b.angularVelocity) }, mass: { Double(b.mass) }, wheel: w)
    }

    var description: String {
        let (x, y) = position()
        return "Body(position: (x: \(x), y: \(y)), angle: \(angle()))"
    }
}

/// The hull or a wheel (a Box2D body): `position`, `angle`, `linearVelocity`, `angularVelocity`,
/// `mass`; wheels also have `omega`, `phase`, `gas`, `brake`, `steer`, `wheelRad`, `tiles`.
final class CarBodyObject: NativeObject {
    let view: CarBodyView
    init(_ view: CarBodyView) { self.view = view }
    var typeName: String { view.wheel == nil ? "Hull" : "Wheel" }
    var description: String { view.description }
    var memberNames: [String] {
        ["position", "angle", "linearVelocity", "angularVelocity", "mass"]
            + (view.wheel == nil ? [] : ["omega", "phase", "gas", "brake", "steer", "wheelRad", "tiles"])
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "position": let (x, y) = view.position(); return .native(Vec2Object(x, y))
        case "angle": return .double(view.angle())
        case "linearVelocity": let (x, y) = view.linearVelocity(); return .native(Vec2Object(x, y))
        case "angularVelocity": return .double(view.angularVelocity())
        case "mass": return .double(view.mass())
        default: break
        }
        guard let w = view.wheel else { return nil }
        switch name {
        case "omega": return .double(w.omega)
        case "phase": return .double(w.phase)
        case "gas": return .double(w.gas)
        case "brake": return .double(w.brake)
        case "steer": return .double(w.steer)
        case "wheelRad": return .double(w.wheelRad)
        case "tiles": return .array(w.tiles.sorted().map { .int($0) })
        default: return nil
        }
    }
}

/// A 2-D vector (`b2Vec2`): `x`, `y`, `length`, `v[0]`, `v[1]`, iterable.
final class Vec2Object: NativeObject {
    let x: Double
    let y: Double
    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    var typeName: String { "Vec2" }
    var description: String { "(x: \(x), y: \(y))" }
    var memberNames: [String] { ["x", "y", "length"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "x": return .double(x)
        case "y": return .double(y)
        case "length": return .double((x * x + y * y).squareRoot())
        default: return nil
        }
    }

    func subscriptGet(_ args: Arguments) throws -> Value? {
        guard let i = args.value(nil)?.asInt else { return nil }
        switch i {
        case 0: return .double(x)
        case 1: return .double(y)
        default: throw BindingError("index \(i) out of range for a Vec2 (use 0 or 1)")
        }
    }

    func iterate() throws -> [Value]? { [.double(x), .double(y)] }

    func isEqual(to other: Value) -> Bool {
        guard case .native(let o) = other, let v = o as? Vec2Object else { return false }
        return v.x == x && v.y == y
    }
}
