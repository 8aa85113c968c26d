import RLSupport

/// Built-ins whose work grows with a size the cell chooses: sized against the memory budget
/// first, made in blocks that honour Ctrl-C and the cell's timeout (`Cancellation`).
extension Interpreter {
    /// `String(repeating:count:)` made in blocks, so Ctrl-C and the cell's timeout stop a long one
    /// (the caller's `host` reports the stop and drops the partial string).
    static func repeated(_ unit: String, _ n: Int) -> String {
        let blockCount = 1 << 16
        if n <= blockCount { return String(repeating: unit, count: n) }
        var out = ""
        out.reserveCapacity(n * unit.utf8.count)
        let block = String(repeating: unit, count: blockCount)
        var left = n
        while left >= blockCount {
            out += block
            left -= blockCount
            if Cancellation.isRequested { return out }
        }
        out += String(repeating: unit, count: left)
        return out
    }

    /// `s.utf8` as an array of Ints (the budget counts the array's values).
    func utf8Values(_ s: String, _ loc: Loc) throws -> Value {
        let n = s.utf8.count
        if n < 1 << 16 { return .array(s.utf8.map { .int(Int($0)) }) }
        if let why = MemoryBudget.refusal(count: n, elementBytes: MemoryLayout<Value>.stride, what: "'utf8' of a string of \(n) bytes") {
            throw RuntimeError(why, loc)
        }
        var out: [Value] = []
        out.reserveCapacity(n)
        for b in s.utf8 {
            out.append(.int(Int(b)))
            if out.count & 0xFFFF == 0, stopFlag.pointee != 0 { throw StopSignal(message: stopMessage, loc: loc) }
        }
        return .array(out)
    }
}
