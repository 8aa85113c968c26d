// Why one Box2D env cannot be made 25x faster than Gymnasium with exact parity, and where more
// throughput is: a revolute-joint velocity solve (motor, then the point constraint, as in
// b2RevoluteJoint::SolveVelocityConstraints) on a lander-like island (one body, two legs, two joints),
// 180 Gauss-Seidel iterations per step.
//   K=1   one island: every solve waits for the previous one (latency bound)
//   K=n   n independent islands with their iterations interleaved (independent chains overlap)
//   registers: one island with the bodies' velocities in locals instead of memory
// Build and run: swiftc -O -target-cpu haswell Benchmarks/box2d/latency.swift -o .build/box2d-latency
//                .build/box2d-latency
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct V { var x: Float; var y: Float }
struct Joint {
    var a: Int, b: Int
    var rA: V, rB: V
    var k: (Float, Float, Float, Float)
    var mA: Float, mB: Float, iA: Float, iB: Float
    var motorMass: Float, motorImpulse: Float, maxImpulse: Float, speed: Float
    var impulse: V
}

@inline(__always) func solve(_ j: inout Joint, _ vA: inout V, _ wA: inout Float, _ vB: inout V, _ wB: inout Float) {
    let cdot = wB - wA - j.speed
    var imp = -j.motorMass * cdot
    let old = j.motorImpulse
    j.motorImpulse = min(max(j.motorImpulse + imp, -j.maxImpulse), j.maxImpulse)
    imp = j.motorImpulse - old
    wA -= j.iA * imp
    wB += j.iB * imp
    let cx = vB.x + (-wB * j.rB.y) - vA.x - (-wA * j.rA.y)
    let cy = vB.y + (wB * j.rB.x) - vA.y - (wA * j.rA.x)
    var det = j.k.0 * j.k.3 - j.k.1 * j.k.2
    if det != 0 { det = 1 / det }
    let ix = det * (j.k.3 * -cx - j.k.1 * -cy), iy = det * (j.k.0 * -cy - j.k.2 * -cx)
    j.impulse.x += ix; j.impulse.y += iy
    vA.x -= j.mA * ix; vA.y -= j.mA * iy
    wA -= j.iA * (j.rA.x * iy - j.rA.y * ix)
    vB.x += j.mB * ix; vB.y += j.mB * iy
    wB += j.iB * (j.rB.x * iy - j.rB.y * ix)
}

@inline(__always) func solve(_ j: inout Joint, _ v: UnsafeMutablePointer<V>, _ w: UnsafeMutablePointer<Float>) {
    var vA = v[j.a], wA = w[j.a], vB = v[j.b], wB = w[j.b]
    solve(&j, &vA, &wA, &vB, &wB)
    v[j.a] = vA; w[j.a] = wA; v[j.b] = vB; w[j.b] = wB
}

func f1(_ x: Double) -> String { String(Double((x * 10).rounded()) / 10) }
func f2(_ x: Double) -> String { String(Double((x * 100).rounded()) / 100) }

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func makeJoints(_ k: Int) -> [Joint] {
    (0..<k).flatMap { s in [(0, 1), (0, 2)].map { (a, b) in
        Joint(a: 3 * s + a, b: 3 * s + b, rA: V(x: 0.3, y: -0.2), rB: V(x: 0.1, y: 0.25), k: (1.2, 0.1, 0.1, 0.9),
              mA: 0.2, mB: 0.5, iA: 0.3, iB: 0.8, motorMass: 0.9, motorImpulse: 0, maxImpulse: 0.5, speed: 0.3,
              impulse: V(x: 0, y: 0))
    } }
}

let total = 100_000   // island-steps per measurement
var base = 0.0
for k in [1, 2, 4, 8] {
    var js = makeJoints(k)
    let v = UnsafeMutablePointer<V>.allocate(capacity: 3 * k), w = UnsafeMutablePointer<Float>.allocate(capacity: 3 * k)
    for i in 0..<3 * k { v[i] = V(x: Float(i) * 0.01, y: -0.5); w[i] = 0.1 }
    let t0 = now()
    js.withUnsafeMutableBufferPointer { jb in
        for _ in 0..<(total / k) {
            for _ in 0..<180 {
                for s in 0..<k { solve(&jb[2 * s], v, w) }       // first joint of every island
                for s in 0..<k { solve(&jb[2 * s + 1], v, w) }   // then the second
            }
        }
    }
    let ns = (now() - t0) / Double(total / k * k * 360) * 1e9
    if k == 1 { base = ns }
    print("K=\(k): \(f1(ns)) ns per joint solve, \(f2(base / ns))x one island  (\(v[0].x))")
    v.deallocate(); w.deallocate()
}
do {
    var js = makeJoints(1)
    var v0 = V(x: 0, y: -0.5), v1 = V(x: 0.01, y: -0.5), v2 = V(x: 0.02, y: -0.5)
    var w0: Float = 0.1, w1: Float = 0.1, w2: Float = 0.1
    let t0 = now()
    for _ in 0..<total {
        for _ in 0..<180 { solve(&js[0], &v0, &w0, &v1, &w1); solve(&js[1], &v0, &w0, &v2, &w2) }
    }
    let ns = (now() - t0) / Double(total * 360) * 1e9
    print("registers: \(f1(ns)) ns per joint solve  (\(v0.x))")
}
