// Registry, EnvSpec printing, make's wrapper stack, and Gymnasium-style errors.
import Testing
@testable import RLEnv

@Suite struct RegistryTests {
    @Test func specsPrintLikeGymnasium() throws {
        let expected = try #require(try FixtureLoader.json("specs.json") as? [String: String])
        #expect(expected.count == 4)
        for (id, text) in expected {
            #expect(try Gym.spec(id).description == text)
        }
        #expect(try Gym.make("CartPole-v1").spec?.description == expected["CartPole-v1"])
        #expect(try Gym.make("FrozenLake-v1", kwargs: ["renderMode": "ansi"]).spec?.description ==
            "EnvSpec(id='FrozenLake-v1', entry_point='gymnasium.envs.toy_text.frozen_lake:FrozenLakeEnv', reward_threshold=0.7, nondeterministic=False, max_episode_steps=100, order_enforce=True, disable_env_checker=False, kwargs={'map_name': '4x4', 'render_mode': 'ansi'}, namespace=None, name='FrozenLake', version=1, additional_wrappers=(), vector_entry_point=None)")
        #expect(try Gym.spec("Blackjack-v1").description.contains("kwargs={'sab': True, 'natural': False}"))
    }

    @Test func registryOrderAndWrapperStack() throws {
        let keys = Gym.registry.keys
        #expect(Array(keys.prefix(6)) == ["CartPole-v0", "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1"])
        #expect(keys.contains("Taxi-v4") && keys.contains("CarRacing-v3") && keys.contains("FrozenLake8x8-v1"))
        let env = try Gym.make("CartPole-v1")
        #expect(env.description == "<TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>")
        #expect(env.unwrapped is CartPoleEnv)
        #expect(env.unwrapped.spec?.maxEpisodeSteps == nil)
        #expect(try Gym.make("CartPole-v1", maxEpisodeSteps: -1, disableEnvChecker: true).description == "<OrderEnforcing<CartPoleEnv<CartPole-v1>>>")
        #expect(env.observationSpace.description == "Box([-4.8               -inf -0.41887903        -inf], [4.8               inf 0.41887903        inf], (4,), float32)")
        #expect(try Gym.make("MountainCarContinuous-v0").unwrapped.description == "<Continuous_MountainCarEnv<MountainCarContinuous-v0>>")
        // Unversioned names resolve to the latest version in make.
        #expect(try Gym.make("CartPole").spec?.id == "CartPole-v1")
    }

    @Test func unknownIdsAndVersionsGiveGymnasiumErrors() {
        func message(_ id: String) -> EnvError? {
            do { _ = try Gym.make(id); return nil } catch let e as EnvError { return e } catch { return nil }
        }
        #expect(message("Cartpole-v1") == .nameNotFound("Environment `Cartpole` doesn't exist. Did you mean: `CartPole`?"))
        #expect(message("FrozenLak-v1") == .nameNotFound("Environment `FrozenLak` doesn't exist. Did you mean: `FrozenLake`?"))
        #expect(message("CartPole-v3") == .versionNotFound("Environment version `v3` for environment `CartPole` doesn't exist. It provides versioned environments: [ `v0`, `v1` ]."))
        #expect(message("Pendulum-v0") == .deprecatedEnv("Environment version v0 for `Pendulum` is deprecated. Please use `Pendulum-v1` instead."))
        #expect(message("Not a valid id!") != nil)
        #expect(throws: EnvError.error("No registered env with id: Acrobot")) { try Gym.spec("Acrobot") }
    }

    @Test func unknownKwargsSuggestTheClosestName() throws {
        do {
            _ = try Gym.make("FrozenLake-v1", kwargs: ["isSlipery": false])
            Issue.record("expected an error")
        } catch let e as EnvError {
            #expect(e.kind == "TypeError")
            #expect(e.message.hasPrefix("FrozenLakeEnv.__init__() got an unexpected keyword argument 'isSlipery' was raised from the environment creator for FrozenLake-v1"))
            #expect(e.message.hasSuffix("Did you mean: `isSlippery`?"))
        }
        #expect(throws: EnvError.self) { try Gym.make("FrozenLake-v1", kwargs: ["isSlippery": "yes"]) }
        #expect(throws: EnvError.self) { try Gym.make("FrozenLake-v1", kwargs: ["mapName": "9x9"]) }
    }

    @Test func orderEnforcingAndInvalidActions() throws {
        let env = try Gym.make("CartPole-v1")
        #expect(throws: EnvError.resetNeeded("Cannot call env.step() before calling env.reset()")) { try env.step(0) }
        try env.reset(seed: 0)
        #expect(throws: EnvError.invalidAction("3 (<class 'int'>) invalid: the action space is Discrete(2)")) { try env.step(3) }
        let taxi = try Gym.make("Taxi-v4")
        try taxi.reset(seed: 1)
        #expect(throws: EnvError.self) { try taxi.step(.float32([1])) }
        #expect(throws: EnvError.self) { try env.reset(seed: -1) }
    }

    @Test func registeringANewEnvironment() throws {
        try Gym.register(id: "TestCorridor-v0", maxEpisodeSteps: 7, kwargNames: ["renderMode", "length"]) { k in
            CorridorEnv(length: try k.int("length", default: 5))
        }
        let env = try Gym.make("TestCorridor-v0", kwargs: ["length": 3])
        #expect(env.spec?.maxEpisodeSteps == 7)
        try env.reset(seed: 0)
        var steps = 0
        var done = false
        while !done {
            let r = try env.step(1)
            steps += 1
            done = r.terminated || r.truncated
        }
        #expect(steps == 3)
        #expect(throws: EnvError.self) { try Gym.register(id: "TestCorridor", make: { _ in CorridorEnv(length: 1) }) }
    }
}

/// A tiny custom env for registration tests: walk right `length` times.
final class CorridorEnv: Env {
    let length: Int
    var position = 0
    init(length: Int) {
        self.length = length
        super.init(observationSpace: Discrete(validated: length + 1), actionSpace: Discrete(validated: 2))
    }
    override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        position = 0
        return (.int(0), Info())
    }
    override func step(_ action: EnvValue) throws -> StepResult {
        position = min(length, max(0, position + (action.intValue == 1 ? 1 : -1)))
        return (.int(position), position == length ? 1 : 0, position == length, false, Info())
    }
}

@Suite struct RegistryPrintTests {
    @Test func pprintRegistryLikeGymnasium() {
        let text = Gym.pprintRegistry()
        // Same layout as gymnasium.pprint_registry(); ids are padded to the longest env name of this
        // registry (BipedalWalkerHardcore, 21 characters; Gymnasium's also lists MuJoCo envs, padded to 22).
        #expect(text.hasPrefix("===== classic_control =====\nAcrobot-v1            CartPole-v0           CartPole-v1\nMountainCar-v0        MountainCarContinuous-v0 Pendulum-v1\n===== box2d ====="))
        #expect(text.contains("===== toy_text =====\nBlackjack-v1"))
    }

    @Test func randomFrozenLakeMapsMatchGymnasium() throws {
        #expect(try FrozenLakeEnv.generateRandomMap(size: 8, p: 0.8, seed: 3) == ["SFHFFFFF", "FFFFFFFH", "FFFFFHFF", "HFFFFFFF", "FHFFFFFF", "HFFHFFHF", "HFFFFFHF", "FFFFFFFG"])
        #expect(try FrozenLakeEnv.generateRandomMap(size: 5, p: 0.5, seed: 0) == ["SFFFH", "FHFHH", "HHFFF", "FHFHF", "FFFFG"])
    }
}
