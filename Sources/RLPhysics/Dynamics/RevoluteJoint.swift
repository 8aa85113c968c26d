// A port of Box2D/Dynamics/Joints/b2RevoluteJoint.cpp (point-to-point constraint with motor and angle
// limits), statement for statement, in Float.

/// Parameters of a revolute joint (`b2RevoluteJointDef`).
public struct RevoluteJointDef {
    public var bodyA: Body
    public var bodyB: Body
    public var localAnchorA = Vec2.zero
    public var localAnchorB = Vec2.zero
    public var referenceAngle: Float = 0
    public var enableLimit = false
    public var lowerAngle: Float = 0
    public var upperAngle: Float = 0
    public var enableMotor = false
    public var motorSpeed: Float = 0
    public var maxMotorTorque: Float = 0
    public var collideConnected = false

    /// Like pybox2d's `revoluteJointDef(bodyA=, bodyB=)` (Box2D/Box2D_joints.i), the reference angle
    /// defaults to the bodies' current relative angle (C++ Box2D leaves it 0 unless `Initialize` is called).
    public init(bodyA: Body, bodyB: Body) {
        self.bodyA = bodyA; self.bodyB = bodyB
        referenceAngle = bodyB.angle - bodyA.angle
    }
}

/// A hinge between two bodies with optional motor and limits (`b2RevoluteJoint`).
public final class RevoluteJoint: Joint {
    enum LimitState { case inactive, atLower, atUpper, equal }

    public let localAnchorA: Vec2
    public let localAnchorB: Vec2
    public let referenceAngle: Float
    var impulse = Vec3(x: 0, y: 0, z: 0)
    var motorImpulse: Float = 0
    public var enableMotor: Bool
    public var maxMotorTorque: Float
    public private(set) var motorSpeed: Float
    public var enableLimit: Bool
    public var lowerAngle: Float
    public var upperAngle: Float
    var limitState = LimitState.inactive

    // solver temporaries
    var indexA = 0, indexB = 0
    var rA = Vec2.zero, rB = Vec2.zero
    var localCenterA = Vec2.zero, localCenterB = Vec2.zero
    var invMassA: Float = 0, invMassB: Float = 0, invIA: Float = 0, invIB: Float = 0
    var massM = Mat33()
    var massEyEz = Vec3(x: 0, y: 0, z: 0)   // solve33 factors of massM, fixed during the velocity iterations
    var massInvDet: Float = 0
    var motorMass: Float = 0

    init(_ def: RevoluteJointDef) {
        localAnchorA = def.localAnchorA; localAnchorB = def.localAnchorB; referenceAngle = def.referenceAngle
        enableMotor = def.enableMotor; maxMotorTorque = def.maxMotorTorque; motorSpeed = def.motorSpeed
        enableLimit = def.enableLimit; lowerAngle = def.lowerAngle; upperAngle = def.upperAngle
        super.init(bodyA: def.bodyA, bodyB: def.bodyB, collideConnected: def.collideConnected)
    }

    /// `GetJointAngle`: bodyB angle − bodyA angle − reference angle.
    public var jointAngle: Float { bodyB.a - bodyA.a - referenceAngle }

    /// `GetJointSpeed`: bodyB angular velocity − bodyA angular velocity.
    public var jointSpeed: Float { bodyB.angularVelocity - bodyA.angularVelocity }

    /// `SetMaxMotorTorque`: wakes both bodies.
    public func setMaxMotorTorque(_ torque: Float) {
        bodyA.setAwake(true); bodyB.setAwake(true)
        maxMotorTorque = torque
    }

    /// `SetMotorSpeed`: wakes both bodies.
    public func setMotorSpeed(_ speed: Float) {
        bodyA.setAwake(true); bodyB.setAwake(true)
        motorSpeed = speed
    }

    override func initVelocityConstraints(_ data: inout SolverData) {
        indexA = bodyA.islandIndex; indexB = bodyB.islandIndex
        localCenterA = bodyA.localCenter; localCenterB = bodyB.localCenter
        invMassA = bodyA.invMass; invMassB = bodyB.invMass
        invIA = bodyA.invI; invIB = bodyB.invI

        let aA = data.a[indexA], aB = data.a[indexB]
        var vA = data.v[indexA], wA = data.w[indexA]
        var vB = data.v[indexB], wB = data.w[indexB]
        let qA = Rot(angle: aA), qB = Rot(angle: aB)
        rA = qA.apply(localAnchorA - localCenterA)
        rB = qB.apply(localAnchorB - localCenterB)

        let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
        let fixedRotation = (iA + iB == 0)
        massM.ex.x = mA + mB + rA.y * rA.y * iA + rB.y * rB.y * iB
        massM.ey.x = -rA.y * rA.x * iA - rB.y * rB.x * iB
        massM.ez.x = -rA.y * iA - rB.y * iB
        massM.ex.y = massM.ey.x
        massM.ey.y = mA + mB + rA.x * rA.x * iA + rB.x * rB.x * iB
        massM.ez.y = rA.x * iA + rB.x * iB
        massM.ex.z = massM.ez.x
        massM.ey.z = massM.ez.y
        massM.ez.z = iA + iB
        (massEyEz, massInvDet) = massM.solve33Factors()

        motorMass = iA + iB
        if motorMass > 0 { motorMass = 1 / motorMass }
        if !enableMotor || fixedRotation { motorImpulse = 0 }

        if enableLimit && !fixedRotation {
            let jointAngle = aB - aA - referenceAngle
            if abs(upperAngle - lowerAngle) < 2 * PhysicsSettings.angularSlop {
                limitState = .equal
            } else if jointAngle <= lowerAngle {
                if limitState != .atLower { impulse.z = 0 }
                limitState = .atLower
            } else if jointAngle >= upperAngle {
                if limitState != .atUpper { impulse.z = 0 }
                limitState = .atUpper
            } else {
                limitState = .inactive
                impulse.z = 0
            }
        } else {
            limitState = .inactive
        }

        if data.warmStarting {
            impulse.x *= data.dtRatio; impulse.y *= data.dtRatio; impulse.z *= data.dtRatio
            motorImpulse *= data.dtRatio
            let p = Vec2(impulse.x, impulse.y)
            vA -= mA * p
            wA -= iA * (cross(rA, p) + motorImpulse + impulse.z)
            vB += mB * p
            wB += iB * (cross(rB, p) + motorImpulse + impulse.z)
        } else {
            impulse = Vec3(x: 0, y: 0, z: 0)
            motorImpulse = 0
        }
        data.v[indexA] = vA; data.w[indexA] = wA
        data.v[indexB] = vB; data.w[indexB] = wB
    }

    override var accumulatedImpulses: (Float, Float, Float, Float) { (impulse.x, impulse.y, impulse.z, motorImpulse) }

    override func solveVelocityConstraints(_ data: inout SolverData) {
        var vA = data.v[indexA], wA = data.w[indexA]
        var vB = data.v[indexB], wB = data.w[indexB]
        solveVelocity(dt: data.dt, &vA, &wA, &vB, &wB)
        data.v[indexA] = vA; data.w[indexA] = wA
        data.v[indexB] = vB; data.w[indexB] = wB
    }

    /// `SolveVelocityConstraints` on the two bodies' velocities held by the caller (the island keeps
    /// the bodies the previous joint wrote in registers: IslandJointChain in World+Step.swift).
    @inline(__always)
    func solveVelocity(dt: Float, _ vA: inout Vec2, _ wA: inout Float, _ vB: inout Vec2, _ wB: inout Float) {
        let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
        let fixedRotation = (iA + iB == 0)

        if enableMotor && limitState != .equal && !fixedRotation {
            let cdot = wB - wA - motorSpeed
            var imp = -motorMass * cdot
            let oldImpulse = motorImpulse
            let maxImpulse = dt * maxMotorTorque
            motorImpulse = min(max(motorImpulse + imp, -maxImpulse), maxImpulse)
            imp = motorImpulse - oldImpulse
            wA -= iA * imp
            wB += iB * imp
        }

        if enableLimit && limitState != .inactive && !fixedRotation {
            let cdot1 = vB + cross(wB, rB) - vA - cross(wA, rA)
            let cdot2 = wB - wA
            let cdot = Vec3(x: cdot1.x, y: cdot1.y, z: cdot2)
            let s = massM.solve33(cdot, eyez: massEyEz, invDet: massInvDet)
            var imp = Vec3(x: -s.x, y: -s.y, z: -s.z)
            switch limitState {
            case .equal:
                impulse = impulse + imp
            case .atLower, .atUpper:
                let newImpulse = impulse.z + imp.z
                if (limitState == .atLower && newImpulse < 0) || (limitState == .atUpper && newImpulse > 0) {
                    let rhs = -cdot1 + impulse.z * Vec2(massM.ez.x, massM.ez.y)
                    let reduced = massM.solve22(rhs)
                    imp.x = reduced.x; imp.y = reduced.y; imp.z = -impulse.z
                    impulse.x += reduced.x; impulse.y += reduced.y; impulse.z = 0
                } else {
                    impulse = impulse + imp
                }
            case .inactive:
                break
            }
            let p = Vec2(imp.x, imp.y)
            vA -= mA * p
            wA -= iA * (cross(rA, p) + imp.z)
            vB += mB * p
            wB += iB * (cross(rB, p) + imp.z)
        } else {
            let cdot = vB + cross(wB, rB) - vA - cross(wA, rA)
            let imp = massM.solve22(-cdot)
            impulse.x += imp.x; impulse.y += imp.y
            vA -= mA * imp
            wA -= iA * cross(rA, imp)
            vB += mB * imp
            wB += iB * cross(rB, imp)
        }
    }

    override func solvePositionConstraints(_ data: inout SolverData) -> Bool {
        var cA = data.c[indexA], aA = data.a[indexA]
        var cB = data.c[indexB], aB = data.a[indexB]
        var angularError: Float = 0
        var positionError: Float = 0
        let fixedRotation = (invIA + invIB == 0)

        if enableLimit && limitState != .inactive && !fixedRotation {
            let angle = aB - aA - referenceAngle
            var limitImpulse: Float = 0
            let maxC = PhysicsSettings.maxAngularCorrection
            switch limitState {
            case .equal:
                let cc = min(max(angle - lowerAngle, -maxC), maxC)
                limitImpulse = -motorMass * cc
                angularError = abs(cc)
            case .atLower:
                var cc = angle - lowerAngle
                angularError = -cc
                cc = min(max(cc + PhysicsSettings.angularSlop, -maxC), 0)
                limitImpulse = -motorMass * cc
            case .atUpper:
                var cc = angle - upperAngle
                angularError = cc
                cc = min(max(cc - PhysicsSettings.angularSlop, 0), maxC)
                limitImpulse = -motorMass * cc
            case .inactive:
                break
            }
            aA -= invIA * limitImpulse
            aB += invIB * limitImpulse
        }

        do {
            let qA = Rot(angle: aA), qB = Rot(angle: aB)
            let rA = qA.apply(localAnchorA - localCenterA)
            let rB = qB.apply(localAnchorB - localCenterB)
            let cc = cB + rB - cA - rA
            positionError = cc.length
            let mA = invMassA, mB = invMassB, iA = invIA, iB = invIB
            let k11 = mA + mB + iA * rA.y * rA.y + iB * rB.y * rB.y
            let k21 = -iA * rA.x * rA.y - iB * rB.x * rB.y
            let k12 = k21
            let k22 = mA + mB + iA * rA.x * rA.x + iB * rB.x * rB.x
            let imp = -solve22(k11, k12, k21, k22, cc)
            cA -= mA * imp
            aA -= iA * cross(rA, imp)
            cB += mB * imp
            aB += iB * cross(rB, imp)
        }
        data.c[indexA] = cA; data.a[indexA] = aA
        data.c[indexB] = cB; data.a[indexB] = aB
        return positionError <= PhysicsSettings.linearSlop && angularError <= PhysicsSettings.angularSlop
    }
}
