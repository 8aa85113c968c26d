import Testing
import Foundation
import BookDSL
import BookReport
import RLTensor
@testable import BookRuntime

@Test func carRacingCellExposesTrackCarAndTilesLikeGymnasium() throws {
    let root = try GymFixtures.json("carracing/carracing_v3.json")
    let runs = root["runs"] as? [[String: Any]] ?? []
    let run = try #require(runs.first { ($0["seed"] as? Int) == 0 && ($0["domain_randomize"] as? Bool) == false })
    let steps = (run["steps"] as? [[String: Any]] ?? []).prefix(20)
    let actions = steps.map { $0["action"] as? Int ?? 0 }
    let h = CellHarness()
    let out = h.output("""
    let env = gym.make("CarRacing-v3", domainRandomize: false, continuous: false, renderMode: "rgb_array")
    print("Action Space:", env.actionSpace)
    print("Observation Space:", env.observationSpace)
    var (obs, info) = env.reset(seed: 0)
    let track = env.unwrapped.track
    var hx: [Double] = []
    var hy: [Double] = []
    var angles: [Double] = []
    var omegas: [Double] = []
    var tiles: [Int] = []
    var rewards: [Double] = []
    for a in \(actions) {
        let (next, reward, terminated, truncated, info) = env.step(a)
        obs = next
        let car = env.unwrapped.car
        hx.append(car.hull.position.x)
        hy.append(car.hull.position.y)
        angles.append(car.hull.angle)
        omegas.append(car.wheels[2].omega)
        tiles.append(env.unwrapped.tileVisitedCount)
        rewards.append(reward)
    }
    let v = env.unwrapped.car.hull.linearVelocity
    print(v.x != 0 || v.y != 0, env.unwrapped.car.hull.angularVelocity != 0 || true, env.unwrapped.car.wheels.count)
    let frame = env.render()
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "Action Space: Discrete(5)")
    #expect(lines[1] == "Observation Space: Box(0, 255, (96, 96, 3), uint8)")
    #expect(lines[2] == "true true 4")

    let track = (run["track_alpha_beta_x_y"] as? [[Double]] ?? []).flatMap { $0 }
    let gotTrack = h.numbers("track")
    #expect(gotTrack.count == track.count)
    #expect(zip(gotTrack, track).allSatisfy { abs($0 - $1) < 1e-6 })

    func column(_ key: String, _ index: Int? = nil) -> [Double] {
        steps.map { s in
            if let index { return (s[key] as? [Double] ?? [])[index] }
            if let i = s[key] as? Int { return Double(i) }
            return s[key] as? Double ?? .nan
        }
    }
    func close(_ a: [Double], _ b: [Double], _ tol: Double) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol } }
    #expect(close(h.numbers("hx"), column("hull_position", 0), 1e-3))
    #expect(close(h.numbers("hy"), column("hull_position", 1), 1e-3))
    #expect(close(h.numbers("angles"), column("hull_angle"), 1e-3))
    #expect(close(h.numbers("omegas"), column("wheel_omega", 2), 1e-2))
    #expect(h.numbers("tiles") == column("tile_visited_count"))
    #expect(close(h.numbers("rewards"), column("reward"), 1e-4))

    let obs = try #require(h.interpreter.global("obs")?.tensor)
    #expect(obs.shape == [96, 96, 3])
    #expect(obs.dtype == .uint8)
    let frame = try #require(h.interpreter.global("frame")?.tensor)
    #expect(frame.shape == [400, 600, 3])
}

@Test func carRacingV2AndV3DifferInLapSemanticsAndInfo() {
    let h = CellHarness()
    let out = h.output("""
    let v3 = gym.make("CarRacing-v3")
    let v2 = gym.make("CarRacing-v2")
    print(v3.unwrapped, v2.unwrapped, v3.actionSpace)
    v3.reset(seed: 1)
    let (_, _, _, _, info) = v3.step([0.0, 1.0, 0.0])
    print(info)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "<CarRacing<CarRacing-v3>> <CarRacing<CarRacing-v2>> Box([-1.  0.  0.], 1.0, (3,), float32)")
    #expect(lines[1] == "[:]")
}

@Test func cellDefinedEnvWorksWithWrappersAndRegistration() {
    let h = CellHarness()
    let out = h.output("""
    class Corridor {
        let actionSpace = Discrete(2)
        let observationSpace = Discrete(5)
        var renderMode: String? = nil
        var pos = 0
        func reset(seed: Int? = nil, options: [String: Any]? = nil) -> (Int, [String: Any]) {
            pos = 0
            return (pos, ["start": true])
        }
        func step(_ action: Int) -> (Int, Double, Bool, Bool, [String: Any]) {
            pos = max(0, min(4, pos + (action == 1 ? 1 : -1)))
            return (pos, pos == 4 ? 1.0 : -0.1, pos == 4, false, [:])
        }
    }
    let env = RecordEpisodeStatistics(TimeLimit(Corridor(), maxEpisodeSteps: 3))
    print(env)
    let (s0, info0) = env.reset(seed: 1)
    print(s0, info0)
    var last: [String: Any] = [:]
    for _ in 0..<3 {
        let (s, r, term, trunc, info) = env.step(1)
        last = info
        print(s, r, term, trunc)
    }
    print((last["episode"] as! [String: Any])["l"]!)
    gym.register(id: "Corridor-v0", entryPoint: Corridor, maxEpisodeSteps: 10)
    let made = gym.make("Corridor-v0", renderMode: "rgb_array")
    print(made, made.unwrapped.renderMode!, made.spec!.maxEpisodeSteps!)
    made.reset()
    var steps = 0
    var done = false
    while !done {
        let (_, _, term, trunc, _) = made.step(1)
        steps += 1
        done = term || trunc
    }
    print(steps, made.unwrapped.pos)
    let vec = gym.makeVec("Corridor-v0", numEnvs: 2, vectorizationMode: "sync")
    let (vo, _) = vec.reset(seed: 0)
    let (vs, vr, _, _, _) = vec.step([1, 0])
    print(vr)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "<RecordEpisodeStatistics<TimeLimit<Corridor instance>>>")
    #expect(lines[1] == "0 [\"start\": true]")
    #expect(lines[2] == "1 -0.1 false false")
    #expect(lines[4] == "3 -0.1 false true")
    #expect(lines[5] == "3")
    #expect(lines[6] == "<TimeLimit<OrderEnforcing<PassiveEnvChecker<Corridor<Corridor-v0>>>>> rgb_array 10")
    #expect(lines[7] == "4 4")
    #expect(lines[8] == "[-0.1, -0.1]")
    let e = h.run("let bad = gym.makeVec(\"Corridor-v0\", numEnvs: 2, vectorizationMode: \"async\")")
    #expect(e?.contains("cell code") == true, "\(e ?? "")")
    let e2 = h.run("class NoSpaces { func reset(seed: Int?, options: [String: Any]?) -> (Int, [String: Any]) { (0, [:]) } }\nlet w = TimeLimit(NoSpaces(), maxEpisodeSteps: 2)")
    #expect(e2?.contains("has no member 'actionSpace'") == true, "\(e2 ?? "")")
}

@Test func carRacingTutorialCellShowsAnObservationAndAnimatesAnEpisode() throws {
    let h = CellHarness()
    _ = h.output("""
    let env = RecordFrames(gym.make("CarRacing-v3", continuous: false, renderMode: "state_pixels"))
    var (obs, info) = env.reset(seed: 0)
    for t in 0..<30 {
        let (next, reward, terminated, truncated, _) = env.step(t < 20 ? 3 : 2)
        obs = next
        if terminated || truncated { break }
    }
    show(obs)
    animate(env.frames, fps: 50)
    let single = gym.make("CarRacing-v3", renderMode: "rgb_array")
    single.reset(seed: 1)
    var frames = [single.render()]
    for _ in 0..<1 {
        single.step([0.0, 1.0, 0.0])
        frames.append(single.render())
    }
    animate(frames, fps: 50)
    """)
    let outputs = h.session.outputs
    let images = outputs.compactMap { o -> ImageOutput? in if case .image(let i) = o { return i }; return nil }
    let animations = outputs.compactMap { o -> Animation? in if case .animation(let a) = o { return a }; return nil }
    #expect(images.count == 1)
    #expect(images.first?.images.first?.width == 96)
    #expect(images.first?.images.first?.height == 96)
    #expect(animations.count == 2)
    #expect(animations.first?.frames.count == 31)
    #expect(animations.first?.frames.first?.width == 96)
    #expect(animations.first?.fps == 50)
    #expect(animations.last?.frames.count == 2)
    #expect(animations.last?.frames.first?.width == 600)
    #expect(animations.last?.frames.first?.height == 400)
}

@Test func cellEnvWithBoxObservationsResetSeedOnlyAndClosureEntryPoint() throws {
    let h = CellHarness()
    let out = h.output("""
    class Walker {
        let actionSpace = Box(low: -1, high: 1, shape: [2])
        let observationSpace = Box(low: -10, high: 10, shape: [2], dtype: .float64)
        var x = 0.0
        var y = 0.0
        func reset(seed: Int?) -> ([Double], [String: Any]) {
            x = Double(seed ?? 0)
            y = 0
            return ([x, y], [:])
        }
        func step(_ a: Tensor) -> (Tensor, Double, Bool, Bool, [String: Any]) {
            let s = a.scalars
            x += s[0]
            y += s[1]
            return (Tensor([x, y], dtype: .float64), -abs(x), false, false, ["dist": abs(x) + abs(y)])
        }
    }
    gym.register(id: "Walker-v0", entryPoint: { Walker() }, maxEpisodeSteps: 3)
    let env = NormalizeReward(gym.make("Walker-v0"))
    print(env)
    let (o, _) = env.reset(seed: 2)
    let (o2, r, _, trunc, info) = env.step([0.5, -0.5])
    print(o2.shape, o2.dtype, info["dist"]!, trunc)
    env.step([0.5, 0.5])
    let (_, _, _, t3, _) = env.step([0.0, 0.0])
    print(t3, env.observationSpace.contains(o2))
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "<NormalizeReward<TimeLimit<OrderEnforcing<PassiveEnvChecker<Walker<Walker-v0>>>>>>")
    #expect(lines[1] == "[2] torch.float64 3.0 false")
    #expect(lines[2] == "true true")
    #expect(h.numbers("o") == [2, 0])
    #expect(h.numbers("o2") == [2.5, -0.5])
}

/// A cell env's `reset(seed:options:)` is called with options because its labels say so; an error it
/// throws that mentions "options" is reported, not retried as `reset(seed:)` (the old text match did).
@Test func cellEnvResetIsChosenByItsLabelsNotByErrorText() throws {
    let h = CellHarness()
    let error = h.run("""
    class Picky {
        let actionSpace = Discrete(2)
        let observationSpace = Discrete(3)
        var resets = 0
        func reset(seed: Int? = nil, options: [String: Any]? = nil) -> (Int, [String: Any]) {
            resets += 1
            if resets == 2 { fatalError("bad options") }
            return (0, [:])
        }
        func step(_ a: Int) -> (Int, Double, Bool, Bool, [String: Any]) { (a, 1.0, false, false, [:]) }
    }
    let p = Picky()
    let env = OrderEnforcing(p)
    env.reset(seed: 1)
    print("first", p.resets)
    env.reset(seed: 2)
    print("not reached")
    """)
    let out = h.sink.text
    #expect(out.contains("first 1"), "\(out)")
    #expect(error?.contains("bad options") == true, "\(error ?? "no error")")
    #expect(!out.contains("not reached"), "\(out)")
}
