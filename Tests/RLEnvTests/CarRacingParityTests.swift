import Testing
import Foundation
@testable import RLEnv
import RLRender

/// Replays recorded numpy draws (dev harness until NumpyGenerator lands).
final class ReplayRandom: CarRacingRandomSource {
    var values: [Double]
    var i = 0
    init(_ v: [Double]) { values = v }
    func uniform(_ low: Double, _ high: Double) -> Double { defer { i += 1 }; return i < values.count ? values[i] : 0.5 }
    func integers(_ n: Int) -> Int { defer { i += 1 }; return i < values.count ? Int(values[i]) : 0 }
}

enum CarRacingFixture {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("carracing")
    static let runs: [[String: Any]] = {
        let d = try! Data(contentsOf: dir.appendingPathComponent("carracing_v3.json"))
        return (try! JSONSerialization.jsonObject(with: d) as! [String: Any])["runs"] as! [[String: Any]]
    }()
    static let draws: [String: [Double]] = {
        let d = try! Data(contentsOf: dir.appendingPathComponent("draws_dev.json"))
        return (try! JSONSerialization.jsonObject(with: d) as! [String: [Double]])
    }()
    static func frames(dr: Int, seed: Int) -> [[UInt8]] {
        let d = [UInt8](try! Data(contentsOf: dir.appendingPathComponent("frames_dr\(dr)_seed\(seed).rgb")))
        return (0..<5).map { Array(d[($0 * 27648)..<(($0 + 1) * 27648)]) }
    }
}

@Test func carRacingParityReport() throws {
    for run in CarRacingFixture.runs {
        let seed = run["seed"] as! Int
        let dr = (run["domain_randomize"] as! Bool) ? 1 : 0
        let draws = CarRacingFixture.draws["\(seed)_\(dr)"]!
        let env = try CarRacing(domainRandomize: dr == 1, continuous: false, makeRandom: { _ in ReplayRandom(draws) })
        let obs0 = env.reset(seed: UInt64(seed))
        let refTrack = run["track_alpha_beta_x_y"] as! [[Double]]
        var trackErr = 0.0
        let tr = env.track!.points
        if tr.count != refTrack.count { print("TRACK COUNT MISMATCH", tr.count, refTrack.count) }
        for (p, r) in zip(tr, refTrack) {
            trackErr = max(trackErr, abs(p.alpha - r[0]), abs(p.beta - r[1]), abs(p.x - r[2]), abs(p.y - r[3]))
        }
        let frames = CarRacingFixture.frames(dr: dr, seed: seed)
        func mad(_ a: [UInt8], _ b: [UInt8]) -> Double { Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count) }
        var mads = [mad(obs0.pixels, frames[0])]
        var rewardErr = 0.0, posErr100 = 0.0, posErr300 = 0.0, termMismatch = 0
        let steps = run["steps"] as! [[String: Any]]
        for (k, s) in steps.enumerated() {
            let r = try env.step(s["action"] as! Int)
            rewardErr = max(rewardErr, abs(r.reward - (s["reward"] as! Double)))
            if r.terminated != (s["terminated"] as! Bool) { termMismatch += 1 }
            let hp = s["hull_position"] as! [Double]
            let e = max(abs(Double(env.car!.hull.position.x) - hp[0]), abs(Double(env.car!.hull.position.y) - hp[1]))
            if k < 100 { posErr100 = max(posErr100, e) }
            posErr300 = max(posErr300, e)
            if [49, 99, 199, 299].contains(k) { mads.append(mad(r.observation.pixels, frames[mads.count])) }
            if k < 3 || (k % 50 == 0) {
                // print("  step", k, "pos", env.car!.hull.position, hp, "tiles", env.tileVisitedCount, s["tile_visited_count"]!)
            }
            if r.terminated { break }
        }
        print("PARITY seed \(seed) dr\(dr): track \(trackErr) reward \(rewardErr) term mismatches \(termMismatch) pos100 \(posErr100) pos300 \(posErr300) MAD \(mads.map { (($0 * 100).rounded() / 100) })")
    }
}
