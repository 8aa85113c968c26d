// Track generation: a port of CarRacing._create_track (gymnasium/envs/box2d/car_racing.py), same
// double-precision arithmetic and the same order of random draws (facts file section 1.4).
import RLSupport

/// One drawable road polygon (tile or kerb) in world coordinates.
public struct RoadPolygon {
    public var vertices: [(Double, Double)]
    /// The colour as Gymnasium stores it (floats; truncated when drawn).
    public var color: (Double, Double, Double)
    /// Index of the tile this polygon is (−1 for kerbs, whose colours never change).
    public var tileIndex: Int
}

/// A generated track: points `(alpha, beta, x, y)`, tiles and kerbs.
public struct CarRacingTrack {
    public var points: [(alpha: Double, beta: Double, x: Double, y: Double)]
    /// Tile quads `[road1_l, road1_r, road2_r, road2_l]` for tile i (between points i and i−1).
    public var tiles: [[(Double, Double)]]
    /// Tiles and kerbs in drawing order.
    public var roadPolygons: [RoadPolygon]

    /// `_create_track`: returns nil when the attempt is rejected (Gymnasium then retries with fresh draws).
    public static func generate(random: NumpyGenerator, roadColor: (Double, Double, Double)) -> CarRacingTrack? {
        typealias K = CarRacingConstants
        let checkpointsCount = 12
        var checkpoints: [(Double, Double, Double)] = []
        var startAlpha = 0.0
        for c in 0..<checkpointsCount {
            let noise = random.uniform(low: 0, high: 2 * Double.pi * 1 / Double(checkpointsCount))
            var alpha = 2 * Double.pi * Double(c) / Double(checkpointsCount) + noise
            var rad = random.uniform(low: K.trackRad / 3, high: K.trackRad)
            if c == 0 {
                alpha = 0
                rad = 1.5 * K.trackRad
            }
            if c == checkpointsCount - 1 {
                alpha = 2 * Double.pi * Double(c) / Double(checkpointsCount)
                startAlpha = 2 * Double.pi * (-0.5) / Double(checkpointsCount)
                rad = 1.5 * K.trackRad
            }
            checkpoints.append((alpha, rad * cos(alpha), rad * sin(alpha)))
        }

        var x = 1.5 * K.trackRad, y = 0.0, beta = 0.0
        var destI = 0
        var laps = 0
        var track: [(alpha: Double, beta: Double, x: Double, y: Double)] = []
        var noFreeze = 2500
        var visitedOtherSide = false
        while true {
            var alpha = atan2(y, x)
            if visitedOtherSide && alpha > 0 {
                laps += 1
                visitedOtherSide = false
            }
            if alpha < 0 {
                visitedOtherSide = true
                alpha += 2 * Double.pi
            }
            var destX = 0.0, destY = 0.0
            while true {
                var failed = true
                while true {
                    let (dAlpha, dX, dY) = checkpoints[destI % checkpoints.count]
                    destX = dX; destY = dY
                    if alpha <= dAlpha {
                        failed = false
                        break
                    }
                    destI += 1
                    if destI % checkpoints.count == 0 { break }
                }
                if !failed { break }
                alpha -= 2 * Double.pi
            }
            let r1x = cos(beta), r1y = sin(beta)
            let p1x = -r1y, p1y = r1x
            let destDx = destX - x, destDy = destY - y
            var proj = r1x * destDx + r1y * destDy
            while beta - alpha > 1.5 * Double.pi { beta -= 2 * Double.pi }
            while beta - alpha < -1.5 * Double.pi { beta += 2 * Double.pi }
            let prevBeta = beta
            proj *= K.scale
            if proj > 0.3 { beta -= min(K.trackTurnRate, abs(0.001 * proj)) }
            if proj < -0.3 { beta += min(K.trackTurnRate, abs(0.001 * proj)) }
            x += p1x * K.trackDetailStep
            y += p1y * K.trackDetailStep
            track.append((alpha, prevBeta * 0.5 + beta * 0.5, x, y))
            if laps > 4 { break }
            noFreeze -= 1
            if noFreeze == 0 { break }
        }

        // Find the closed loop i1..i2 (the first loop is ignored, the second kept).
        var i1 = -1, i2 = -1
        var i = track.count
        while true {
            i -= 1
            if i == 0 { return nil }
            let passThroughStart = track[i].alpha > startAlpha && track[i - 1].alpha <= startAlpha
            if passThroughStart && i2 == -1 {
                i2 = i
            } else if passThroughStart && i1 == -1 {
                i1 = i
                break
            }
        }
        guard i1 >= 0, i2 - 1 > i1 else { return nil }
        let loop = Array(track[i1..<(i2 - 1)])
        let n = loop.count

        let firstBeta = loop[0].beta
        let firstPerpX = cos(firstBeta), firstPerpY = sin(firstBeta)
        let gx = firstPerpX * (loop[0].x - loop[n - 1].x), gy = firstPerpY * (loop[0].y - loop[n - 1].y)
        let wellGluedTogether = (gx * gx + gy * gy).squareRoot()
        if wellGluedTogether > K.trackDetailStep { return nil }

        // Red-white border on hard turns (Python negative indices wrap).
        @inline(__always) func wrap(_ k: Int) -> Int { k < 0 ? k + n : k }
        var border = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var good = true
            var oneside = 0.0
            for neg in 0..<K.borderMinCount {
                let beta1 = loop[wrap(i - neg - 0)].beta
                let beta2 = loop[wrap(i - neg - 1)].beta
                good = good && abs(beta1 - beta2) > K.trackTurnRate * 0.2
                let d = beta1 - beta2
                oneside += d > 0 ? 1 : (d < 0 ? -1 : 0)
            }
            good = good && abs(oneside) == Double(K.borderMinCount)
            border[i] = good
        }
        for i in 0..<n {
            for neg in 0..<K.borderMinCount {
                border[wrap(i - neg)] = border[wrap(i - neg)] || border[i]
            }
        }

        var tiles: [[(Double, Double)]] = []
        var polys: [RoadPolygon] = []
        tiles.reserveCapacity(n)
        for i in 0..<n {
            let (_, beta1, x1, y1) = loop[i]
            let (_, beta2, x2, y2) = loop[wrap(i - 1)]
            let road1L = (x1 - K.trackWidth * cos(beta1), y1 - K.trackWidth * sin(beta1))
            let road1R = (x1 + K.trackWidth * cos(beta1), y1 + K.trackWidth * sin(beta1))
            let road2L = (x2 - K.trackWidth * cos(beta2), y2 - K.trackWidth * sin(beta2))
            let road2R = (x2 + K.trackWidth * cos(beta2), y2 + K.trackWidth * sin(beta2))
            let quad = [road1L, road1R, road2R, road2L]
            tiles.append(quad)
            let c = 0.01 * Double(i % 3) * 255
            polys.append(RoadPolygon(vertices: quad, color: (roadColor.0 + c, roadColor.1 + c, roadColor.2 + c), tileIndex: i))
            if border[i] {
                let d = beta2 - beta1
                let side: Double = d > 0 ? 1 : (d < 0 ? -1 : 0)
                let b1L = (x1 + side * K.trackWidth * cos(beta1), y1 + side * K.trackWidth * sin(beta1))
                let b1R = (x1 + side * (K.trackWidth + K.border) * cos(beta1), y1 + side * (K.trackWidth + K.border) * sin(beta1))
                let b2L = (x2 + side * K.trackWidth * cos(beta2), y2 + side * K.trackWidth * sin(beta2))
                let b2R = (x2 + side * (K.trackWidth + K.border) * cos(beta2), y2 + side * (K.trackWidth + K.border) * sin(beta2))
                polys.append(RoadPolygon(vertices: [b1L, b1R, b2R, b2L],
                                         color: i % 2 == 0 ? (255, 255, 255) : (255, 0, 0), tileIndex: -1))
            }
        }
        return CarRacingTrack(points: loop, tiles: tiles, roadPolygons: polys)
    }
}
