import Testing
@testable import RLEnv
import RLSupport

@Test func vectorEnvMatchesSingleEnvsAndAutoresets() throws {
    let vec = try CarRacingVector(numEnvs: 3)
    let obs = vec.reset(seed: 10)
    let singles = try (0..<3).map { _ in try CarRacing(continuous: false) }
    for (i, e) in singles.enumerated() {
        let o = e.reset(seed: UInt64(10 + i))
        #expect(Array(obs[(i * CarRacing.observationSize)..<((i + 1) * CarRacing.observationSize)]) == o.pixels)
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
