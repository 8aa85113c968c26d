import Testing
@testable import RLEnv

/// Gymnasium's `get_wrapper_attr`: one lookup by name down the wrapper chain, no per-type code.
@Test func wrapperAttributeWalksTheChainOutermostFirst() throws {
    let env = try RecordEpisodeStatistics(Gym.make("CartPole-v1"))
    _ = try env.reset(seed: 1)
    _ = try env.step(.int(0))
    #expect(try env.attribute("episodeCount").intValue == 0, "the outer wrapper's own attribute")
    #expect(try env.attribute("elapsedSteps") == nil, "not the outer wrapper's own")
    #expect(try env.wrapperAttribute("elapsedSteps").intValue == 1, "the wrapped TimeLimit's")
    #expect(try env.wrapperAttribute("state").listValue?.count == 4, "the unwrapped CartPole's")
    #expect(try env.wrapperAttribute("noSuchAttribute") == nil)
    #expect(env.attributeNames.contains("returnQueue"))
}

@Test func attributesSetAndCallThroughTheProtocol() throws {
    let n = try NormalizeReward(Gym.make("CartPole-v1"))
    #expect(try n.setEnvAttribute("updateRunningMean", to: .bool(false)))
    #expect(!n.updateRunningMean)
    #expect(throws: EnvError.self) { _ = try n.setEnvAttribute("updateRunningMean", to: .int(1)) }
    let taxi = TaxiEnv()
    let code = try #require(try taxi.callEnvAttribute("encode", [.int(3), .int(1), .int(2), .int(0)]).intValue)
    #expect(code == taxi.encode(3, 1, 2, 0))
    #expect(try taxi.callEnvAttribute("decode", [.int(code)]).tupleValue?.compactMap(\.intValue) == [3, 1, 2, 0])
    #expect(throws: EnvError.self) { _ = try taxi.callEnvAttribute("decode", []) }
}

private extension Optional where Wrapped == EnvAttribute {
    var intValue: Int? { if case .int(let i)? = self { return i }; return nil }
    var listValue: [EnvAttribute]? { if case .list(let l)? = self { return l }; return nil }
    var tupleValue: [EnvAttribute]? { if case .tuple(let t)? = self { return t }; return nil }
}

private extension EnvAttribute {
    var intValue: Int? { if case .int(let i) = self { return i }; return nil }
}
