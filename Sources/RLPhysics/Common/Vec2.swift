// Box2D v2.3 math in single precision (Box2D/Common/b2Math.h, b2Math.cpp; pybox2d's bundled copy).
// Operations are written out in Box2D's order so that results round exactly like the C++ code.
import RLSupport

/// A 2D vector of `Float`s (`b2Vec2`).
public struct Vec2: Hashable, Sendable {
    public var x: Float
    public var y: Float
    @inline(__always) public init(_ x: Float, _ y: Float) { self.x = x; self.y = y }
    /// Rounds double-precision coordinates to `Float`, like pybox2d converting a Python tuple.
    @inline(__always) public init(_ x: Double, _ y: Double) { self.x = Float(x); self.y = Float(y) }
    public static let zero = Vec2(Float(0), Float(0))

    @inline(__always) public static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    @inline(__always) public static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    @inline(__always) public static prefix func - (a: Vec2) -> Vec2 { Vec2(-a.x, -a.y) }
    @inline(__always) public static func * (s: Float, a: Vec2) -> Vec2 { Vec2(s * a.x, s * a.y) }
    @inline(__always) public static func += (a: inout Vec2, b: Vec2) { a.x += b.x; a.y += b.y }
    @inline(__always) public static func -= (a: inout Vec2, b: Vec2) { a.x -= b.x; a.y -= b.y }
    @inline(__always) public static func *= (a: inout Vec2, s: Float) { a.x *= s; a.y *= s }

    public var length: Float { sqrtf(x * x + y * y) }
    public var lengthSquared: Float { x * x + y * y }

    /// Normalises in place (`b2Vec2::Normalize`); returns the old length, 0 for tiny vectors.
    @discardableResult
    public mutating func normalize() -> Float {
        let len = length
        if len < Float.ulpOfOne { return 0 }
        let inv = 1 / len
        x *= inv; y *= inv
        return len
    }
}

@inline(__always) func dot(_ a: Vec2, _ b: Vec2) -> Float { a.x * b.x + a.y * b.y }
@inline(__always) func cross(_ a: Vec2, _ b: Vec2) -> Float { a.x * b.y - a.y * b.x }
/// `b2Cross(s, a)`: (-s a.y, s a.x).
@inline(__always) func cross(_ s: Float, _ a: Vec2) -> Vec2 { Vec2(-s * a.y, s * a.x) }
/// `b2Cross(a, s)`: (s a.y, -s a.x).
@inline(__always) func cross(_ a: Vec2, _ s: Float) -> Vec2 { Vec2(s * a.y, -s * a.x) }

/// A rotation stored as sine and cosine (`b2Rot`).
public struct Rot: Hashable, Sendable {
    public var s: Float
    public var c: Float
    @inline(__always) public init(angle: Float) { s = sinf(angle); c = cosf(angle) }
    @inline(__always) public init(s: Float, c: Float) { self.s = s; self.c = c }
    public static let identity = Rot(s: 0, c: 1)
    /// `b2Mul(q, v)`.
    @inline(__always) public func apply(_ v: Vec2) -> Vec2 { Vec2(c * v.x - s * v.y, s * v.x + c * v.y) }
    /// `b2MulT(q, v)`.
    @inline(__always) public func applyInverse(_ v: Vec2) -> Vec2 { Vec2(c * v.x + s * v.y, -s * v.x + c * v.y) }
}

/// A rigid transform (`b2Transform`): rotation then translation.
public struct Transform: Hashable, Sendable {
    public var p: Vec2
    public var q: Rot
    @inline(__always) public init(p: Vec2, q: Rot) { self.p = p; self.q = q }
    public static let identity = Transform(p: .zero, q: .identity)
    /// `b2Mul(xf, v)`.
    @inline(__always) public func apply(_ v: Vec2) -> Vec2 {
        Vec2((q.c * v.x - q.s * v.y) + p.x, (q.s * v.x + q.c * v.y) + p.y)
    }
    /// `b2MulT(xf, v)`.
    @inline(__always) public func applyInverse(_ v: Vec2) -> Vec2 {
        let px = v.x - p.x, py = v.y - p.y
        return Vec2(q.c * px + q.s * py, -q.s * px + q.c * py)
    }
}

/// A 3-vector (`b2Vec3`), used by the revolute joint's 3x3 solve.
struct Vec3 {
    var x: Float, y: Float, z: Float
    static func + (a: Vec3, b: Vec3) -> Vec3 { Vec3(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }
}
@inline(__always) func dot3(_ a: Vec3, _ b: Vec3) -> Float { a.x * b.x + a.y * b.y + a.z * b.z }
@inline(__always) func cross3(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x)
}

/// Column-major 3x3 matrix (`b2Mat33`).
struct Mat33 {
    var ex = Vec3(x: 0, y: 0, z: 0), ey = Vec3(x: 0, y: 0, z: 0), ez = Vec3(x: 0, y: 0, z: 0)
    /// `b2Mat33::Solve33` (Cramer's rule).
    func solve33(_ b: Vec3) -> Vec3 {
        let eyez = cross3(ey, ez)
        var det = dot3(ex, eyez)
        if det != 0 { det = 1 / det }
        return Vec3(x: det * dot3(b, eyez), y: det * dot3(ex, cross3(b, ez)), z: det * dot3(ex, cross3(ey, b)))
    }

    /// `solve33` with `cross(ey, ez)` and the inverse determinant computed once (same results bit for
    /// bit, as they do not depend on `b`); for solvers that call it every iteration with one matrix.
    @inline(__always)
    func solve33(_ b: Vec3, eyez: Vec3, invDet det: Float) -> Vec3 {
        Vec3(x: det * dot3(b, eyez), y: det * dot3(ex, cross3(b, ez)), z: det * dot3(ex, cross3(ey, b)))
    }

    /// The cached terms of `solve33(_:eyez:invDet:)`.
    func solve33Factors() -> (Vec3, Float) {
        let eyez = cross3(ey, ez)
        var det = dot3(ex, eyez)
        if det != 0 { det = 1 / det }
        return (eyez, det)
    }
    /// `b2Mat33::Solve22`: the upper-left 2x2 block.
    func solve22(_ b: Vec2) -> Vec2 {
        let a11 = ex.x, a12 = ey.x, a21 = ex.y, a22 = ey.y
        var det = a11 * a22 - a12 * a21
        if det != 0 { det = 1 / det }
        return Vec2(det * (a22 * b.x - a12 * b.y), det * (a11 * b.y - a21 * b.x))
    }
}

/// `b2Mat22::Solve`.
@inline(__always) func solve22(_ a11: Float, _ a12: Float, _ a21: Float, _ a22: Float, _ b: Vec2) -> Vec2 {
    var det = a11 * a22 - a12 * a21
    if det != 0 { det = 1 / det }
    return Vec2(det * (a22 * b.x - a12 * b.y), det * (a11 * b.y - a21 * b.x))
}

/// Box2D's tuning constants (Box2D/Common/b2Settings.h).
public enum PhysicsSettings {
    public static let pi: Float = 3.14159265359
    public static let linearSlop: Float = 0.005
    public static let angularSlop: Float = 2.0 / 180.0 * pi
    public static let polygonRadius: Float = 2.0 * linearSlop
    public static let aabbExtension: Float = 0.1
    public static let maxPolygonVertices = 16
    public static let maxLinearCorrection: Float = 0.2
    public static let maxAngularCorrection: Float = 8.0 / 180.0 * pi
    public static let maxTranslation: Float = 2.0
    public static let maxTranslationSquared: Float = maxTranslation * maxTranslation
    public static let maxRotation: Float = 0.5 * pi
    public static let maxRotationSquared: Float = maxRotation * maxRotation
    public static let baumgarte: Float = 0.2
    public static let timeToSleep: Float = 0.5
    public static let linearSleepTolerance: Float = 0.01
    public static let angularSleepTolerance: Float = 2.0 / 180.0 * pi
    public static let velocityThreshold: Float = 1.0
}
