import Testing
import BookDSL
import RLSupport

/// A fake engine object, like an environment.
final class FakeEnv: NativeObject {
    var steps = 0
    var typeName: String { "Env" }
    var description: String { "FakeEnv(steps: \(steps))" }
    var memberNames: [String] { ["step", "reset", "steps", "actionSpace"] }
    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "steps": return .int(steps)
        case "actionSpace": return .string("Discrete(2)")
        default: return nil
        }
    }
    func setMember(_ name: String, _ value: Value) throws -> Bool {
        if name == "steps", let v = value.asInt { steps = v; return true }
        return false
    }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "step":
            steps += try args.int(nil)
            return .tuple(TupleBox.make([.int(steps), .double(1.0), .bool(steps >= 3)]))
        case "reset":
            steps = 0
            _ = try args.int("seed", default: 0)
            return .tuple(TupleBox.make([.int(0), .dict(DictBox())]))
        default: return nil
        }
    }
    func subscriptGet(_ args: Arguments) throws -> Value? { .int(try args.int(nil) * 10) }
    func binaryOp(_ op: String, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        op == "+" ? .int(steps + (other.asInt ?? 0)) : nil
    }
    func callAsFunction(_ args: Arguments) throws -> Value? { .string("called with \(args.count)") }
}

@Suite struct HostAPITests {
    func setup(_ i: Interpreter) {
        i.defineGlobal("env", .native(FakeEnv()))
        i.defineFunction("scale", signature: Signature("_, by?")) { a in .double(try a.double(nil) * (try a.double("by", default: 2))) }
        i.defineFunction("explode", signature: Signature("")) { _ in throw HostError.message("engine failure: CUDA not available") }
        i.defineFunction("applyTwice", signature: Signature("_, to")) { a in
            let f = a[0]
            let x = try a.interpreter!.call(f, [a[1]])
            return try a.interpreter!.call(f, [x])
        }
        i.defineFunction("dtypeName", signature: Signature("dtype")) { a in .string(a.value("dtype")?.symbolName ?? "?") }
    }

    func go(_ code: String) -> BookHarness.Outcome { BookHarness.run([.init(text: code, firstLine: 1)], setup: setup) }

    @Test func nativeObjectsAndHostFunctions() {
        let o = go("""
        var (obs, info) = env.reset(seed: 42)
        let (s, r, done) = env.step(2)
        print(obs, info, s, r, done, env.steps, env.actionSpace, env[3], env + 1, env(1, 2))
        env.steps = 7
        print(env, scale(3), scale(3, by: 10))
        print(applyTwice({ $0 * 3 }, to: 2), dtypeName(dtype: .float32))
        """)
        #expect(o.stdout == "0 [:] 2 1.0 false 2 Discrete(2) 30 3 called with 2\nFakeEnv(steps: 7) 6.0 30.0\n18 float32\n", "\(o.stderr)")
    }

    @Test func unknownMemberGetsDidYouMean() {
        let o = go("let x = env.stepp(1)")
        #expect(o.diagnostics.first?.message == "value of type 'Env' has no member 'stepp'; did you mean 'step'?")
        #expect(o.code == 70)
    }

    @Test func hostSignaturesAreCheckedStatically() {
        let o = go("print(\"never\")\nscale(1, times: 2)")
        #expect(o.code == 65)
        #expect(o.stdout == "")
    }

    @Test func hostErrorsBecomeDiagnosticsAtTheCall() {
        let o = go("print(1)\nexplode()")
        #expect(o.diagnostics.first?.message == "engine failure: CUDA not available")
        #expect(o.diagnostics.first?.location?.line == 2)
    }

    @Test func timeoutAndInterrupt() throws {
        let i = Interpreter()
        guard case .success(let cell) = i.compile(SourceText(file: "t.md", text: "var n = 0\nwhile true { n += 1 }", firstLine: 3)) else {
            Issue.record("compile failed"); return
        }
        let d = i.run(cell, timeout: 0.2)
        #expect(d?.message == "cell timed out after 0.2 s")
        #expect(d?.location?.line == 4)
        let cell2 = try #require(i.compile(SourceText(file: "t.md", text: "var m = 0\nwhile true { m += 1 }", firstLine: 1)).compiledCell)
        let interrupter = RepeatedInterrupt(i)
        #expect(i.run(cell2, timeout: nil)?.message == "interrupted")
        interrupter.stop()
    }

    @Test func globalsAndCallFromHost() throws {
        let i = Interpreter()
        i.output = { _ in }
        let c = try #require(i.compile(SourceText(file: "t.md", text: "func sched(_ p: Double) -> Double { p * 0.5 }\nlet f = { (x: Int) in x + 1 }", firstLine: 1)).compiledCell)
        #expect(i.run(c, timeout: nil) == nil)
        #expect(i.globalNames().contains("sched"))
        #expect(try i.call(i.global("f")!, [.int(41)]).asInt == 42)
        #expect(try i.call(i.global("sched")!, [.double(0.5)]).asDouble == 0.25)
    }
}

/// Interrupts an interpreter from a background thread, first after 0.1 s and then every 20 ms until
/// `stop()`. `run` clears the stop flag when it starts, so a single interrupt that came first (the
/// test's thread descheduled for 0.1 s on a loaded machine) was lost and the endless loop it was
/// meant to stop hung the whole test run.
final class RepeatedInterrupt: @unchecked Sendable {
    private let lock = NSLockLite()
    private var stopped = false

    init(_ interpreter: Interpreter) {
        _ = Platform.startDetachedThread { [self] in
            usleep(100_000)
            while !lock.withLock({ stopped }) {
                interpreter.interrupt()
                usleep(20_000)
            }
        }
    }

    func stop() { lock.withLock { stopped = true } }
}

@Suite struct HostCallsIntoUserTypes {
    @Test func userClassActsAsEnvironment() throws {
        let i = Interpreter()
        i.output = { _ in }
        let src = """
        class Walk {
            var pos = 0
            var layer = [1.5]
            func reset(seed: Int) -> Int { pos = seed; return pos }
            func step(_ a: Int) -> (Int, Bool) { pos += a; return (pos, pos > 3) }
        }
        let w = Walk()
        """
        guard case .success(let c) = i.compile(SourceText(file: "t.md", text: src, firstLine: 1)) else { Issue.record("compile"); return }
        #expect(i.run(c, timeout: nil) == nil)
        let w = i.global("w")!
        #expect(i.hasMethod(w, "step") && !i.hasMethod(w, "render"))
        #expect(try i.callMethod(w, "reset", [.int(2)], labels: ["seed"]).asInt == 2)
        #expect(try i.callMethod(w, "step", [.int(5)]).description == "(7, true)")
        #expect(try i.member(w, "pos").asInt == 7)
        #expect(i.properties(of: w).map(\.name) == ["pos", "layer"])
    }
}

private extension Result where Success == CompiledCell {
    /// The compiled cell, nil when compiling failed (for `#require`).
    var compiledCell: CompiledCell? {
        if case .success(let c) = self { return c }
        return nil
    }
}
