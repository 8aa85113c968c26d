import Testing
@testable import RLTensor

@Test func RLTensorModuleLoads() { #expect(Bool(true)) }
