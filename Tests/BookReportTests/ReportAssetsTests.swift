import Testing
@testable import BookReport

@Test func assetNamesAreMadeUnique() {
    let a = ReportAssets()
    #expect(a.add(name: "plot.svg", bytes: []) == "plot.svg")
    #expect(a.add(name: "plot.svg", bytes: []) == "plot-2.svg")
    #expect(HTML.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;")
}
