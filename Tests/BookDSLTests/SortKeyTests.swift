import Testing
import BookDSL

/// `sorted(by:)` / `sort(by:)` with a key comparator (`{ $0.price > $1.price }`) sort by keys read
/// once per element: the order must be exactly the one the closure gives when it is called for
/// every comparison. Each check sorts the same array both ways: with the key closure, and with a
/// closure of another shape that compares the same way (`&& true` makes it no key comparator).
@Suite struct SortKeyTests {
    @Test func keyOrderIsTheComparatorOrder() {
        let o = BookHarness.run("""
        struct Inner { let score: Double }
        struct Item { let id: Int; let price: Double; let name: String; let inner: Inner; let pair: (Int, String) }
        final class Box { var rank: Int; init(_ r: Int) { rank = r } }
        var items: [Item] = []
        var boxes: [Box] = []
        for i in 0..<300 {
            let p = Double((i * 37) % 23) * 0.5
            items.append(Item(id: i, price: p, name: "n\\((i * 7) % 11)", inner: Inner(score: p - 3), pair: ((i * 5) % 13, "s\\(i % 4)")))
            boxes.append(Box((i * 11) % 17))
        }
        func ids(_ xs: [Item]) -> [Int] { xs.map { $0.id } }
        var same = 0, checks = 0
        func check(_ a: [Int], _ b: [Int]) { checks += 1; if a == b { same += 1 } else { print("differs", checks) } }
        check(ids(items.sorted { $0.price > $1.price }), ids(items.sorted { $0.price > $1.price && true }))
        check(ids(items.sorted { $0.price < $1.price }), ids(items.sorted { $0.price < $1.price && true }))
        check(ids(items.sorted { $0.price >= $1.price }), ids(items.sorted { $0.price >= $1.price && true }))
        check(ids(items.sorted { $0.price <= $1.price }), ids(items.sorted { $0.price <= $1.price && true }))
        check(ids(items.sorted { $0.name < $1.name }), ids(items.sorted { $0.name < $1.name && true }))
        check(ids(items.sorted { $0.name >= $1.name }), ids(items.sorted { $0.name >= $1.name && true }))
        check(ids(items.sorted { $0.inner.score > $1.inner.score }), ids(items.sorted { $0.inner.score > $1.inner.score && true }))
        check(ids(items.sorted { $0.pair.0 < $1.pair.0 }), ids(items.sorted { $0.pair.0 < $1.pair.0 && true }))
        check(ids(items.sorted { $0.pair.1 <= $1.pair.1 }), ids(items.sorted { $0.pair.1 <= $1.pair.1 && true }))
        check(ids(items.sorted(by: { a, b in a.id % 7 < b.id % 7 })), ids(items.sorted(by: { a, b in a.id % 7 < b.id % 7 && true })))
        check(ids(items.sorted(by: { a, b in return a.price > b.price })), ids(items.sorted { $0.price > $1.price && true }))
        check(boxes.sorted { $0.rank > $1.rank }.map { $0.rank }, boxes.sorted { $0.rank > $1.rank && true }.map { $0.rank })
        let ns = items.map { $0.id * 7 % 10 }
        check(ns.sorted { $0 >= $1 }, ns.sorted { $0 >= $1 && true })
        var inPlace = items
        inPlace.sort { $0.price >= $1.price }
        check(ids(inPlace), ids(items.sorted { $0.price >= $1.price && true }))
        print(same, checks)
        print(ids(items.sorted { $0.price > $1.price }.prefix(5).map { $0 }))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "14 14\n[18, 41, 64, 87, 110]\n")
    }

    @Test func otherKeysCallTheClosure() {
        let o = BookHarness.run("""
        var reads = 0
        struct P {
            let x: Int
            var k: Int { reads += 1; return x }
        }
        let ps = (0..<50).map { P(x: ($0 * 13) % 7) }
        let byK = ps.sorted { $0.k < $1.k }.map { $0.x }
        print(byK == ps.sorted { $0.x < $1.x }.map { $0.x }, reads >= 98)
        let ds = [3.0, Double.nan, 1.0, 2.0, Double.nan, 0.5, 7.0]
        print(ds.sorted { $0 < $1 }.map { "\\($0)" } == ds.sorted { $0 < $1 && true }.map { "\\($0)" })
        let mixed: [(Int?, Int)] = [(3, 0), (nil, 1), (1, 2)]
        print(mixed.sorted { ($0.0 ?? -1) < ($1.0 ?? -1) }.map { $0.1 })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "true true\ntrue\n[1, 2, 0]\n")
    }
}
