import Testing
@testable import RLEnv
import RLSupport

@Test func vectorEnvMatchesSingleEnvsAndAutoresets() throws {
    let vec = try CarRacingVector(numEnvs: 3)
    let obs = vec.reset(seed: 10)
    let singles = try (0..<3).map { _ in try CarRacing(continuous: false) }
    for (i, e) in singles.enumerated() {
        let o = e.reset(seed: UInt64(10 + i))
        #expect(Array(obs[(i * CarRacing.observationSize)..<((i + 1) * CarRacing.observationSize)]) == o.toArray(UInt8.self))
    }
    for k in 0..<15 {
        let actions = [k % 5, (k + 1) % 5, 3]
        let r = try vec.step(actions)
        for i in 0..<3 { #expect(r.rewards[i] == (try singles[i].step(actions[i])).reward) }
    }
    // a finished episode: the next step resets that env and reports reward 0
    for t in 0..<vec.envs[1].tileVisited.count { vec.envs[1].tileContact(tile: t, wheel: 0, begin: true) }
    let end = try vec.step([0, 0, 0])
    #expect(end.terminated == [false, true, false])
    let after = try vec.step([0, 0, 0])
    #expect(after.rewards[1] == 0 && !after.terminated[1] && vec.envs[1].elapsedSteps == 0)
    #expect(throws: CarRacingError.self) { _ = try vec.step([0, 9, 0]) }
    #expect(throws: CarRacingError.self) { _ = try vec.step([0, 1]) }
}

/// CarRacing's vector entry point lives in RLEnv: `Gym.makeVec` builds it without the book runtime,
/// and its continuous actions reach the cores through the same one check as single envs.
@Test func makeVecBuildsCarRacingVectorEntryPoint() throws {
    let vec = try Gym.makeVec("CarRacing-v3", numEnvs: 2, vectorizationMode: "vector_entry_point")
    #expect(vec is CarRacingVectorEnv)
    #expect(vec.description == "CarRacingVectorEnv(CarRacing-v3, num_envs=2)")
    _ = try vec.reset(seed: 3)
    let r = try vec.step([.array(EnvArray(float32: [0, 1, 0])), .array(EnvArray(float32: [0.5, 0, 0]))])
    #expect(r.rewards.count == 2)
    #expect(throws: EnvError.self) { _ = try vec.step([.array(EnvArray(float32: [.nan, 1, 0])), .array(EnvArray(float32: [0, 0, 0]))]) }
}

/// A continuous action given as three controls and as `[steer, gas, brake]` drives the car identically.
@Test func continuousControlsMatchTheArrayAction() throws {
    let a = try CarRacing(continuous: true), b = try CarRacing(continuous: true)
    _ = a.reset(seed: 5); _ = b.reset(seed: 5)
    for k in 0..<20 {
        let steer = Double(k % 5) / 4 - 0.5, gas = 0.7, brake = k % 7 == 0 ? 0.3 : 0
        let x = try a.step(steer: steer, gas: gas, brake: brake), y = try b.step([steer, gas, brake])
        #expect(x.reward == y.reward && x.observation == y.observation)
    }
    #expect(throws: CarRacingError.self) { _ = try a.step(steer: .infinity, gas: 0, brake: 0) }
    #expect(throws: CarRacingError.self) { _ = try a.step([0, 1]) }
}

/// The observation is drawn straight into the array handed out: in place while nobody holds the last
/// one, into a new buffer while someone does (a held observation never changes), and identical to the
/// frame the renderer makes as an image.
@Test func observationsAreDrawnInPlaceAndHeldOnesNeverChange() throws {
    let env = try CarRacing(continuous: false)
    _ = env.reset(seed: 7)
    let buffer = ObjectIdentifier(env.frame.buffer)
    for _ in 0..<3 { _ = try env.step(3) }
    #expect(ObjectIdentifier(env.frame.buffer) == buffer)           // dropped each time: redrawn in place
    let held = try env.step(3).observation
    let before = held.toArray(UInt8.self)
    let next = try env.step(2).observation
    #expect(held.toArray(UInt8.self) == before)                      // the held frame was not drawn over
    #expect(ObjectIdentifier(next.buffer) != ObjectIdentifier(held.buffer))
    let pixels = try CarRacing(renderMode: "state_pixels", continuous: false)
    _ = pixels.reset(seed: 7)
    let obs = try pixels.step(3).observation
    let image = try #require(try pixels.render())                    // the same frame, drawn as an image
    #expect(image.pixels == obs.toArray(UInt8.self) && obs.shape == [image.height, image.width, 3])
}
