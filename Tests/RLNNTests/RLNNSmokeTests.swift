import Testing
@testable import RLNN

@Test func RLNNModuleLoads() { #expect(Bool(true)) }
