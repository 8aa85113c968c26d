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
