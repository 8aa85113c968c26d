import Testing
import BookDSL

/// `do`/`catch`, `throw`, `try?`/`try!` with engine (host) failures, which cells can catch.
@Suite struct ErrorHandlingTests {
    /// Runs `code` with a host function `toDevice(_:)` that fails for "cuda".
    func runWithEngine(_ code: String) -> BookHarness.Outcome {
        BookHarness.run([BookHarness.CellSpec(text: code, firstLine: 1)]) { interp in
            interp.defineFunction("toDevice", signature: Signature("_")) { args in
                let d = try args.string(nil)
                if d == "cuda" { throw HostError.message("CUDA is not available: no NVIDIA driver found") }
                return .string(d)
            }
        }
    }

    @Test func engineErrorIsCaughtWithItsMessage() {
        let o = runWithEngine("""
        var device = "cuda"
        do {
            _ = try toDevice(device)
        } catch {
            print("falling back:", error)
            print(error.localizedDescription.hasPrefix("CUDA"))
            device = "cpu"
        }
        print(try toDevice(device))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "falling back: CUDA is not available: no NVIDIA driver found\ntrue\ncpu\n")
    }

    @Test func tryOptionalOnEngineFailureGivesNil() {
        let o = runWithEngine("""
        let d = (try? toDevice("cuda")) ?? "cpu"
        print(d, try? toDevice("mps") as Any)
        """)
        #expect(o.stdout == "cpu Optional(\"mps\")\n", "\(o.stderr)")
    }

    @Test func uncaughtEngineErrorStopsTheCellAtTheCall() {
        let o = runWithEngine("print(1)\n_ = toDevice(\"cuda\")\nprint(2)")
        #expect(o.code == 70)
        #expect(o.stdout == "1\n")
        #expect(o.stderr.contains("test.md:2:"), "\(o.stderr)")
        #expect(o.stderr.contains("CUDA is not available"))
    }

    @Test func trapsAreNotCatchable() {
        // Swift traps (index out of range, overflow) end the program; no catch clause sees them
        let o = BookHarness.run("do {\n    let a = [1]\n    print(a[5])\n} catch {\n    print(\"caught\")\n}")
        #expect(o.code == 70)
        #expect(!o.stdout.contains("caught"))
        #expect(o.stderr.contains("index out of range"))
    }

    @Test func catchClauseOrderAndRethrow() {
        #expect(run("""
        enum E: Error { case a, b(Int) }
        func f(_ k: Int) throws -> Int {
            switch k {
            case 0: throw E.a
            case 1: throw E.b(k)
            default: return k
            }
        }
        var out: [String] = []
        for k in 0..<3 {
            do { out.append("ok \\(try f(k))") }
            catch E.b(let n) where n > 5 { out.append("big") }
            catch E.b(let n) { out.append("b \\(n)") }
            catch { out.append("other \\(error)") }
        }
        print(out)
        """) == "[\"other a\", \"b 1\", \"ok 2\"]\n")
    }

    @Test func deferRunsWhenAnErrorLeavesTheScope() {
        #expect(run("""
        enum E: Error { case x }
        var log: [String] = []
        func g() throws {
            log.append("in")
            defer { log.append("out") }
            throw E.x
        }
        do { try g() } catch { log.append("caught") }
        print(log)
        """) == "[\"in\", \"out\", \"caught\"]\n")
    }

    @Test func breakAndContinueNeedATarget() {
        #expect(run("continue").contains("'continue' is only allowed inside a loop"))
        #expect(run("for i in 0..<2 { break nowhere }").contains("cannot find label 'nowhere'"))
        #expect(run("a: for i in 0..<2 { a: for j in 0..<2 { } }").contains("cannot be reused"))
        #expect(run("s: switch 1 { case 1: for _ in 0..<1 { continue s }\ndefault: break }").contains("'continue' cannot target the 'switch'"))
        #expect(run("x: if true { }").contains("labels are supported on loops"))
    }

    @Test func labelledBreakOutOfSwitchInsideLoop() {
        #expect(run("""
        var seen: [Int] = []
        scan: for x in [1, 2, 3, 4] {
            switch x {
            case 3: break scan
            default: seen.append(x)
            }
        }
        print(seen)
        """) == "[1, 2]\n")
    }
}
