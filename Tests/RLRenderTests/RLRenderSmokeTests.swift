import Testing
@testable import RLRender

@Test func RLRenderModuleLoads() { #expect(Bool(true)) }
