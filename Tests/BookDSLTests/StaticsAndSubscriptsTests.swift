import Testing
import BookDSL

/// Static stored properties changed and named bare in static methods, and subscripts declared in
/// cell types. Expected outputs are what Swift prints for the same code.
@Suite struct StaticsAndSubscriptsTests {
    @Test func staticPropertiesChangeAndStaticMethodsNameThemBare() {
        let o = BookHarness.run("""
        class K {
            static var n = 0
            static let base = 10
            static var scaled = base * 2
            static func bump() { n += 1 }
            static func twice() -> Int { bump(); bump(); return n + base }
            static func viaClosure() -> [Int] { [1, 2].map { $0 + n } }
            var id: Int
            init() { K.n += 1; id = K.n }
        }
        func bump() { print("global bump") }
        print(K.twice(), K.viaClosure(), K.scaled)
        let a = K(), b = K()
        print(a.id, b.id, K.n)
        struct Cfg { static var lr: Double = 0.1 }
        Cfg.lr = 1
        Cfg.lr *= 3
        print(Cfg.lr)
        bump()
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "12 [3, 4] 20\n3 4 4\n3.0\nglobal bump\n")
        BookHarness.expectError("struct C { static let k = 1 }\nC.k = 2", code: 65,
                                contains: "cannot assign to property: 'k' is a 'let' constant")
    }

    @Test func subscriptsOfCellTypesReadAndWrite() {
        let o = BookHarness.run("""
        class Ring {
            var data: [Double] = []
            subscript(i: Int) -> Double {
                get { data[i % data.count] }
                set { data[i % data.count] = newValue }
            }
            subscript(row r: Int, col c: Int) -> Double { Double(r * 10 + c) }
        }
        let rb = Ring()
        rb.data = [1, 2, 3]
        rb[4] = 9
        rb[0] += 0.5
        print(rb.data, rb[1], rb[row: 2, col: 3])
        struct Matrix {
            var cols: Int
            var grid: [Double]
            init(rows: Int, cols: Int) { self.cols = cols; grid = Array(repeating: 0.0, count: rows * cols) }
            subscript(row: Int, column: Int) -> Double {
                get { grid[row * cols + column] }
                set(v) { grid[row * cols + column] = v }
            }
        }
        var m = Matrix(rows: 2, cols: 2)
        m[0, 1] = 1.5
        m[1, 0] = 3.2
        m[1, 0] *= 2
        let copy = m
        m[0, 0] = 7
        print(m.grid, copy.grid, m[1, 0])
        struct Wrapper { var items = [Matrix(rows: 1, cols: 1)] }
        var w = Wrapper()
        w.items[0][0, 0] = 4
        print(w.items[0].grid)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[1.5, 9.0, 3.0] 9.0 23.0\n[7.0, 1.5, 6.4, 0.0] [0.0, 1.5, 6.4, 0.0] 6.4\n[4.0]\n")
    }

    @Test func subscriptErrorsSayWhatToDo() {
        BookHarness.expectError("struct G { subscript(i: Int) -> Int { i * 2 } }\nvar g = G()\ng[1] = 3", code: 70,
                                contains: "the subscript of 'G' is get-only")
        BookHarness.expectError("struct P { var x = 1 }\nlet p = P()\nprint(p[0])", code: 70,
                                contains: "value of type 'P' has no subscripts")
        BookHarness.expectError("struct G { var a = [1]; subscript(i: Int) -> Int { get { a[i] } set { a[i] = newValue } } }\nlet g = G()\ng[0] = 5",
                                code: 65, contains: "cannot assign through subscript: 'g' is a 'let' constant")
        BookHarness.expectError("struct G { static subscript(i: Int) -> Int { i } }", code: 65,
                                contains: "static subscripts are not supported")
    }
}
