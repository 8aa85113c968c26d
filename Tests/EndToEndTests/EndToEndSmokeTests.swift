import Testing
@testable import BookRuntime

@Test func endToEndPlaceholder() { #expect(Bool(true)) }
