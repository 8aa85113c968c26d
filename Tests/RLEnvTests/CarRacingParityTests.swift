import Testing
import Foundation
@testable import RLEnv
import RLRender
import RLSupport

/// Gymnasium 1.4.0 fixture runs (shared/fixtures/gymnasium/carracing_*), copied under Fixtures/carracing.
enum CarRacingFixture {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("carracing")
    static let runs: [[String: Any]] = {
        guard let d = try? Data(contentsOf: dir.appendingPathComponent("carracing_v3.json")),
              let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any] else { return [] }
        return o["runs"] as? [[String: Any]] ?? []
    }()
    /// The 96x96 observations after reset and after steps 50, 100, 200, 300.
    static func frames(dr: Int, seed: Int) -> [[UInt8]] {
        guard let d = try? Data(contentsOf: dir.appendingPathComponent("frames_dr\(dr)_seed\(seed).rgb")), d.count == 5 * 27648 else { return [] }
        let b = [UInt8](d)
        return (0..<5).map { Array(b[($0 * 27648)..<(($0 + 1) * 27648)]) }
    }
    static func mad(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(max(1, a.count))
    }
}

struct ParityResult {
    var trackErr = 0.0, rewardErr = 0.0, pos100 = 0.0, pos300 = 0.0, velErr = 0.0, omegaErr = 0.0
    var termMismatch = 0, tileMismatch = 0, steps = 0
    var mads: [Double] = []
}

/// Replays one fixture run through `Gym.make("CarRacing-v3", continuous: false, domainRandomize:)`.
func replay(_ run: [String: Any], quality: RenderQuality) throws -> ParityResult {
    CarRacingEnv.register(into: Gym.registry)
    let seed = run["seed"] as! Int
    let dr = (run["domain_randomize"] as! Bool)
    let env = try Gym.make("CarRacing-v3", kwargs: ["continuous": .bool(false), "domainRandomize": .bool(dr)])
    let base = env.unwrapped as! CarRacingEnv
    base.renderQuality = quality
    let (obs0, _) = try env.reset(seed: seed)
    var res = ParityResult()
    let ref = run["track_alpha_beta_x_y"] as! [[Double]]
    let tr = base.track
    #expect(tr.count == ref.count)
    for (p, r) in zip(tr, ref) { for k in 0..<4 { res.trackErr = max(res.trackErr, abs(p[k] - r[k])) } }
    let rc = run["road_color"] as! [Double], bc = run["bg_color"] as! [Double], gc = run["grass_color"] as! [Double]
    for k in 0..<3 {
        res.trackErr = max(res.trackErr, abs(base.roadColor[k] - rc[k]), abs(base.bgColor[k] - bc[k]), abs(base.grassColor[k] - gc[k]))
    }
    let frames = CarRacingFixture.frames(dr: dr ? 1 : 0, seed: seed)
    if frames.count == 5 { res.mads.append(CarRacingFixture.mad(obs0.arrayValue!.bytes, frames[0])) }
    for (k, s) in (run["steps"] as! [[String: Any]]).enumerated() {
        let (obs, reward, terminated, _, _) = try env.step(.int(s["action"] as! Int))
        res.steps += 1
        res.rewardErr = max(res.rewardErr, abs(reward - (s["reward"] as! Double)))
        if terminated != (s["terminated"] as! Bool) { res.termMismatch += 1 }
        let car = base.car!
        let hp = s["hull_position"] as! [Double]
        let e = max(abs(Double(car.hull.position.x) - hp[0]), abs(Double(car.hull.position.y) - hp[1]))
        if k < 100 { res.pos100 = max(res.pos100, e) }
        res.pos300 = max(res.pos300, e)
        let lv = s["hull_linear_velocity"] as! [Double]
        res.velErr = max(res.velErr, abs(Double(car.hull.linearVelocity.x) - lv[0]), abs(Double(car.hull.linearVelocity.y) - lv[1]),
                         abs(Double(car.hull.angle) - (s["hull_angle"] as! Double)),
                         abs(Double(car.hull.angularVelocity) - (s["hull_angular_velocity"] as! Double)))
        for (i, w) in (s["wheel_omega"] as! [Double]).enumerated() { res.omegaErr = max(res.omegaErr, abs(car.wheels[i].omega - w)) }
        if base.tileVisitedCount != (s["tile_visited_count"] as! Int) { res.tileMismatch += 1 }
        if frames.count == 5, [49, 99, 199, 299].contains(k) { res.mads.append(CarRacingFixture.mad(obs.arrayValue!.bytes, frames[res.mads.count])) }
        if terminated { break }
    }
    return res
}

@Test(arguments: [0, 1, 2, 3, 4, 5])
func carRacingMatchesGymnasiumFixture(_ index: Int) throws {
    let runs = CarRacingFixture.runs
    try #require(runs.count == 6, "fixture runs missing")
    let run = runs[index]
    let r = try replay(run, quality: .fast(supersample: 2))
    print("CarRacing parity seed \(run["seed"]!) dr \(run["domain_randomize"]!): track \(r.trackErr), reward \(r.rewardErr), pos@100 \(r.pos100), pos@300 \(r.pos300), vel/angle \(r.velErr), omega \(r.omegaErr), MAD \(r.mads)")
    #expect(r.steps == 300)
    #expect(r.trackErr <= 1e-6)
    #expect(r.rewardErr <= 1e-4)
    #expect(r.termMismatch == 0)
    #expect(r.tileMismatch == 0)
    #expect(r.pos100 <= 3e-4)
    #expect(r.pos300 <= 1e-3)
    #expect(r.mads.count == 5)
    for m in r.mads { #expect(m <= 10) }
    for m in r.mads { #expect(m <= 2.0, "fast renderer drifted from Gymnasium's frames") }
}

@Test func exactRendererMatchesGymnasiumFramesClosely() throws {
    let runs = CarRacingFixture.runs
    try #require(runs.count == 6)
    // one run is enough for the slow exact pipeline; only the first 50 steps
    var run = runs[0]
    run["steps"] = Array((run["steps"] as! [[String: Any]]).prefix(50))
    let r = try replay(run, quality: .exact)
    print("CarRacing exact renderer MAD \(r.mads)")
    #expect(r.mads.count == 2)
    for m in r.mads { #expect(m <= 0.5) }
}
