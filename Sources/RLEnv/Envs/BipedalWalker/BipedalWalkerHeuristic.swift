// Gymnasium's scripted walker: `BipedalWalkerHeuristics.step_heuristic` in
// gymnasium/envs/box2d/bipedal_walker.py. The observation is float32 and numpy 2 keeps
// `float32 op python float` in float32, so targets and errors are float32 here; the supporting knee
// angle is a Python float until `min` hands it a float32 from the observation, which is tracked.

/// The heuristic controller's state for one walker (`BipedalWalkerHeuristics`).
public struct BipedalWalkerHeuristic: Sendable {
    enum Phase: Sendable { case stayOnOneLeg, putOtherDown, pushOff }
    static let speed = 0.29
    static let supportKneeAngle = 0.1
    var phase = Phase.stayOnOneLeg
    var movingLeg = 0
    var supportingLeg = 1
    /// The supporting knee angle and whether it is currently a numpy float32.
    var kneeAngle = (value: supportKneeAngle, isFloat32: false)
    var a: [Double] = [0, 0, 0, 0]

    public init() {}

    /// `min(x, SUPPORT_KNEE_ANGLE)` keeping the winner's type (Python returns the first of equals).
    static func minKnee(_ x: (value: Double, isFloat32: Bool)) -> (value: Double, isFloat32: Bool) {
        supportKneeAngle < x.value ? (supportKneeAngle, false) : x
    }

    mutating func addToKnee(_ d: Double) {
        kneeAngle.value = kneeAngle.isFloat32 ? Double(Float(kneeAngle.value) + Float(d)) : kneeAngle.value + d
    }

    /// The next action (four values in [-1, 1]) for an observation.
    public mutating func step(_ s: [Float]) -> [Double] {
        guard s.count >= 24 else { return a }
        let movingBase = 4 + 5 * movingLeg, supportingBase = 4 + 5 * supportingLeg
        // targets: nil = none; as Float when float32 arithmetic applies (always, against s)
        var hipTarg: [Double?] = [nil, nil], kneeTarg: [Double?] = [nil, nil]
        var hipTodo: [Float?] = [nil, nil], kneeTodo: [Float?] = [nil, nil]   // nil = the Python float 0.0
        if phase == .stayOnOneLeg {
            hipTarg[movingLeg] = 1.1
            kneeTarg[movingLeg] = -0.6
            addToKnee(0.03)
            if s[2] > Float(Self.speed) { addToKnee(0.03) }
            kneeAngle = Self.minKnee(kneeAngle)
            kneeTarg[supportingLeg] = kneeAngle.value
            if s[supportingBase + 0] < Float(0.10) { phase = .putOtherDown }
        }
        if phase == .putOtherDown {
            hipTarg[movingLeg] = 0.1
            kneeTarg[movingLeg] = Self.supportKneeAngle
            kneeTarg[supportingLeg] = kneeAngle.value
            if s[movingBase + 4] != 0 {
                phase = .pushOff
                kneeAngle = Self.minKnee((Double(s[movingBase + 2]), true))
            }
        }
        if phase == .pushOff {
            kneeTarg[movingLeg] = kneeAngle.value
            kneeTarg[supportingLeg] = 1.0
            if s[supportingBase + 2] > Float(0.88) || s[2] > Float(1.2 * Self.speed) {
                phase = .stayOnOneLeg
                movingLeg = 1 - movingLeg
                supportingLeg = 1 - movingLeg
            }
        }
        // `if hip_targ[0]:` is false for None and for 0.0
        if let t = hipTarg[0], t != 0 { hipTodo[0] = Float(0.9) * (Float(t) - s[4]) - Float(0.25) * s[5] }
        if let t = hipTarg[1], t != 0 { hipTodo[1] = Float(0.9) * (Float(t) - s[9]) - Float(0.25) * s[10] }
        if let t = kneeTarg[0], t != 0 { kneeTodo[0] = Float(4.0) * (Float(t) - s[6]) - Float(0.25) * s[7] }
        if let t = kneeTarg[1], t != 0 { kneeTodo[1] = Float(4.0) * (Float(t) - s[11]) - Float(0.25) * s[12] }
        let headFix = Float(0.9) * (0 - s[0]) - Float(1.5) * s[1]
        let damp = Float(15.0) * s[3]
        for i in 0..<2 {
            hipTodo[i] = (hipTodo[i] ?? 0) - headFix
            kneeTodo[i] = (kneeTodo[i] ?? 0) - damp
        }
        a = [Double(hipTodo[0]!), Double(kneeTodo[0]!), Double(hipTodo[1]!), Double(kneeTodo[1]!)]
        a = a.map { min(max(0.5 * $0, -1), 1) }
        return a
    }
}
