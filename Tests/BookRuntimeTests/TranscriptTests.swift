import Testing
@testable import BookRuntime

@Test func transcriptMasksTimingsOnly() {
    #expect(Transcript.masked("|    fps              | 167      |") == "| fps | # |")
    #expect(Transcript.masked("|    fps              | 99       |") == Transcript.masked("|    fps              | 172      |"))
    #expect(Transcript.masked("---------") == Transcript.masked("------------"))
    #expect(Transcript.masked("| x | 99       |") != Transcript.masked("| x | 172      |"))
    #expect(Transcript.masked("Time with cpu : 12.5 seconds for 300 steps") == "Time with cpu : # seconds for # steps")
    #expect(Transcript.masked("Episode:1 Score:-56.20437956204454") == "Episode:1 Score:-56.20437956204454")
    let committed = "── cell 1: ok\n|    fps              | 167      |\nEpisode:1 Score:-56.2\n"
    #expect(Transcript.differences(expected: committed, actual: committed.replacingOccurrences("167", "171")).isEmpty)
    let changed = Transcript.differences(expected: committed, actual: committed.replacingOccurrences("-56.2", "-56.3"))
    #expect(changed.count == 1 && changed[0].contains("Score:-56.3"))
    #expect(Transcript.differences(expected: committed, actual: "── cell 1: ok\n").count >= 2)
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        var out = "", rest = Substring(self)
        while let r = rest.firstRange(of: a) { out += rest[..<r.lowerBound] + b; rest = rest[r.upperBound...] }
        return out + rest
    }
}
