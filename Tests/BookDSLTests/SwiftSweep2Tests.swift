import Testing
import BookDSL

/// Divergences found by the thirteenth session's sweep (programs run through `swiftc -O` and the cell language):
/// each expected output below is what `swiftc -O` printed for the same source.
@Suite struct SwiftSweep2Tests {
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
