import Testing
import RLSupport
@testable import BookRuntime

/// The shipped tutorials, run with their quick profiles.
@Suite struct TutorialTests {
    @Test func cartpoleReinforceQuick() throws {
        let r = try runBook(path: "tutorials/cartpole-reinforce.md", args: ["--profile", "quick"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Action Space: Discrete(2)"))
        #expect(r.stdout.contains("first observation: tensor([ 0.0274, -0.0061,  0.0359,  0.0197])"))
        #expect(r.stdout.contains("episode 40: average return"))
        let html = try #require(r.html)
        #expect(html.contains("REINFORCE on CartPole-v1"))
        #expect(html.contains("<svg"))
        #expect(html.contains("data-rlbook-player"))
    }

    @Test func helloInChinese() throws {
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
