import Testing
import BookDSL
@testable import BookRuntime

/// Runs cells in a real interpreter with the engine bindings installed, collecting printed text.
final class CellHarness {
    final class Sink { var text = "" }
    let interpreter = Interpreter()
    let session: RunSession
    let sink = Sink()
    var cellCount = 0

    init(seed: Int? = nil) {
        session = RunSession(outDir: "/tmp/rlbook-env-tests", bookFile: "t.md", device: "cpu", seed: seed, echo: { _ in })
        let sink = self.sink
        interpreter.output = { sink.text += $0 }
        EngineBindings.install(into: interpreter, session: session)
    }

    /// Compiles and runs one cell; returns the error message (compile or runtime), nil on success.
    @discardableResult
    func run(_ code: String) -> String? {
        cellCount += 1
        switch interpreter.compile(SourceText(file: "t.md", text: code, firstLine: cellCount * 100)) {
        case .success(let cell):
            return interpreter.run(cell, timeout: 60).map { $0.message }
        case .failure(let diagnostics):
            return diagnostics.map(\.message).joined(separator: "\n")
        }
    }

    /// Runs a cell that must succeed and returns what it printed.
    func output(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        sink.text = ""
        let error = run(code)
        #expect(error == nil, "cell failed: \(error ?? "")", sourceLocation: sourceLocation)
        return sink.text
    }

    /// The numbers of a global (Int, Double, arrays, tensors), flattened.
    func numbers(_ name: String) -> [Double] {
        guard let v = interpreter.global(name) else { return [] }
        return EnvConversion.flatNumbers(v)?.values ?? []
    }
}

/// Printed lines, padded with empty lines so that indexing a failed cell's output cannot trap.
func outputLines(_ text: String, atLeast n: Int = 16) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    while lines.count < n { lines.append("") }
    return lines
}

@Test func helpersAreHiddenFromGlobalNames() {
    let h = CellHarness()
    #expect(!h.interpreter.globalNames().contains { $0.hasPrefix("__") })
    #expect(h.interpreter.globalNames().contains("gym"))
    #expect(h.interpreter.globalNames().contains("Discrete"))
    #expect(h.interpreter.globalNames().contains("RecordEpisodeStatistics"))
}

@Test func unknownMemberHasDidYouMean() {
    let h = CellHarness()
    let err = h.run("""
    let env = gym.make("CartPole-v1")
    env.reset(seed: 1)
    let r = env.stepp(0)
    """)
    #expect(err == "value of type 'Env' has no member 'stepp'; did you mean 'step'?")
}

@Test func unknownIdAndKwargHaveDidYouMean() {
    let h = CellHarness()
    let e1 = h.run("let env = gym.make(\"CartPol-v1\")")
    #expect(e1?.contains("Did you mean: `CartPole`?") == true, "\(e1 ?? "")")
    let e2 = h.run("let env2 = gym.make(\"FrozenLake-v1\", isSlipery: false)")
    #expect(e2?.contains("unexpected keyword argument 'isSlipery'") == true, "\(e2 ?? "")")
    #expect(e2?.contains("Did you mean: `isSlippery`?") == true, "\(e2 ?? "")")
    let e3 = h.run("let env3 = gym.make(\"CartPole-v1\")\nenv3.step(0)")
    #expect(e3?.contains("Cannot call env.step() before calling env.reset()") == true, "\(e3 ?? "")")
    let e4 = h.run("let env4 = gym.make(\"CartPole-v1\")\nenv4.reset(sed: 1)")
    #expect(e4?.contains("did you mean 'seed'?") == true, "\(e4 ?? "")")
    let e5 = h.run("let env5 = gym.make(\"CartPole-v1\")\nenv5.reset()\nenv5.step(7)")
    #expect(e5?.contains("7 (<class 'int'>) invalid") == true, "\(e5 ?? "")")
}

@Test func wrongWrapperLabelsAreCaughtBeforeRunning() {
    let h = CellHarness()
    let e = h.run("let env = gym.make(\"CartPole-v1\")\nlet w = TimeLimit(env, maxSteps: 10)")
    #expect(e?.contains("maxEpisodeSteps") == true, "\(e ?? "")")
    // nothing ran: `env` was not defined by the failing cell
    #expect(h.interpreter.global("env") == nil)
}

@Test func hostileInputsGiveErrorsNotTraps() {
    let h = CellHarness()
    let bad = [
        "let a = Box(low: 0, high: 1, shape: [100000, 100000, 100000])",
        "let a = Box(low: 0, high: 1, shape: [-3])",
        "let a = MultiBinary([1e300])",
        "let a = MultiDiscrete([3.5, 2])",
        "let a = Discrete(9223372036854775807, start: 10)",
        "let a = Discrete(0)",
        "let a = Discrete(3)\nlet b = a.sample(mask: [1e300, 0, 1])",
        "let a = Discrete(3)\nlet b = a.sample(probability: [0.5, 0.5])",
        "let e = gym.make(\"CartPole-v1\")\nlet f = FrameStackObservation(e, stackSize: 1_000_000_000)",
        "let e = gym.make(\"CarRacing-v3\")\nlet f = ResizeObservation(e, shape: [100000, 100000])",
        "let e = gym.make(\"CartPole-v1\")\nlet f = ReshapeObservation(e, shape: [9223372036854775807, 2])",
        "let v = gym.makeVec(\"CartPole-v1\", numEnvs: 100_000_000)",
        "let e = gym.make(\"CartPole-v1\")\ne.reset()\ne.step(1e300)",
        "let e = gym.make(\"CartPole-v1\")\ne.reset()\ne.step([1, 2, 3])",
        "let e = gym.make(\"CarRacing-v3\")\ne.reset(seed: 0)\ne.step([Double.infinity, 0, 0])",
        "let e = gym.make(\"CartPole-v1\")\ne.reset(options: 3)",
        "let e = gym.make(\"CartPole-v1\", renderMode: [1, 2])",
        "let e = TimeLimit(42, maxEpisodeSteps: 3)",
        "let e = gym.make(\"CartPole-v1\")\nlet w = TimeLimit(e, maxEpisodeSteps: 0)",
        "let e = SyncVectorEnv([])",
        "let g = gym.make(\"CartPole-v1\").npRandom\nlet x = g.integers(0)",
    ]
    for code in bad {
        let e = h.run(code)
        #expect(e != nil, "expected an error from: \(code)")
    }
}
