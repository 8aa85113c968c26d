import Testing
@testable import BookMarkdown

@Suite struct ParameterValueTests {
    @Test func parsesTypedValues() {
        #expect(parseParameterValue("20_000") == .int(20_000))
        #expect(parseParameterValue("-3") == .int(-3))
        #expect(parseParameterValue("1e-4") == .double(1e-4))
        #expect(parseParameterValue("0.5") == .double(0.5))
        #expect(parseParameterValue("true") == .bool(true))
        #expect(parseParameterValue("false") == .bool(false))
        #expect(parseParameterValue("CarRacing-v2") == .string("CarRacing-v2"))
        #expect(parseParameterValue("\"42\"") == .string("42"))
        #expect(parseParameterValue("'hi there'") == .string("hi there"))
        #expect(parseParameterValue("inf") == .string("inf"))
        #expect(parseParameterValue("1__0") == .string("1__0"))
        #expect(parseParameterValue("_1") == .string("_1"))
        #expect(parseParameterValue("99999999999999999999") == .double(1e20))
        #expect(parseParameterValue("") == .string(""))
    }
}
