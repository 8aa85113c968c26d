import Testing
@testable import RLEnv

@Test func RLEnvModuleLoads() { #expect(Bool(true)) }
