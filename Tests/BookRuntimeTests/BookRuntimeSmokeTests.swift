import Testing
@testable import BookRuntime

@Test func BookRuntimeModuleLoads() { #expect(Bool(true)) }
