import Testing
import BookDSL

/// Cell classes subclassing an engine type through `Interpreter.defineBaseClass`.
@Suite struct HostBaseClassTests {
    /// A base "Tally" that keeps a start value from `super.init(start)` and offers `total`
    /// (property) and `bump(by:)` / `describe()` (methods) to subclasses.
    func setup(_ interp: Interpreter) {
        interp.defineGlobal("EngineThing", .int(1))
        interp.defineBaseClass(HostBaseClass(
            name: "Tally", properties: ["total"], methods: ["bump", "describe"],
            initialize: { [unowned interp] selfValue, args in interp.setHostState(of: selfValue, args.values.first ?? .int(0)) },
            describe: { [unowned interp] v in "Tally(\(interp.hostState(of: v)))" }
        ) { [unowned interp] selfValue, name, args in
            let cur = interp.hostState(of: selfValue).asInt ?? 0
            switch (name, args) {
            case ("total", nil): return .int(cur)
            case ("bump", let a?):
                interp.setHostState(of: selfValue, .int(cur + (a.values.first?.asInt ?? 1)))
                return .void
            case ("describe", _?): return .string("tally at \(cur)")
            default: return nil
            }
        })
    }

    func go(_ code: String) -> BookHarness.Outcome { BookHarness.run([.init(text: code, firstLine: 1)], setup: setup) }

    @Test func subclassUsesSuperInitInheritedAndOverriddenMembers() {
        let o = go("""
        class Steps: Tally {
            var name: String
            init(name: String) { self.name = name; super.init(10) }
            func describe() -> String { "\\(name): " + super.describe() }
            func twice() { bump(by: 2); self.bump(by: 3) }
        }
        let s = Steps(name: "s")
        s.twice()
        print(s.total, total(of: s), s.describe())
        print(s)
        func total(of t: Steps) -> Int { t.total }
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "15 15 s: tally at 15\nTally(15)\n")
    }

    @Test func subclassWithoutAnInitializerInheritsTheEngineOne() {
        // as a Swift subclass without designated initializers inherits its superclass's (gym.RewardWrapper's `init(_ env:)`)
        let o = go("""
        class Plain: Tally { var extra = 1 }
        class Deeper: Plain { func both() -> Int { total + extra } }
        let p = Plain(7)
        let d = Deeper(4)
        d.bump(by: 1)
        print(p.total, d.both(), Plain().total)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "7 6 0\n", "\(o.stdout)")
    }

    @Test func engineTypesThatCannotBeSubclassedSaySo() {
        let o = go("class Mine: EngineThing { }")
        #expect(o.code == 65)
        #expect(o.stderr.contains("cannot inherit from the engine type 'EngineThing'"), "\(o.stderr)")
        #expect(o.stderr.contains("Tally"))
        let dotted = go("class W: gym.Missing { }")
        #expect(dotted.stderr.contains("cannot inherit from the engine type 'gym.Missing'"), "\(dotted.stderr)")
    }

    @Test func unknownMemberOfAHostSubclassIsARuntimeErrorWithTheName() {
        let o = go("class T: Tally { }\nlet t = T()\nprint(t.nothing)")
        #expect(o.code == 70)
        #expect(o.stderr.contains("has no member 'nothing'"), "\(o.stderr)")
    }
}
