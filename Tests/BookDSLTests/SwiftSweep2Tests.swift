import Testing
import BookDSL

/// Divergences found by the thirteenth session's sweep (programs run through `swiftc -O` and the cell language):
/// each expected output below is what `swiftc -O` printed for the same source.
@Suite struct SwiftSweep2Tests {
    @Test func aSwitchOverATupleThatCoversEveryCaseNeedsNoDefault() {
        // Swift accepts these without `default` (was refused: "switch must be exhaustive"); also `case .some:` without a payload
        expectSwift(#"""
        enum Cell { case wall, empty, goal(Int) }
        func describe(_ c: Cell, _ seen: Bool) -> String {
            switch (c, seen) {
            case (.wall, _): return "wall"
            case (.goal(let r), true) where r > 2: return "big goal \(r)"
            case (.goal(let r), _): return "goal \(r)"
            case (.empty, false): return "fresh"
            case (.empty, true): return "seen"
            }
        }
        print(describe(.wall, true), describe(.goal(5), true), describe(.goal(5), false), describe(.empty, false), describe(.empty, true))
        func flags(_ a: Bool, _ b: Bool) -> Int {
            switch (a, b) { case (true, true): return 3; case (true, false): return 2; case (false, _): return 0 }
        }
        print(flags(true, true), flags(true, false), flags(false, true))
        let maybe: Int? = 2
        switch maybe { case .some(let v) where v > 3: print("big", v); case .some: print("small"); case .none: print("none") }
        """#, "wall big goal 5 goal 5 fresh seen\n3 2 0\nsmall\n")
    }

    @Test func dropWhileAndBitCounts() {
        // `drop(while:)`, `nonzeroBitCount`, `leadingZeroBitCount`, `trailingZeroBitCount` (were: "has no member")
        expectSwift(#"""
        let nums = [4, 8, 15, 16, 23]
        print(nums.drop(while: { $0 < 10 }), nums.drop { $0 < 100 })
        let bits = 0b1011_0110
        print(bits.nonzeroBitCount, bits.leadingZeroBitCount, bits.trailingZeroBitCount, 0.trailingZeroBitCount)
        """#, "[15, 16, 23] []\n5 56 1 64\n")
    }
}
