// The CarRacing environment core: a port of gymnasium/envs/box2d/car_racing.py (reset, step, rewards,
// FrictionDetector contact listener, domain randomisation), independent of the Env protocol.
import RLPhysics
import RLRender
import RLSupport

/// Which Gymnasium version's episode-end semantics to follow.
public enum CarRacingVersion: Int, Sendable {
    /// A finished lap sets `truncated` and `info` is empty (Gymnasium 0.29, `CarRacing-v2`).
    case v2 = 2
    /// A finished lap sets `terminated` and `info["lap_finished"]` (Gymnasium ≥ 1.0, `CarRacing-v3`).
    case v3 = 3
}

/// What `step` returns.
public struct CarRacingStep {
    /// The 96x96x3 uint8 frame (`CarRacing.frame`, shared: the next step draws into a new buffer
    /// while this one is held).
    public var observation: NDArray
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool
    /// `lap_finished` for v3 when the episode ended (true: lap done, false: off the playfield); nil otherwise.
    public var lapFinished: Bool?
}

/// Errors of the CarRacing environment.
public enum CarRacingError: Error, Equatable, CustomStringConvertible {
    case invalidAction(String)
    case invalidRenderMode(String)
    case notReset

    public var description: String {
        switch self {
        case .invalidAction(let what):
            return "invalid CarRacing action \(what); discrete actions are 0...4, continuous ones [steer -1...1, gas 0...1, brake 0...1]"
        case .invalidRenderMode(let m):
            return "unknown render mode '\(m)'; use \"rgb_array\", \"state_pixels\" or nil"
        case .notReset:
            return "call reset() before step() or render()"
        }
    }
}

/// Gymnasium's CarRacing (v2/v3) with its own Box2D-compatible physics and pygame-compatible rendering.
public final class CarRacing {
    typealias K = CarRacingConstants

    public let continuous: Bool
    public let domainRandomize: Bool
    public let lapCompletePercent: Double
    /// Off by default (Gymnasium issue #1269: the lap check never fires); true applies the fix.
    public let fixLapCompletion: Bool
    public let version: CarRacingVersion
    public let renderMode: String?

    public private(set) var roadColor: (Double, Double, Double) = (102, 102, 102)
    public private(set) var bgColor: (Double, Double, Double) = (102, 204, 102)
    public private(set) var grassColor: (Double, Double, Double) = (102, 230, 102)

    public let world = World(gravity: .zero)
    public private(set) var car: Car?
    public private(set) var track: CarRacingTrack?
    var tileBodies: [Body] = []
    public private(set) var tileVisited: [Bool] = []
    /// Tiles whose colour was reset to the road colour by a contact (FrictionDetector's side effect).
    public private(set) var tileColorIsRoad: [Bool] = []
    public private(set) var reward = 0.0
    public private(set) var prevReward = 0.0
    public private(set) var tileVisitedCount = 0
    public private(set) var t = 0.0
    public private(set) var newLap = false
    public private(set) var elapsedSteps = 0
    /// The generator (`np_random`); `reset(seed:)` replaces it with `np_random(seed)`.
    public var random: NumpyGenerator?
    /// Episode length after which `step` reports `truncated` (nil: never; `Gym.make` adds a TimeLimit instead).
    public var maxEpisodeSteps: Int?
    let listener = FrictionDetector()
    var renderer = CarRacingRenderer()
    /// How observations are drawn (default `.fast(supersample: 2)`; `.exact` reproduces pygame's pipeline).
    public var renderQuality: RenderQuality {
        get { renderer.quality }
        set { renderer.quality = newValue }
    }
    /// The last observation (96x96x3 uint8). Each step draws into this buffer in place when nobody
    /// else holds it (the caller dropped the last observation, no tensor wraps it), else into a new one.
    public private(set) var frame = NDArray(zeros: [CarRacingConstants.stateH, CarRacingConstants.stateW, 3], dtype: .uint8)

    public init(renderMode: String? = nil, lapCompletePercent: Double = 0.95, domainRandomize: Bool = false,
                continuous: Bool = true, fixLapCompletion: Bool = false, version: CarRacingVersion = .v3,
                random: NumpyGenerator? = nil) throws {
        if let m = renderMode, !["rgb_array", "state_pixels", "human"].contains(m) {
            throw CarRacingError.invalidRenderMode(m)
        }
        self.renderMode = renderMode
        self.lapCompletePercent = lapCompletePercent
        self.domainRandomize = domainRandomize
        self.continuous = continuous
        self.fixLapCompletion = fixLapCompletion
        self.version = version
        listener.env = self
        world.contactListener = listener
        if domainRandomize {
            // _init_colors in __init__ draws from the not-yet-seeded generator (OS entropy unless given)
            let r = random ?? NumpyGenerator()
            self.random = r
            randomizeColors(r)
        } else {
            self.random = random
        }
    }

    func randomizeColors(_ r: NumpyGenerator) {
        roadColor = (r.uniform(low: 0, high: 210), r.uniform(low: 0, high: 210), r.uniform(low: 0, high: 210))
        bgColor = (r.uniform(low: 0, high: 210), r.uniform(low: 0, high: 210), r.uniform(low: 0, high: 210))
        grassColor = bgColor
        switch r.boundedInt(offset: 0, inclusiveRange: 2) {
        case 0: grassColor.0 += 20
        case 1: grassColor.1 += 20
        default: grassColor.2 += 20
        }
    }

    /// `reset(seed:options:)`: new colours (domain randomisation unless `randomize: false`), a new track
    /// and car, then one physics step without action; returns the first observation.
    @discardableResult
    public func reset(seed: UInt64? = nil, randomize: Bool? = nil) -> NDArray {
        if let s = seed { random = NumpyGenerator(seed: s) } else if random == nil { random = NumpyGenerator() }
        return reset(random: random!, randomize: randomize)
    }

    /// `reset` drawing from a given generator (the Env adapter passes its `npRandom`).
    @discardableResult
    public func reset(random rng: NumpyGenerator, randomize: Bool? = nil) -> NDArray {
        random = rng
        destroy()
        reward = 0; prevReward = 0; tileVisitedCount = 0; t = 0; newLap = false; elapsedSteps = 0
        if domainRandomize && (randomize ?? true) { randomizeColors(rng) }
        var generated: CarRacingTrack? = nil
        while generated == nil { generated = CarRacingTrack.generate(random: rng, roadColor: roadColor) }
        let tr = generated!
        track = tr
        tileVisited = [Bool](repeating: false, count: tr.tiles.count)
        tileColorIsRoad = [Bool](repeating: false, count: tr.tiles.count)
        tileBodies.removeAll(keepingCapacity: true)
        for (i, quad) in tr.tiles.enumerated() {
            let b = world.createBody(type: .staticBody)
            let f = b.createFixture(shape: PolygonShape(points: quad.map { Vec2($0.0, $0.1) }), friction: 0.2, isSensor: true)
            f.userData = i
            b.userData = -(i + 1)
            tileBodies.append(b)
        }
        let p0 = tr.points[0]
        car = Car(world: world, initAngle: p0.beta, initX: p0.x, initY: p0.y)
        return advance(action: nil).observation
    }

    func destroy() {
        for b in tileBodies { world.destroyBody(b) }
        tileBodies.removeAll()
        car?.destroy()
        car = nil
    }

    /// A discrete action (0 no-op, 1 right, 2 left, 3 gas, 4 brake).
    public func step(_ action: Int) throws -> CarRacingStep {
        guard car != nil else { throw CarRacingError.notReset }
        guard !continuous else { throw CarRacingError.invalidAction("\(action) (this env is continuous; pass [steer, gas, brake])") }
        guard (0..<5).contains(action) else { throw CarRacingError.invalidAction("\(action)") }
        return advance(action: .discrete(action))
    }

    /// A continuous action `[steer, gas, brake]`.
    public func step(_ action: [Double]) throws -> CarRacingStep {
        guard action.count == 3 else {
            guard car != nil else { throw CarRacingError.notReset }
            throw CarRacingError.invalidAction("\(action)\(continuous ? "" : " (this env is discrete; pass 0...4)")")
        }
        return try step(steer: action[0], gas: action[1], brake: action[2])
    }

    /// A continuous action as its three controls: the one place a continuous action is checked
    /// (env reset, continuous, finite) on its way from `CarRacingEnv.step`, a vector env or a cell to the car.
    public func step(steer: Double, gas: Double, brake: Double) throws -> CarRacingStep {
        guard car != nil else { throw CarRacingError.notReset }
        guard continuous else { throw CarRacingError.invalidAction("\([steer, gas, brake]) (this env is discrete; pass 0...4)") }
        // Gymnasium does not check the range (gas is clipped by the car, steer and brake are not)
        guard steer.isFinite, gas.isFinite, brake.isFinite else {
            throw CarRacingError.invalidAction("\([steer, gas, brake])")
        }
        // Gymnasium casts the float32 action to float64
        return advance(action: .continuous(steer: Double(Float(steer)), gas: Double(Float(gas)), brake: Double(Float(brake))))
    }

    enum Action { case discrete(Int), continuous(steer: Double, gas: Double, brake: Double) }

    func advance(action: Action?) -> CarRacingStep {
        let car = self.car!
        switch action {
        case .some(.continuous(let steer, let gas, let brake)):
            car.steer(-steer); car.gas(gas); car.brake(brake)
        case .some(.discrete(let a)):
            car.steer(-0.6 * (a == 1 ? 1 : 0) + 0.6 * (a == 2 ? 1 : 0))
            car.gas(0.2 * (a == 3 ? 1 : 0))
            car.brake(0.8 * (a == 4 ? 1 : 0))
        case .none:
            break
        }
        car.step(1.0 / K.fps)
        world.step(Float(1.0 / K.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)
        t += 1.0 / K.fps
        if !frame.isUniquelyReferenced() { frame = NDArray(uninitialized: frame.shape, dtype: .uint8) }
        let target = frame.buffer.data.assumingMemoryBound(to: UInt8.self)
        renderer.renderObservation(self, into: target)
        let obs = frame

        var stepReward = 0.0
        var terminated = false
        var truncated = false
        var lapFinished: Bool? = nil
        if action != nil {
            elapsedSteps += 1
            reward -= 0.1
            car.fuelSpent = 0
            stepReward = reward - prevReward
            prevReward = reward
            if tileVisitedCount == track!.tiles.count || newLap {
                if version == .v3 { terminated = true; lapFinished = true } else { truncated = true }
            }
            let x = Double(car.hull.position.x), y = Double(car.hull.position.y)
            if abs(x) > K.playfield || abs(y) > K.playfield {
                terminated = true
                if version == .v3 { lapFinished = false }
                stepReward = -100
            }
            if let m = maxEpisodeSteps, elapsedSteps >= m { truncated = true }
        }
        return CarRacingStep(observation: obs, reward: stepReward, terminated: terminated, truncated: truncated,
                             lapFinished: lapFinished)
    }

    /// The frame for the env's render mode: 600x400 for "rgb_array", 96x96 for "state_pixels".
    public func render() throws -> RGBImage? {
        guard car != nil else { throw CarRacingError.notReset }
        switch renderMode {
        case "rgb_array": return renderer.render(self, mode: .rgbArray)
        case "state_pixels": return renderer.render(self, mode: .statePixels)
        default: return nil
        }
    }

    /// Tile contact bookkeeping (FrictionDetector._contact).
    func tileContact(tile: Int, wheel: Int?, begin: Bool) {
        tileColorIsRoad[tile] = true
        guard let wi = wheel, let car = car else { return }
        let w = car.wheels[wi]
        if begin {
            w.tiles.insert(tile)
            let n = Double(tileVisited.count)
            if !tileVisited[tile] {
                tileVisited[tile] = true
                reward += 1000.0 / n
                tileVisitedCount += 1
                if !fixLapCompletion && tile == 0 && Double(tileVisitedCount) / n > lapCompletePercent { newLap = true }
            }
            if fixLapCompletion && tile == 0 && Double(tileVisitedCount) / n > lapCompletePercent { newLap = true }
        } else {
            w.tiles.remove(tile)
        }
    }
}

/// The contact listener of car_racing.py: tiles are static bodies with negative user data −(i+1),
/// wheels have user data 1...4, the hull 0.
final class FrictionDetector: ContactListener {
    weak var env: CarRacing?

    func beginContact(_ contact: Contact) { handle(contact, begin: true) }
    func endContact(_ contact: Contact) { handle(contact, begin: false) }

    func handle(_ contact: Contact, begin: Bool) {
        guard let env = env else { return }
        let u1 = contact.fixtureA.body.userData, u2 = contact.fixtureB.body.userData
        var tile: Int? = nil, obj = 0
        if u1 < 0 { tile = -u1 - 1; obj = u2 }
        if u2 < 0 { tile = -u2 - 1; obj = u1 }
        guard let t = tile, t < env.tileVisited.count else { return }
        env.tileContact(tile: t, wheel: obj > 0 ? obj - 1 : nil, begin: begin)
    }
}
