import Testing
import TestSupport
import BookMarkdown
import RLSupport
@testable import BookRuntime
@testable import rlbook

/// The shipped tutorials, run with their quick profiles.
@Suite struct TutorialTests {
    @Test(.usesTheTensorGenerator) func cartpoleReinforceSmoke() throws {
        let r = try runBook(path: "tutorials/cartpole-reinforce.md", args: ["--profile", "smoke"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("CartPole-v1\n"))
        #expect(r.stdout.contains("Discrete(2)\n2\n"))
        #expect(r.stdout.contains("tensor([ 0.0274, -0.0061,  0.0359,  0.0197])"))
        #expect(r.stdout.contains("| Epoch:   0 | Mean Rewards:"))
        #expect(r.stdout.contains("REINFORCE agent: mean return"))
        let html = try #require(r.html)
        #expect(html.contains("Epoch Rewards Over Time"))
        #expect(html.contains("<svg"))
        #expect(html.contains("data-rlbook-player"))
    }

    /// The Chinese edition translates the prose only: its cells are the English book's, character for character.
    @Test func chineseEditionHasTheSameCells() throws {
        func cells(_ path: String) throws -> [String] {
            let text = String(decoding: try FileIO.read(packageRoot + "/" + path), as: UTF8.self)
            return BookParser.parse(text: text, file: path).cells.map(\.source)
        }
        let en = try cells("tutorials/carracing-dqn.md"), zh = try cells("tutorials/zh/carracing-dqn.md")
        #expect(en.count > 10)
        #expect(en == zh)
        let o = try #require(try CommandLineParser.parse(["run", "tutorials/zh/carracing-dqn.md"]).runOptions)
        #expect(o.resolvedOutDir == "outputs/zh/carracing-dqn")
    }

    @Test(.usesTheTensorGenerator) func helloInChinese() throws {
        let text = String(decoding: try FileIO.read(packageRoot + "/tutorials/hello.md"), as: UTF8.self)
            .replacingFirst("lang: en", with: "lang: zh")
        let r = try runBook(text: text)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(try #require(r.html).contains("<html lang=\"zh\""))
    }
}

extension String {
    /// Splits on a separator string (no Foundation).
    func components(_ sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let i = rest.firstRange(of: sep) {
            out.append(String(rest[..<i.lowerBound]))
            rest = rest[i.upperBound...]
        }
        out.append(String(rest))
        return out
    }

    func replacingFirst(_ a: String, with b: String) -> String {
        let parts = components(a)
        guard parts.count > 1 else { return self }
        return parts[0] + b + parts.dropFirst().joined(separator: a)
    }
}
