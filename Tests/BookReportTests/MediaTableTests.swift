import Testing
@testable import BookReport

@Test func tablesRightAlignNumbersAndFormatThem() {
    let t = Table(title: "Eval", columns: ["step", "reward", "name", "ok"],
                  rows: [[.int(100_000), .double(12.345678), .string("<b>x</b>"), .bool(true)],
                         [.int(5), .double(.nan), .empty, .bool(false)]])
    let html = MediaHTML.table(t)
    #expect(html.contains("<caption>Eval</caption>"))
    #expect(html.contains("<th class=\"num\">step</th>"))
    #expect(html.contains("<td class=\"num\">100,000</td>"))
    #expect(html.contains("<td class=\"num\">12.35</td>"))
    #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"), "text is escaped")
    #expect(!html.contains("<b>"))
    #expect(html.contains("<th>name</th>"))
    #expect(MediaHTML.cellText(.double(1e-7)) == "1e-7")
}

let sb3Log = """
Using cpu device
------------------------------------
| rollout/              |          |
|    ep_len_mean        | 200      |
|    ep_rew_mean        | -1.2e+03 |
| time/                 |          |
|    fps                | 1234     |
|    total_timesteps    | 4000     |
| train/                |          |
|    exploration_rate   | 0.05     |
------------------------------------
Eval num_timesteps=5000, episode_reward=-150.00 +/- 10.00
------------------------------------
| rollout/              |          |
|    ep_rew_mean        | 12.3     |
------------------------------------
"""

@Test func sb3LoggerBlocksBecomeTables() {
    let tables = MediaHTML.parseSB3Logger(sb3Log)
    #expect(tables.count == 2)
    #expect(tables[0].rows.count == 5)
    #expect(tables[0].rows[0] == [.string("rollout/ep_len_mean"), .int(200)])
    #expect(tables[0].rows[1] == [.string("rollout/ep_rew_mean"), .double(-1200)])
    #expect(tables[0].rows[4] == [.string("train/exploration_rate"), .double(0.05)])
    #expect(tables[1].rows == [[.string("rollout/ep_rew_mean"), .double(12.3)]])
    let html = MediaHTML.printedText(sb3Log + "\n<script>alert(1)</script>")
    #expect(html.hasPrefix("<pre class=\"rl-stdout\">Using cpu device</pre><div class=\"rl-sb3\">"))
    #expect(html.contains("Eval num_timesteps=5000"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // Dashes alone, or a table-like block that is not a logger, stay text.
    #expect(MediaHTML.parseSB3Logger("-----\nhello\n-----").isEmpty)
    #expect(MediaHTML.parseSB3Logger("a | b").isEmpty)
}

@Test func recordsBecomeColumnsInFirstSeenOrder() {
    let t = MediaHTML.tableFromRecords([[("step", .int(1)), ("reward", .double(2.5))], [("step", .int(2)), ("loss", .double(0.1))]])
    #expect(t.columns == ["step", "reward", "loss"])
    #expect(t.rows == [[.int(1), .double(2.5), .empty], [.int(2), .empty, .double(0.1)]])
}
