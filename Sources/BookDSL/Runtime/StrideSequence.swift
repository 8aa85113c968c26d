import RLSupport

/// `stride(from:to:by:)` / `stride(from:through:by:)` as a `for`-`in` loop sees it: produced one
/// element at a time, as Swift's `StrideTo` is lazy, so `for i in stride(from: 0, to: Int.max, by: 1)`
/// with a `break` costs what it runs. Elsewhere (`stride(...).map`) `stride` returns an array, sized
/// against the memory budget first.
final class StrideSequence: NativeObject {
    enum Bounds {
        case int(from: Int, end: Int, by: Int)
        case double(from: Double, end: Double, by: Double)
    }
    let bounds: Bounds
    let through: Bool

    init(_ bounds: Bounds, through: Bool) {
        self.bounds = bounds
        self.through = through
    }

    /// Reads `stride`'s arguments (the messages are `stride`'s own).
    init(arguments a: Arguments) throws {
        guard let from = a.value("from"), let by = a.value("by"), let end = a.value("to") ?? a.value("through") else {
            throw HostError.message("use stride(from:to:by:) or stride(from:through:by:)")
        }
        through = a.has("through")
        if case .int(let f) = from, case .int(let e) = end, case .int(let s) = by {
            if s == 0 { throw HostError.message("stride(from:to:by:) needs a non-zero step") }
            bounds = .int(from: f, end: e, by: s)
            return
        }
        guard let f = from.asDouble, let e = end.asDouble, let s = by.asDouble, s != 0, s.isFinite, f.isFinite else {
            throw HostError.message("stride(from:to:by:) needs finite numbers and a non-zero step")
        }
        bounds = .double(from: f, end: e, by: s)
    }

    var typeName: String { "StrideSequence" }
    var description: String { "StrideSequence" }

    /// Calls `body` with each element until it returns false.
    @inline(__always)
    func forEach(_ body: (Value) throws -> Bool) rethrows {
        switch bounds {
        case .int(let f, let e, let s):
            var i = f
            while s > 0 ? (through ? i <= e : i < e) : (through ? i >= e : i > e) {
                guard try body(.int(i)) else { return }
                let (n, o) = i.addingReportingOverflow(s)
                if o { return }
                i = n
            }
        case .double(let f, let e, let s):
            var k = 0.0
            while true {
                let x = f + k * s
                if s > 0 ? (through ? x > e : x >= e) : (through ? x < e : x <= e) { return }
                guard try body(.double(x)) else { return }
                k += 1
            }
        }
    }

    /// How many elements there are (saturating), to size the array before making it.
    var count: Int {
        switch bounds {
        case .int(let f, let e, let s):
            let span = Double(e) - Double(f)
            return max(0, Int(min(9e18, (span / Double(s)).rounded(.down) + 1)))
        case .double(let f, let e, let s):
            let n = ((e - f) / s).rounded(.down) + 1
            return n.isFinite ? max(0, Int(min(9e18, n))) : Int.max
        }
    }

    /// All the elements, when they fit the memory budget.
    func elements() throws -> [Value] {
        if let refusal = MemoryBudget.refusal(count: count, elementBytes: MemoryLayout<Value>.stride, what: "stride(...) as an array") {
            throw HostError.message(refusal)
        }
        var out: [Value] = []
        forEach { out.append($0); return out.count & 0xFFFF != 0 || !Cancellation.isRequested }
        return out
    }

    func iterate() throws -> [Value]? { try elements() }
}
