// Joint plumbing: Box2D/Dynamics/Joints/b2Joint.h, b2Island's solver data (b2TimeStep.h).

/// Positions and velocities of an island's bodies during a step (`b2Position`/`b2Velocity` arrays),
/// as pointers into the world's solver buffers.
struct SolverData {
    var dt: Float
    var dtRatio: Float
    var warmStarting: Bool
    var c: UnsafeMutablePointer<Vec2>
    var a: UnsafeMutablePointer<Float>
    var v: UnsafeMutablePointer<Vec2>
    var w: UnsafeMutablePointer<Float>

    /// Moves body `i` over `dt` with its velocity, clamped as Box2D clamps it (`maxTranslation`,
    /// `maxRotation`); the clamped velocity is kept. The integration step `b2Island::Solve` and
    /// `b2Island::SolveTOI` share (Box2D 2.3, b2Island.cpp).
    @inline(__always)
    func integratePosition(_ i: Int) {
        let h = dt
        var c = self.c[i], a = self.a[i], v = self.v[i], w = self.w[i]
        let translation = h * v
        if dot(translation, translation) > PhysicsSettings.maxTranslationSquared {
            let ratio = PhysicsSettings.maxTranslation / translation.length
            v *= ratio
        }
        let rotation = h * w
        if rotation * rotation > PhysicsSettings.maxRotationSquared {
            let ratio = PhysicsSettings.maxRotation / abs(rotation)
            w *= ratio
        }
        c += h * v
        a += h * w
        self.c[i] = c; self.a[i] = a; self.v[i] = v; self.w[i] = w
    }
}

/// A constraint between two bodies (`b2Joint`); subclasses implement the solver callbacks.
public class Joint {
    public unowned(unsafe) let bodyA: Body
    public unowned(unsafe) let bodyB: Body
    public let collideConnected: Bool
    var islandFlag = false
    var alive = true

    init(bodyA: Body, bodyB: Body, collideConnected: Bool) {
        self.bodyA = bodyA; self.bodyB = bodyB; self.collideConnected = collideConnected
    }

    func initVelocityConstraints(_ data: inout SolverData) {}
    func solveVelocityConstraints(_ data: inout SolverData) {}
    func solvePositionConstraints(_ data: inout SolverData) -> Bool { true }
    /// The impulses the velocity iterations accumulate (VelocityFixedPoint.swift).
    var accumulatedImpulses: (Float, Float, Float, Float) { (0, 0, 0, 0) }
}

/// One end of a joint as seen from a body (`b2JointEdge`).
struct JointEdge {
    unowned(unsafe) let other: Body
    let joint: Joint
}
