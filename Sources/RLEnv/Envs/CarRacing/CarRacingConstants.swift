// Module-level constants of gymnasium/envs/box2d/car_racing.py and car_dynamics.py (Gymnasium 1.x),
// computed with the same double-precision expressions.

/// CarRacing's constants, named as in Gymnasium.
public enum CarRacingConstants {
    public static let stateW = 96
    public static let stateH = 96
    public static let videoW = 600
    public static let videoH = 400
    public static let windowW = 1000
    public static let windowH = 800
    public static let scale = 6.0
    public static let trackRad = 900 / scale
    public static let playfield = 2000 / scale
    public static let fps = 50.0
    public static let zoom = 2.7
    public static let trackDetailStep = 21 / scale
    public static let trackTurnRate = 0.31
    public static let trackWidth = 40 / scale
    public static let border = 8 / scale
    public static let borderMinCount = 4
    public static let grassDim = playfield / 20.0
    public static let maxShapeDim = max(grassDim, trackWidth, trackDetailStep) * 2.0.squareRoot() * zoom * scale
    public static let maxEpisodeSteps = 1000
    public static let rewardThreshold = 900.0

    // car_dynamics.py
    public static let size = 0.02
    public static let enginePower = 100000000 * size * size
    public static let wheelMomentOfInertia = 4000 * size * size
    public static let frictionLimit = 1000000 * size * size
    public static let wheelR = 27.0
    public static let wheelW = 14.0
    public static let wheelPos: [(Double, Double)] = [(-55, 80), (55, 80), (-55, -82), (55, -82)]
    public static let hullPolys: [[(Double, Double)]] = [
        [(-60, 130), (60, 130), (60, 110), (-60, 110)],
        [(-15, 120), (15, 120), (20, 20), (-20, 20)],
        [(25, 20), (50, -10), (50, -40), (20, -90), (-20, -90), (-50, -40), (-50, -10), (-25, 20)],
        [(-50, -120), (50, -120), (50, -90), (-50, -90)],
    ]
}
