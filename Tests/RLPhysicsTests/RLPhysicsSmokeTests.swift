import Testing
@testable import RLPhysics

@Test func RLPhysicsModuleLoads() { #expect(Bool(true)) }
