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
