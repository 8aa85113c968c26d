import Testing
import BookDSL

/// Method calls on a struct in a variable or an array element with no or one argument run
/// without an argument array: mutation in place, conversions, errors and `self` after a throw
/// must be what Swift gives. Expected outputs are what Swift prints for the same code.
@Suite struct InPlaceMethodCallTests {
    @Test func structMethodsInPlace() {
        let o = BookHarness.run("""
        enum Bad: Error { case stop }
        struct P {
            var x = 0.0
            var n = 0
            mutating func step(_ dt: Double) { x += dt; n += 1 }
            mutating func move(by d: Int) -> Int { n += d; return n }
            mutating func reset() { x = 0; n = 0 }
            mutating func bump() throws { n += 5; throw Bad.stop }
            func total() -> Double { x + Double(n) }
        }
        struct Q {
            var k = 1
            func step(_ dt: Double) -> Double { dt * 2 }
        }
        var ps = [P(), P(x: 1, n: 1)]
        for i in 0..<ps.count { ps[i].step(2) }
        print(ps[0].x, ps[0].n, ps[1].x, ps[1].n)
        print(ps[1].move(by: 3), ps[1].n)
        var p = ps[1]
        p.reset()
        print(p.x, p.n, ps[1].n, ps[1].total())
        do { try p.bump() } catch { print("caught", p.n) }
        var q = Q()
        print(q.step(3), q.k)
        var xs = [3, 1, 2]
        print(xs.removeLast(), xs.remove(at: 0), xs)
        var d = ["a": 1]
        print(d.removeValue(forKey: "a") as Any, d.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "2.0 1 3.0 2\n5 5\n0.0 0 5 8.0\ncaught 5\n6.0 1\n2 3 [1]\nOptional(1) 0\n")
    }
}
