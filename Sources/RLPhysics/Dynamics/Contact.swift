// Contacts between fixtures: Box2D/Dynamics/Contacts/b2Contact.cpp (Update: sensors use b2TestOverlap,
// Begin/EndContact on touching changes) and b2ContactManager.cpp (pair filtering).

/// A potential or actual touch between two fixtures (`b2Contact`).
public final class Contact {
    public unowned(unsafe) let fixtureA: Fixture
    public unowned(unsafe) let fixtureB: Fixture
    /// True while the shapes overlap (for sensors) or have contact points.
    public internal(set) var isTouching = false
    var seen = false

    init(_ a: Fixture, _ b: Fixture) { fixtureA = a; fixtureB = b }
}

/// Receives contact begin/end events during `World.step` (`b2ContactListener`).
public protocol ContactListener: AnyObject {
    func beginContact(_ contact: Contact)
    func endContact(_ contact: Contact)
}

/// Thrown by physics calls that cannot proceed.
public enum PhysicsError: Error, Equatable, CustomStringConvertible {
    /// Solid (non-sensor) contacts need a contact solver that this build does not include.
    case unsupportedSolidContact(String)

    public var description: String {
        switch self {
        case .unsupportedSolidContact(let what):
            return "solid contact between \(what) is not supported yet; make one fixture a sensor or filter the pair out with categoryBits/maskBits"
        }
    }
}
