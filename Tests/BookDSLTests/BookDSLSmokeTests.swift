import Testing
@testable import BookDSL

@Test func BookDSLModuleLoads() { #expect(Bool(true)) }
