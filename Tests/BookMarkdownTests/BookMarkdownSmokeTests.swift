import Testing
@testable import BookMarkdown

@Test func BookMarkdownModuleLoads() { #expect(Bool(true)) }
