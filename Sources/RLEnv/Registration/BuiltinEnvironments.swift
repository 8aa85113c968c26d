/// The built-in registrations, in Gymnasium 1.x's order (`gymnasium/envs/__init__.py`), plus the
/// older ids the tutorials use (`Taxi-v3`, `CliffWalking-v0`, from Gymnasium ≤ 1.2).
///
/// Box2D ids (LunarLander, BipedalWalker, CarRacing) are registered with their specs; their
/// implementations attach themselves with `Gym.registry.setCreator(_:for:)` from their own files
/// (CarRacing lives in `Envs/CarRacing`). `make` of one without a creator says so.
enum BuiltinEnvironments {
    static let cc = "gymnasium.envs.classic_control"
    static let tt = "gymnasium.envs.toy_text"
    static let b2 = "gymnasium.envs.box2d"

    static func register(into r: Registry) {
        func add(_ id: String, _ ep: String, threshold: EnvArg? = nil, steps: Int? = nil, kwargs: [(String, EnvArg)] = [],
                 vector: String? = nil, creator: EnvCreator? = nil) {
            // Ids here are well-formed literals.
            if let spec = try? EnvSpec(id: id, entryPoint: ep, rewardThreshold: threshold, maxEpisodeSteps: steps, kwargs: kwargs, vectorEntryPoint: vector) {
                r.register(spec, creator: creator)
            }
        }
        let cartpole = EnvCreator(className: "CartPoleEnv", kwargNames: CartPoleEnv.kwargNames, renderModes: CartPoleEnv.renderModes) { k in
            CartPoleEnv(suttonBartoReward: try k.bool("suttonBartoReward", default: false), renderMode: try k.renderMode())
        }
        add("CartPole-v0", "\(cc).cartpole:CartPoleEnv", threshold: .double(195.0), steps: 200, vector: "\(cc).cartpole:CartPoleVectorEnv", creator: cartpole)
        add("CartPole-v1", "\(cc).cartpole:CartPoleEnv", threshold: .double(475.0), steps: 500, vector: "\(cc).cartpole:CartPoleVectorEnv")
        add("MountainCar-v0", "\(cc).mountain_car:MountainCarEnv", threshold: .double(-110.0), steps: 200,
            creator: EnvCreator(className: "MountainCarEnv", kwargNames: MountainCarEnv.kwargNames, renderModes: MountainCarEnv.renderModes) { k in
                MountainCarEnv(renderMode: try k.renderMode(), goalVelocity: try k.double("goalVelocity", default: 0))
            })
        add("MountainCarContinuous-v0", "\(cc).continuous_mountain_car:Continuous_MountainCarEnv", threshold: .double(90.0), steps: 999,
            creator: EnvCreator(className: "Continuous_MountainCarEnv", kwargNames: ContinuousMountainCarEnv.kwargNames, renderModes: ContinuousMountainCarEnv.renderModes) { k in
                ContinuousMountainCarEnv(renderMode: try k.renderMode(), goalVelocity: try k.double("goalVelocity", default: 0))
            })
        add("Pendulum-v1", "\(cc).pendulum:PendulumEnv", steps: 200,
            creator: EnvCreator(className: "PendulumEnv", kwargNames: PendulumEnv.kwargNames, renderModes: PendulumEnv.renderModes) { k in
                PendulumEnv(renderMode: try k.renderMode(), g: try k.double("g", default: 10.0))
            })
        add("Acrobot-v1", "\(cc).acrobot:AcrobotEnv", threshold: .double(-100.0), steps: 500,
            creator: EnvCreator(className: "AcrobotEnv", kwargNames: AcrobotEnv.kwargNames, renderModes: AcrobotEnv.renderModes) { k in
                AcrobotEnv(renderMode: try k.renderMode())
            })
        add("LunarLander-v3", "\(b2).lunar_lander:LunarLander", threshold: .int(200), steps: 1000)
        add("LunarLanderContinuous-v3", "\(b2).lunar_lander:LunarLander", threshold: .int(200), steps: 1000, kwargs: [("continuous", .bool(true))])
        add("BipedalWalker-v3", "\(b2).bipedal_walker:BipedalWalker", threshold: .int(300), steps: 1600)
        add("BipedalWalkerHardcore-v3", "\(b2).bipedal_walker:BipedalWalker", threshold: .int(300), steps: 2000, kwargs: [("hardcore", .bool(true))])
        // CarRacing-v2 (Gymnasium ≤ 0.29; a finished lap truncates) is kept for the tutorials that use it,
        // with the same spec as v3, as EnvPool does; the creator reads `EnvKwargs.envID` to pick the version.
        add("CarRacing-v2", "\(b2).car_racing:CarRacing", threshold: .int(900), steps: 1000)
        add("CarRacing-v3", "\(b2).car_racing:CarRacing", threshold: .int(900), steps: 1000)
        add("Blackjack-v1", "\(tt).blackjack:BlackjackEnv", kwargs: [("sab", .bool(true)), ("natural", .bool(false))],
            creator: EnvCreator(className: "BlackjackEnv", kwargNames: BlackjackEnv.kwargNames, renderModes: BlackjackEnv.renderModes) { k in
                BlackjackEnv(renderMode: try k.renderMode(), natural: try k.bool("natural", default: false), sab: try k.bool("sab", default: false))
            })
        let frozen = EnvCreator(className: "FrozenLakeEnv", kwargNames: FrozenLakeEnv.kwargNames, renderModes: FrozenLakeEnv.renderModes) { k in
            let mapName: String? = k["mapName"] == EnvArg.none ? nil : try k.string("mapName", default: "4x4")
            return try FrozenLakeEnv(renderMode: try k.renderMode(), desc: try k.strings("desc"), mapName: mapName,
                                     isSlippery: try k.bool("isSlippery", default: true),
                                     successRate: try k.double("successRate", default: 1.0 / 3.0),
                                     rewardSchedule: try EnvKwargs.numbers(k, "rewardSchedule") ?? [1, 0, 0])
        }
        add("FrozenLake-v1", "\(tt).frozen_lake:FrozenLakeEnv", threshold: .double(0.70), steps: 100, kwargs: [("mapName", .string("4x4"))], creator: frozen)
        add("FrozenLake8x8-v1", "\(tt).frozen_lake:FrozenLakeEnv", threshold: .double(0.85), steps: 200, kwargs: [("mapName", .string("8x8"))])
        let cliff = EnvCreator(className: "CliffWalkingEnv", kwargNames: CliffWalkingEnv.kwargNames, renderModes: CliffWalkingEnv.renderModes) { k in
            CliffWalkingEnv(renderMode: try k.renderMode(), isSlippery: try k.bool("isSlippery", default: false))
        }
        add("CliffWalking-v0", "\(tt).cliffwalking:CliffWalkingEnv", creator: cliff)
        add("CliffWalking-v1", "\(tt).cliffwalking:CliffWalkingEnv")
        add("CliffWalkingSlippery-v1", "\(tt).cliffwalking:CliffWalkingEnv", kwargs: [("isSlippery", .bool(true))])
        let taxi = EnvCreator(className: "TaxiEnv", kwargNames: TaxiEnv.kwargNames, renderModes: TaxiEnv.renderModes) { k in
            TaxiEnv(renderMode: try k.renderMode(), isRainy: try k.bool("isRainy", default: false),
                    ficklePassenger: try k.bool("ficklePassenger", default: false),
                    rainyProbability: try k.double("rainyProbability", default: 0.8),
                    fickleProbability: try k.double("fickleProbability", default: 0.3))
        }
        add("Taxi-v3", "\(tt).taxi:TaxiEnv", threshold: .int(8), steps: 200, creator: taxi)
        add("Taxi-v4", "\(tt).taxi:TaxiEnv", threshold: .int(8), steps: 200)
        CarRacingEnv.register(into: r)
        LunarLanderEnv.register(into: r)
        BipedalWalkerEnv.register(into: r)
    }
}

extension EnvKwargs {
    static func numbers(_ k: EnvKwargs, _ key: String) throws -> [Double]? {
        guard let a = k[key], a != .none else { return nil }
        if case .numbers(let n) = a { return n }
        throw EnvError.invalidArgument("Keyword argument `\(key)` expects a list of numbers, got \(a)")
    }
}
