import Testing
import BookRuntime
@testable import rlbook

@Test func parsesAFullRunCommand() throws {
    let c = try CommandLineParser.parse(["run", "t.md", "--out", "o", "-p", "a=1", "--param=b = x", "--profile", "quick",
                                         "--device", "cpu", "--seed", "1_000", "--from", "x", "--until", "y", "--quiet"])
    guard case .run(let o) = c else { Issue.record("not a run"); return }
    #expect(o.file == "t.md")
    #expect(o.outDir == "o")
    #expect(o.parameters.map(\.name) == ["a", "b"])
    #expect(o.parameters.map(\.value) == ["1", " x"])
    #expect(o.profile == "quick" && o.device == "cpu" && o.seed == 1000 && o.from == "x" && o.until == "y" && o.quiet)
}

@Test func defaultOutputFolderIsOutputsStem() throws {
    let o = try #require(try CommandLineParser.parse(["run", "tutorials/carracing-dqn.md"]).runOptions)
    #expect(o.resolvedOutDir == "outputs/carracing-dqn")
}

@Test func helpAndVersion() throws {
    #expect(try CommandLineParser.parse([]) == .help(topic: nil))
    #expect(try CommandLineParser.parse(["--version"]) == .version)
    #expect(try CommandLineParser.parse(["--help"]) == .help(topic: nil))
}

@Test(arguments: [
    (["run"], "missing tutorial file"),
    (["run", "a.md", "--qiet"], "did you mean '--quiet'?"),
    (["run", "a.md", "--device", "cdua"], "did you mean 'cuda'?"),
    (["run", "a.md", "-p", "novalue"], "-p name=value"),
    (["run", "a.md", "--seed", "x"], "integer"),
    (["rn", "a.md"], "did you mean 'run'?"),
    (["run", "a.md", "b.md"], "more than one tutorial"),
    (["run", "a.md", "--out"], "needs a value"),
])
func usageErrors(args: [String], message: String) {
    do {
        _ = try CommandLineParser.parse(args)
        Issue.record("expected a usage error for \(args)")
    } catch {
        #expect(error.exitCode == 64)
        #expect(error.description.contains(message), "\(error.description)")
    }
}

@Test func parsesNPAndItIsRemovedFromTheArgumentsGivenToMPIRun() throws {
    let c = try CommandLineParser.parse(["run", "--np", "2", "t.md", "-p", "a=1"])
    guard case .run(let o) = c else { Issue.record("not a run"); return }
    #expect(o.processes == 2)
    #expect(MPILauncher.removingNP(["--np", "2", "t.md", "-p", "a=1"]) == ["t.md", "-p", "a=1"])
    #expect(MPILauncher.removingNP(["t.md", "--np=4", "--quiet"]) == ["t.md", "--quiet"])
    #expect(throws: RunError.self) { try CommandLineParser.parse(["run", "--np", "0", "t.md"]) }
    #expect(throws: RunError.self) { try CommandLineParser.parse(["run", "--np", "two", "t.md"]) }
}

@Test func checkFlagParses() throws {
    guard case .run(let o) = try CommandLineParser.parse(["run", "t.md", "--check"]) else { Issue.record("not a run"); return }
    #expect(o.check)
}

